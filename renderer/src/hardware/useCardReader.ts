import { useEffect, useRef } from 'react';
import { subscribeReader } from './readerPoll.js';

/**
 * The counter's card hook: a card read by the reader arrives as a one-time ticket, which
 * is put through the counter's own lookup (the core turns it back into the ID number), so
 * a card opens the household exactly as a typed number does, with the same refusals.
 */
export function useCardReader(active: boolean, lookup: (query: string) => void): void {
  const latest = useRef(lookup);
  useEffect(() => {
    latest.current = lookup;
  }, [lookup]);
  useEffect(() => {
    if (!active) return;
    let taken: string | null = null;
    return subscribeReader((s) => {
      if (s.ticket && s.ticket !== taken) {
        taken = s.ticket;
        latest.current(s.ticket);
      }
    });
  }, [active]);
}
