import { isOwnUrl } from './origin.js';

/**
 * What the main process knows about the frame that sent an IPC call (event.senderFrame,
 * a WebFrameMain, reduced to plain facts so the rule is testable without Electron).
 * `frame` is null when the frame has already gone (navigated or destroyed).
 */
export interface SenderFacts {
  frame: { url: string; isTopFrame: boolean; isMainFrameOfSender: boolean } | null;
}

export type SenderVerdict = { ok: true } | { ok: false; error: { code: 'FORBIDDEN'; message: string } };

const FORBIDDEN = (why: string): SenderVerdict => ({ ok: false, error: { code: 'FORBIDDEN', message: `来源不被允许 / call refused: ${why}` } });

/**
 * Only the main frame of our own page may call the core: not an iframe (even one of
 * ours: nothing of ours is framed, so a frame is something injected), not a page that
 * got navigated elsewhere, not a frame that is already gone.
 */
export function checkSender(facts: SenderFacts): SenderVerdict {
  const f = facts.frame;
  if (f === null) return FORBIDDEN('no frame');
  if (!f.isTopFrame || !f.isMainFrameOfSender) return FORBIDDEN('not the main frame');
  if (!isOwnUrl(f.url)) return FORBIDDEN('not the app page');
  return { ok: true };
}
