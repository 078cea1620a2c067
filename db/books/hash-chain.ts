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
type OneShot = (algorithm: string, data: Buffer, outputEncoding: 'hex' | 'latin1' | 'buffer') => string | Buffer;
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
  const h = crypto
    .createHash('sha256')
    .update(typeof prev === 'string' ? Buffer.from(prev, 'hex') : prev)
    .update(body);
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

/**
 * The books' key: HMAC-SHA256 with a key derived from the installation's secret, so that
 * nobody without the key can write a row (or rewrite a chain) that verifies. Kept as the
 * two padded key blocks of HMAC (RFC 2104), so that each row costs two one-shot hashes
 * rather than an Hmac object: at millions of rows the object is most of the cost.
 */
export interface ChainKey {
  readonly inner: Buffer;
  readonly outer: Buffer;
}

export function chainKeyFrom(secret: Buffer): ChainKey {
  const k = crypto.createHmac('sha256', secret).update('books-chain').digest();
  const inner = Buffer.alloc(64, 0x36);
  const outer = Buffer.alloc(64, 0x5c);
  for (let i = 0; i < k.length; i++) {
    inner[i] = inner[i]! ^ k[i]!;
    outer[i] = outer[i]! ^ k[i]!;
  }
  return { inner, outer };
}

const keyedScratch = Buffer.allocUnsafe(16 * 1024);
const outerScratch = Buffer.allocUnsafe(96);
// The key whose pads the scratch buffers hold: a walk hashes millions of rows with one key.
let padsOf: ChainKey | null = null;

/**
 * HMAC-SHA256(key, prev || body), the same bytes as createHmac would give (pinned by
 * tests/unit/hash-chain-keyed.test.ts). The inner digest comes back as a latin1 string and
 * is written into the outer block as such (one byte per character): on Node 20 a one-shot
 * hash that returns a Buffer costs about 0.7 µs more than one that returns a string,
 * a third of the whole HMAC of a short row.
 */
function keyedDigest(key: ChainKey, prev: Buffer | string, body: string, encoding: 'hex' | 'buffer'): string | Buffer {
  if (padsOf !== key) {
    key.inner.copy(keyedScratch, 0);
    key.outer.copy(outerScratch, 0);
    padsOf = key;
  }
  const n0 = 64 + (typeof prev === 'string' ? keyedScratch.write(prev, 64, 'hex') : prev.copy(keyedScratch, 64));
  const n = oneShot ? keyedScratch.write(body, n0) : 0;
  if (oneShot && n0 + n < keyedScratch.length - 4) {
    outerScratch.write(oneShot('sha256', keyedScratch.subarray(0, n0 + n), 'latin1') as string, 64, 'latin1');
  } else {
    crypto
      .createHash('sha256')
      .update(key.inner)
      .update(typeof prev === 'string' ? Buffer.from(prev, 'hex') : prev)
      .update(body)
      .digest()
      .copy(outerScratch, 64);
  }
  if (oneShot) return oneShot('sha256', outerScratch, encoding);
  const h = crypto.createHash('sha256').update(outerScratch);
  return encoding === 'hex' ? h.digest('hex') : h.digest();
}

export function keyedChainHash(key: ChainKey, prev: Buffer, fields: readonly ChainField[]): Buffer {
  return keyedDigest(key, prev, chainBody(fields), 'buffer') as Buffer;
}

export function keyedChainHashHex(key: ChainKey, prevHex: string, fields: ArrayLike<ChainField>, from = 0, to = fields.length): string {
  return keyedDigest(key, prevHex, chainBody(fields, from, to), 'hex') as string;
}

/**
 * The keyed hash of a message laid out in `buf` behind 64 spare bytes: buf[start, start + 64)
 * is overwritten with the key's inner pad, and HMAC(key, buf[start + 64, end)) comes back
 * as latin1 text (one character a byte, 32 characters). For walks that get thousands of
 * rows in one buffer from SQLite (db/trust/integrity/seal-walk.ts): each row is hashed
 * where it lies, with no string or Buffer made per row. The same bytes as
 * keyedChainHash over the same message (pinned by tests/unit/hash-chain-keyed.test.ts).
 */
export function keyedMacInPlace(key: ChainKey, buf: Buffer, start: number, end: number): string {
  if (padsOf !== key) {
    key.inner.copy(keyedScratch, 0);
    key.outer.copy(outerScratch, 0);
    padsOf = key;
  }
  key.inner.copy(buf, start);
  const message = buf.subarray(start, end);
  if (oneShot) outerScratch.write(oneShot('sha256', message, 'latin1') as string, 64, 'latin1');
  else crypto.createHash('sha256').update(message).digest().copy(outerScratch, 64);
  if (oneShot) return oneShot('sha256', outerScratch, 'latin1') as string;
  return crypto.createHash('sha256').update(outerScratch).digest().toString('latin1');
}

/** A keyed MAC over a short text (chain heads, seals), with the same key. */
export function keyedMacHex(key: ChainKey, text: string): string {
  return keyedDigest(key, '', text, 'hex') as string;
}

// Each open database's books key, set by whoever opens it with the secret (the core, the
// CLI's verify). Writers look it up here, so no call site has to carry the key, and a
// connection opened without it cannot append to a chain at all.
const booksKeys = new WeakMap<object, ChainKey>();

export function setBooksKey(db: object, key: ChainKey): void {
  booksKeys.set(db, key);
}

export function booksKeyOf(db: object): ChainKey | null {
  return booksKeys.get(db) ?? null;
}

export function requireBooksKey(db: object): ChainKey {
  const k = booksKeys.get(db);
  if (!k) throw new Error("the books' key is not loaded on this connection: open the store through the core");
  return k;
}
