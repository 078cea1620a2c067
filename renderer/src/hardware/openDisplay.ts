/**
 * Opening a display from an operator's screen: a fresh display-only credential from the
 * core, carried in the address's fragment (never sent to a server, never in a log).
 */
import type { ErrorBody } from '../../../db/contract/errors.js';
import { call } from '../api/client.js';

export async function displayAddress(kind: 'customer' | 'board'): Promise<{ ok: true; url: string } | { ok: false; error: ErrorBody }> {
  const r = await call('display.open', { kind });
  if (!r.ok) return r;
  const path = kind === 'customer' ? '/display' : '/board';
  return { ok: true, url: `${window.location.origin}${path}#key=${encodeURIComponent(r.value.token)}` };
}

/**
 * The public board on this very screen (the village hall's TV): the operator is logged
 * out first, so what stays up is the display credential, which the idle lock never
 * touches and which can show the boards and nothing else.
 */
export async function becomeBoardDisplay(): Promise<ErrorBody | null> {
  const address = await displayAddress('board');
  if (!address.ok) return address.error;
  await call('session.logout', {});
  window.location.assign(address.url);
  return null;
}
