import { useEffect, type RefObject } from 'react';

/** Places where the keeper is deliberately typing something else (quantity, goods filter). */
export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLElement && el.isContentEditable) return true;
  if (!(el instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
}

/** Controls that keep focus after use: a radio group is changed with the arrows, again and again. */
function keepsFocus(el: Element | null): boolean {
  return isTextEntry(el) || (el instanceof HTMLInputElement && el.type === 'radio');
}

/**
 * Gives the scan box focus back after an action: a scanner or ID-card reader "types" into
 * whatever has focus, so after a tap on a tile or a button (by mouse, or Enter / Space on
 * a focused one), focus returns to the box. It never traps Tab: moving focus to another
 * control by keyboard leaves it there (useCounterKeys brings it back on Esc or on the
 * first typed character, also when focus fell to nothing).
 * Left alone while another text field is in use or while `enabled` is false (modal open,
 * page hidden, screen locked).
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
        if (!el || document.activeElement === el || keepsFocus(document.activeElement)) return;
        // An antd popup (select dropdown, confirm) lives outside the page; leave it be.
        if (document.activeElement?.closest('.ant-modal, .ant-popover, .ant-select-dropdown, .ant-drawer')) return;
        el.focus({ preventScroll: true });
      }, 0);
    };
    // No focusout handler: Tab past the last control must be free to leave the page (and
    // come back at the header), as in any other program.
    refocus();
    document.addEventListener('pointerup', refocus);
    document.addEventListener('click', refocus);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('pointerup', refocus);
      document.removeEventListener('click', refocus);
    };
  }, [target, enabled]);
}
