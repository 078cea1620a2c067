import { createHash } from 'node:crypto';

/**
 * Append-only tables carry the hash of the previous row, so that an edit made behind
 * the app's back (with the sqlite3 shell, say) breaks the chain and `verify` names the
 * row. The hash covers the row's business fields in a fixed order.
 */
export const GENESIS = Buffer.alloc(32);

export function chainHash(prev: Buffer, fields: readonly (string | number | null)[]): Buffer {
  const h = createHash('sha256');
  h.update(prev);
  for (const f of fields) {
    // Length-prefix each field so that ("ab","c") and ("a","bc") differ.
    const s = f === null ? '\u0000null' : typeof f === 'number' ? `n${f}` : `s${f}`;
    h.update(String(Buffer.byteLength(s)) + ':' + s + ';');
  }
  return h.digest();
}
