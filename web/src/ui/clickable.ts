import type { KeyboardEvent } from 'react';

/**
 * What makes a clickable row or avatar (a `div` laid out as it is) usable from the keyboard as a
 * button is: reachable with Tab, named a button to assistive technology, and pressed with Enter
 * or Space.
 */
export function clickable(activate: () => void) {
  return {
    role: 'button',
    tabIndex: 0,
    onClick: activate,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
      event.preventDefault();
      activate();
    },
  } as const;
}
