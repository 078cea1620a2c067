/**
 * The chain hash must never change for a given row: every ledger and audit row already
 * written carries it. These vectors were computed by the original implementation (one
 * update per field); any rewrite for speed must still produce them.
 */
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS } from '../../db/services/hash-chain.js';

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
});
