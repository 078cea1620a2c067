import { useSyncExternalStore } from 'react';

/**
 * Below this width the counter is laid out for a village PC's 1024×768 screen: narrow side
 * columns, smaller tiles (global.css), and shorter words where CSS cannot shorten them
 * (an input's placeholder, a button's label).
 */
export const NARROW_SCREEN = '(max-width: 1279px)';

/** Whether a CSS media query matches now, kept current as the window changes size. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
