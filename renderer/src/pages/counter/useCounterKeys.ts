import { useEffect, useRef, type RefObject } from 'react';
import { isTextEntry } from './useKeepFocus.js';

/** What the counter's keys act on, read fresh at each key press. */
export interface CounterKeyActions {
  query: string;
  clearQuery: () => void;
  hasMatches: boolean;
  moveMatch: (step: number) => void;
  closeMatches: () => void;
  hasLines: boolean;
  moveLine: (step: number) => void;
  stepLine: (delta: 1 | -1) => void;
  removeLine: () => void;
  /** Esc on an empty box: the next customer (asking first if the cart has goods). */
  next: () => void;
  confirm: () => void;
  print: () => void;
}

/** A dialog is on screen (ours or another area's): the counter's keys wait. */
function dialogShown(): boolean {
  return [...document.querySelectorAll('.ant-modal-wrap')].some((el) => getComputedStyle(el).display !== 'none');
}

/**
 * The counter's key map (docs/counter.md). Keys act only while the scan box (or nothing)
 * has focus, so Tab and Shift+Tab walk every button and field normally; from anywhere
 * else on the page, Esc or a typed character (a scanner burst) brings focus back to the
 * scan box, and the character lands there.
 */
export function useCounterKeys(scanBox: RefObject<HTMLInputElement | null>, enabled: boolean, actions: CounterKeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const a = latest.current;
      const box = scanBox.current;
      const focus = document.activeElement;
      // Dialogs and dropdowns own their keys, also in the moment before a dialog takes focus.
      if (focus?.closest('.ant-modal, .ant-popover, .ant-select-dropdown, .ant-drawer') || dialogShown()) return;
      if (e.key === 'F9' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        a.confirm();
        return;
      }
      if (e.key === 'F8') {
        e.preventDefault();
        a.print();
        return;
      }
      const lost = focus === document.body || focus === null;
      if (lost && box && e.key !== 'Tab') box.focus(); // focus fell to nothing (a removed button): the box takes the key
      if (!lost && focus !== box) {
        if (isTextEntry(focus)) return;
        if (e.key === 'Escape') {
          e.preventDefault();
          box?.focus();
        } else if (e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.altKey && !e.metaKey) {
          // A scanner burst (or typing) while a button has focus: the box takes it.
          box?.focus();
        }
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
      const empty = a.query === '';
      switch (e.key) {
        case 'ArrowUp':
        case 'ArrowDown': {
          const step = e.key === 'ArrowUp' ? -1 : 1;
          if (a.hasMatches) a.moveMatch(step);
          else if (empty && a.hasLines) a.moveLine(step);
          else return;
          e.preventDefault();
          return;
        }
        case '+':
        case '-':
          if (!empty || a.hasMatches || !a.hasLines) return;
          e.preventDefault();
          a.stepLine(e.key === '+' ? 1 : -1);
          return;
        case 'Delete':
          if (!empty || a.hasMatches || !a.hasLines) return;
          e.preventDefault();
          a.removeLine();
          return;
        case 'Escape':
          e.preventDefault();
          if (!empty) a.clearQuery();
          else if (a.hasMatches) a.closeMatches();
          // May open a question; its dialog takes focus (and gives it back when it closes).
          else return a.next();
          box?.focus();
          return;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [scanBox, enabled]);
}
