import * as crypto from 'node:crypto';

/**
 * Append-only tables carry the hash of the previous row, so that an edit made behind
 * the app's back (with the sqlite3 shell, say) breaks the chain and `verify` names the
 * row. The hash covers the row's business fields in a fixed order.
 */
export const GENESIS = Buffer.alloc(32);

export type ChainField = string | number | null;

/**
 * The bytes hashed after the previous hash: each field length-prefixed, so that
 * ("ab","c") and ("a","bc") differ, and typed, so that 1 and "1" differ. This is the
 * one definition of those bytes; every stored hash depends on it
 * (tests/unit/hash-chain.test.ts pins it). `from`/`to` let a verify walk hash a slice
 * of a raw row array without copying it.
 */
export function chainBody(fields: ArrayLike<ChainField>, from = 0, to = fields.length): string {
  let body = '';
  for (let i = from; i < to; i++) {
    const f = fields[i]!;
    if (f === null) body += '5:\u0000null;';
    else if (typeof f === 'number') {
      // A number's text is ASCII, so its UTF-8 length is its string length.
      const s = 'n' + String(f);
      body += String(s.length) + ':' + s + ';';
    } else body += String(Buffer.byteLength(f) + 1) + ':s' + f + ';';
  }
  return body;
}

// One-shot hashing (Node >= 20.12) skips creating a Hash object per row, which is most
// of the cost of hashing a short row; older runtimes fall back to createHash.
type OneShot = (algorithm: string, data: Buffer, outputEncoding: 'hex' | 'buffer') => string | Buffer;
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

// Scratch space for previous hash + body: a verify hashes millions of rows in a loop,
// and copying each into a fresh buffer costs more than the hash itself. Single-threaded
// use only (each worker thread has its own module instance).
const scratch = Buffer.allocUnsafe(16 * 1024);

function digest(prev: Buffer | string, body: string, encoding: 'hex' | 'buffer'): string | Buffer {
  if (oneShot) {
    const n0 = typeof prev === 'string' ? scratch.write(prev, 0, 'hex') : prev.copy(scratch, 0);
    const n = scratch.write(body, n0);
    // buf.write stops short without a word when the text does not fit (and never writes
    // half a character), so anything near the end takes the allocating path instead.
    if (n0 + n < scratch.length - 4) return oneShot('sha256', scratch.subarray(0, n0 + n), encoding);
  }
  const h = crypto.createHash('sha256').update(typeof prev === 'string' ? Buffer.from(prev, 'hex') : prev).update(body);
  return encoding === 'hex' ? h.digest('hex') : h.digest();
}

export function chainHash(prev: Buffer, fields: readonly ChainField[]): Buffer {
  return digest(prev, chainBody(fields), 'buffer') as Buffer;
}

/**
 * chainHash with the previous hash and the result as lowercase hex, for verify walks:
 * SQLite hands out `lower(hex(hash))` as a string more cheaply than a blob as a Buffer,
 * and comparing hex strings needs no Buffer at all.
 */
export function chainHashHex(prevHex: string, fields: ArrayLike<ChainField>, from = 0, to = fields.length): string {
  return digest(prevHex, chainBody(fields, from, to), 'hex') as string;
}
