import { useEffect } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` after `seconds` without a key press or touch. A counter left alone in a
 * village shop must not stay open for the next person to walk up to. Mouse movement alone
 * does not count: a cat or a bumped table should not keep the counter unlocked.
 */
export function useIdleLock(seconds: number, enabled: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!enabled || !(seconds > 0)) return;
    let timer = window.setTimeout(onIdle, seconds * 1000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, seconds * 1000);
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, reset, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, reset, { capture: true });
    };
  }, [seconds, enabled, onIdle]);
}
