import { useEffect, useRef, useState } from 'react';
import { Icon } from './icons';

/**
 * An image shown large over the page, as a modal dialog: focus moves to its close button so the
 * keyboard acts on it, Escape or a click anywhere closes it, and focus goes back to whatever
 * opened it (the image's button), so a keyboard user is not dropped at the top of the page.
 */
export function Lightbox(props: { src: string; alt: string; onClose: () => void }) {
  const { onClose } = props;
  // What had focus when it opened, remembered on the first render, before focus moves in.
  const [opener] = useState(() => document.activeElement);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [onClose, opener]);
  return (
    <div className="lightbox" role="dialog" aria-modal="true" aria-label={`图片 Image ${props.alt}`} onClick={onClose}>
      <img src={props.src} alt={props.alt} />
      <button ref={close} type="button" className="icon-button lightbox-close" aria-label="关闭 Close" onClick={onClose}>
        <Icon name="close" size={20} />
      </button>
    </div>
  );
}
