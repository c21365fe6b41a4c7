import { useRef } from 'react';
import { useDialogFocus } from './dialog-focus';
import { Icon } from './icons';

/**
 * An image shown large over the page, as a modal dialog: focus moves to its close button so the
 * keyboard acts on it and stays there, Escape or a click anywhere closes it, and focus goes back to
 * whatever opened it (the image's button), so a keyboard user is not dropped at the top of the page.
 */
export function Lightbox(props: { src: string; alt: string; onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useDialogFocus(dialog, props.onClose, close);
  return (
    <div ref={dialog} className="lightbox" role="dialog" aria-modal="true" aria-label={`图片 Image ${props.alt}`} onClick={props.onClose}>
      <img src={props.src} alt={props.alt} />
      <button ref={close} type="button" className="icon-button lightbox-close" aria-label="关闭 Close" onClick={props.onClose}>
        <Icon name="close" size={20} />
      </button>
    </div>
  );
}
