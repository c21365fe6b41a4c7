import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** What the keyboard can reach inside a dialog, in Tab order. */
const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Open dialogs, innermost last: a lightbox opened from a forwarded message sits over that message's
 * modal, and only the innermost one may answer Escape and Tab, or one key press would close both.
 */
const open: RefObject<HTMLElement | null>[] = [];

/**
 * A modal dialog's keyboard contract: focus moves into the dialog when it opens (to `initial`, or its
 * first focusable element), Tab and Shift+Tab cycle within it rather than wandering to the page
 * behind, Escape calls `onClose`, and when it goes away focus returns to whatever opened it, so a
 * keyboard user is not dropped at the top of the page.
 */
export function useDialogFocus(dialog: RefObject<HTMLElement | null>, onClose: () => void, initial?: RefObject<HTMLElement | null>) {
  // What had focus when it opened, remembered on the first render, before focus moves in.
  const [opener] = useState(() => document.activeElement);
  // Callers pass fresh closures each render; reading the latest one through a ref keeps the effect
  // from re-running, which would hand focus back to the opener and take it again on every render.
  const close = useRef(onClose);
  close.current = onClose;
  // A layout effect: focus moves in (and back out) in the same commit that shows (or removes) the
  // dialog. A passive effect ran after the browser painted it, so for a moment a key press, or a
  // test looking at the focus, still found it on the page behind.
  useLayoutEffect(() => {
    open.push(dialog);
    const stops = () => Array.from(dialog.current?.querySelectorAll<HTMLElement>(focusable) ?? []);
    (initial?.current ?? stops()[0] ?? dialog.current)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (open[open.length - 1] !== dialog) return;
      if (event.key === 'Escape') close.current();
      if (event.key !== 'Tab') return;
      const all = stops();
      const first = all.at(0);
      const last = all.at(-1);
      const inside = dialog.current?.contains(document.activeElement) ?? false;
      const wraps = event.shiftKey ? document.activeElement === first : document.activeElement === last;
      // Nothing to reach, focus outside, or at an end: take the step ourselves so it stays inside.
      if (!first || !last || !inside || wraps) {
        event.preventDefault();
        (event.shiftKey ? last : first)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      open.splice(open.indexOf(dialog), 1);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [dialog, initial, opener]);
}
