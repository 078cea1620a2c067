/**
 * The keyed chains (HMAC-SHA256 with the books' key) must give the very bytes Node's
 * createHmac gives: every keyed row, seal and head already written carries them. The
 * fast path hashes through reused pad blocks and scratch buffers; this pins it against
 * the plain HMAC for any fields, long rows, and keys taking turns (the re-key walks two).
 */
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainBody, chainKeyFrom, keyedChainHash, keyedChainHashHex, keyedMacHex, keyedMacInPlace, type ChainField } from '../../db/books/hash-chain.js';

/** HMAC as RFC 2104 and Node define it, with the key the books derive from the secret. */
function reference(secret: Buffer, prev: Buffer, body: string): Buffer {
  const k = createHmac('sha256', secret).update('books-chain').digest();
  return createHmac('sha256', k).update(prev).update(body).digest();
}

describe('keyed chain hash', () => {
  it('equals createHmac for any fields and previous hash, as a Buffer and as hex, with keys taking turns', () => {
    const secrets = [randomBytes(32), randomBytes(32), Buffer.alloc(32, 7)];
    const keys = secrets.map(chainKeyFrom);
    const field = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: -1e12, max: 1e12 }), fc.constant(null));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(field, { maxLength: 16 }),
        (ki, prevBytes, fields: ChainField[]) => {
          const prev = Buffer.from(prevBytes);
          const expected = reference(secrets[ki]!, prev, chainBody(fields));
          expect(keyedChainHash(keys[ki]!, prev, fields).equals(expected)).toBe(true);
          expect(keyedChainHashHex(keys[ki]!, prev.toString('hex'), fields)).toBe(expected.toString('hex'));
          // The next key's hash right after: the reused pads must follow the key.
          const other = (ki + 1) % 3;
          expect(keyedChainHashHex(keys[other]!, prev.toString('hex'), fields)).toBe(reference(secrets[other]!, prev, chainBody(fields)).toString('hex'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hashes slices of raw rows, MACs of short texts, and rows too long for the scratch buffer', () => {
    const secret = randomBytes(32);
    const key = chainKeyFrom(secret);
    const zero = Buffer.alloc(32);
    const row: ChainField[] = [42, 7, 1, 'award', null, 'x'];
    expect(keyedChainHashHex(key, zero.toString('hex'), row, 2, 5)).toBe(reference(secret, zero, chainBody([1, 'award', null])).toString('hex'));
    expect(keyedMacHex(key, 'ledger|12|3')).toBe(reference(secret, Buffer.alloc(0), 'ledger|12|3').toString('hex'));
    for (const note of ['备'.repeat(6000), 'a'.repeat(16 * 1024 - 140) + '𠀀备', 'z'.repeat(40_000)]) {
      expect(keyedChainHash(key, zero, [1, note]).equals(reference(secret, zero, chainBody([1, note])))).toBe(true);
      expect(keyedChainHashHex(key, zero.toString('hex'), [note, 2])).toBe(reference(secret, zero, chainBody([note, 2])).toString('hex'));
    }
  });

  it('hashes a message in place behind 64 spare bytes, anywhere in a larger buffer, with keys taking turns', () => {
    const secrets = [randomBytes(32), Buffer.alloc(32, 7)];
    const keys = secrets.map(chainKeyFrom);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 }),
        fc.uint8Array({ minLength: 0, maxLength: 40 }),
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.integer({ min: 0, max: 50 }),
        (ki, prevBytes, bodyBytes, lead) => {
          // The walk's layout: junk, then 64 bytes of room, the previous hash and the text, then more junk.
          const buf = Buffer.concat([randomBytes(lead), randomBytes(64), prevBytes, bodyBytes, randomBytes(20)]);
          const start = lead;
          const end = lead + 64 + prevBytes.length + bodyBytes.length;
          const expected = createHmac('sha256', createHmac('sha256', secrets[ki]!).update('books-chain').digest()).update(prevBytes).update(bodyBytes).digest();
          // A keyed hash through the other path first, so the shared pads are another key's.
          keyedChainHashHex(keys[1 - ki]!, '00', ['x']);
          expect(Buffer.from(keyedMacInPlace(keys[ki]!, buf, start, end), 'latin1')).toEqual(expected);
          // The text the walk compares with: a seal's hash read back as latin1.
          expect(keyedMacInPlace(keys[ki]!, buf, start, end)).toBe(expected.toString('latin1'));
        },
      ),
      { numRuns: 300 },
    );
  });
});
