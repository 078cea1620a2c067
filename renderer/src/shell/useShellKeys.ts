import { useEffect } from 'react';
import type { NavEntry } from '../nav.js';

/** Function keys that open a page from anywhere in the shell (docs/counter.md). */
const PAGE_KEYS: Record<string, string> = {
  F2: 'counter',
  F6: 'receipts',
};

/**
 * F2 the counter, F6 today's receipts: the pages a keeper goes back and forth between,
 * without a mouse. Only pages this role has; never while a dialog owns the keyboard.
 */
export function useShellKeys(pages: readonly NavEntry[], open: (key: string) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const key = PAGE_KEYS[e.key];
      if (!key || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.activeElement?.closest('.ant-modal, .ant-drawer')) return;
      if (!pages.some((p) => p.key === key)) return;
      e.preventDefault();
      open(key);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [pages, open, enabled]);
}
