import { useEffect, type RefObject } from 'react';

/** Places where the keeper is deliberately typing something else (quantity, goods filter). */
function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLElement && el.isContentEditable) return true;
  if (!(el instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
}

/**
 * Keeps the scan box focused: a scanner or ID-card reader "types" into whatever has focus,
 * so after every click on a tile, a tab or empty space, focus must come back. It is left
 * alone while another text field is in use or while `enabled` is false (modal open, page
 * hidden, screen locked).
 */
export function useKeepFocus(target: RefObject<HTMLInputElement | null>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let timer = 0;
    const refocus = () => {
      window.clearTimeout(timer);
      // Wait for the click to finish moving focus before deciding.
      timer = window.setTimeout(() => {
        const el = target.current;
        if (!el || document.activeElement === el || isTextEntry(document.activeElement)) return;
        // An antd popup (select dropdown, confirm) lives outside the page; leave it be.
        if (document.activeElement?.closest('.ant-modal, .ant-popover, .ant-select-dropdown, .ant-drawer')) return;
        el.focus({ preventScroll: true });
      }, 0);
    };
    refocus();
    document.addEventListener('focusout', refocus);
    document.addEventListener('pointerup', refocus);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('focusout', refocus);
      document.removeEventListener('pointerup', refocus);
    };
  }, [target, enabled]);
}
