/**
 * The chain hash must never change for a given row: every ledger and audit row already
 * written carries it. These vectors were computed by the original implementation (one
 * update per field); any rewrite for speed must still produce them.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainHash, chainHashHex, GENESIS, type ChainField } from '../../db/books/hash-chain.js';

/** The original implementation, kept as the reference the fast one must equal byte for byte. */
function reference(prev: Buffer, fields: readonly ChainField[]): Buffer {
  const h = createHash('sha256').update(prev);
  for (const f of fields) {
    const s = f === null ? '\u0000null' : typeof f === 'number' ? `n${f}` : `s${f}`;
    h.update(String(Buffer.byteLength(s)) + ':' + s + ';');
  }
  return h.digest();
}

describe('chainHash', () => {
  it('is stable for known rows', () => {
    const a = chainHash(GENESIS, [7, 1, 'award', 10, 110, 10, '2026-11-29', '2026-11-29T02:00:00.000Z', 1, null, null, null, '门前三包 环境整洁']);
    expect(a.toString('hex')).toBe('c895971500ec60fac69c89b8b0a03ae6fe5fe80bb54c0e39dbf08769336eb3bf');
    const b = chainHash(a, ['', null, -5, 'ab', 'c', '\u0000null', 0]);
    expect(b.toString('hex')).toBe('5f6bbd4a5b82a3374dae9f52a2ca479e6637933865e438a4e53045119bb1689c');
  });

  it('tells field boundaries and types apart', () => {
    const h = (fields: (string | number | null)[]) => chainHash(GENESIS, fields).toString('hex');
    expect(h(['ab', 'c'])).not.toBe(h(['a', 'bc']));
    expect(h([1])).not.toBe(h(['1']));
    expect(h([null])).not.toBe(h(['\u0000null']));
  });

  it('equals the original implementation for any fields, in both forms (Buffer and hex)', () => {
    const field = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: -1e12, max: 1e12 }), fc.constant(null));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.array(field, { maxLength: 16 }), (prevBytes, fields) => {
        const prev = Buffer.from(prevBytes);
        const expected = reference(prev, fields);
        expect(chainHash(prev, fields).equals(expected)).toBe(true);
        expect(chainHashHex(prev.toString('hex'), fields)).toBe(expected.toString('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes a slice of a raw row, and rows too long for the scratch buffer', () => {
    const row: ChainField[] = [42, 7, 1, 'award', null, 'x'];
    expect(chainHashHex(GENESIS.toString('hex'), row, 2, 5)).toBe(reference(GENESIS, [1, 'award', null]).toString('hex'));
    // Past the 16 KB scratch buffer, and with characters of 3 and 4 UTF-8 bytes at its edge.
    for (const note of ['备'.repeat(6000), 'a'.repeat(16 * 1024 - 40) + '𠀀备', 'z'.repeat(40_000)]) {
      expect(chainHash(GENESIS, [1, note]).equals(reference(GENESIS, [1, note]))).toBe(true);
      expect(chainHashHex(GENESIS.toString('hex'), [note, 2])).toBe(reference(GENESIS, [note, 2]).toString('hex'));
    }
  });
});
