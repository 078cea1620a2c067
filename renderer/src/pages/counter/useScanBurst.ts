import { useEffect, useRef, type RefObject } from 'react';
import { BurstBuffer } from './scanKeys.js';

/**
 * Listens on the whole document (capture phase, before the IME and antd see the keys)
 * for scanner bursts that a Chinese input method swallowed, and hands the reconstructed
 * text to `onScan`. Bursts typed with no IME in the way reach the scan box normally and
 * are ignored here, so nothing is submitted twice.
 */
export function useScanBurst(scanBox: RefObject<HTMLInputElement | null>, enabled: boolean, onScan: (text: string) => void): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  }, [onScan]);

  useEffect(() => {
    if (!enabled) return;
    const buffer = new BurstBuffer();
    const onKeyDown = (e: KeyboardEvent) => {
      // Only when the scan box (or nothing) has focus: a burst into the quantity field is
      // someone typing there.
      const active = document.activeElement;
      if (active && active !== scanBox.current && active !== document.body) {
        buffer.reset();
        return;
      }
      const text = buffer.feed(e);
      if (text === null) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current(text);
    };
    document.addEventListener('keydown', onKeyDown, { capture: true });
    return () => document.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [scanBox, enabled]);
}
