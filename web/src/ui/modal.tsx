import { useRef, type ReactNode } from 'react';
import { useDialogFocus } from './dialog-focus';
import { Icon } from './icons';

/**
 * A dialog over the page (forwarded messages, the account picker). It keeps the keyboard inside
 * while open and gives focus back to what opened it when it closes, by Escape, its close button,
 * a click on the backdrop, or the caller.
 */
export function Modal(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) {
  const dialog = useRef<HTMLDivElement>(null);
  useDialogFocus(dialog, props.onClose);
  return (
    <div className="modal-backdrop" onMouseDown={(event) => event.target === event.currentTarget && props.onClose()}>
      <div
        ref={dialog}
        className={`modal${props.wide ? ' modal-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        tabIndex={-1}
      >
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
