/**
 * One poll of the card reader's state for the whole page: the header's chip and the
 * counter's card hook both listen, so the host is asked once per interval, and only while
 * someone listens. The call is passive: a card reader polling never keeps a session alive.
 */
import type { ReaderStatusView } from '../../../db/contract/index.js';
import { call, hasSession } from '../api/client.js';

const INTERVAL_MS = 500;
const listeners = new Set<(s: ReaderStatusView) => void>();
let timer: number | null = null;
let last: ReaderStatusView | null = null;

async function tick(): Promise<void> {
  if (hasSession()) {
    const r = await call('reader.status', {});
    if (r.ok) {
      last = r.value;
      for (const l of listeners) l(r.value);
    }
  }
  if (listeners.size > 0) timer = window.setTimeout(() => void tick(), INTERVAL_MS);
  else timer = null;
}

export function subscribeReader(listener: (s: ReaderStatusView) => void): () => void {
  listeners.add(listener);
  if (last) listener({ ...last, ticket: null });
  if (timer === null) timer = window.setTimeout(() => void tick(), 0);
  return () => {
    listeners.delete(listener);
  };
}
