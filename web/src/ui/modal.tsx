import { useEffect, type ReactNode } from 'react';
import { Icon } from './icons';

export function Modal(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) {
  const { onClose } = props;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(event) => event.target === event.currentTarget && props.onClose()}>
      <div className={`modal${props.wide ? ' modal-wide' : ''}`} role="dialog" aria-label={props.title} data-testid={props.testId}>
        <div className="modal-head">
          <span>{props.title}</span>
          <button className="icon-button" onClick={props.onClose} aria-label="关闭">
            <Icon name="close" size={16} />
          </button>
        </div>
        <div className="modal-body">{props.children}</div>
      </div>
    </div>
  );
}
