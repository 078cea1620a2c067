import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCharFor, generateResidentId, maskResidentId, validateResidentId } from '../../db/domain/resident-id.js';
import { seededRandom } from '../../db/demo/village.js';

const today = new Date('2026-11-29T00:00:00Z');

describe('resident ID numbers (GB 11643-1999)', () => {
  it('accepts the standard published example with X check character', () => {
    // The worked example from the standard's annex (a specimen, not a person).
    expect(checkCharFor('11010519491231002')).toBe('X');
    expect(validateResidentId('11010519491231002X', today)).toEqual({ ok: true, normalized: '11010519491231002X' });
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(validateResidentId(' 11010519491231002x ', today)).toEqual({ ok: true, normalized: '11010519491231002X' });
  });

  it('refuses a wrong check character', () => {
    expect(validateResidentId('110105194912310021', today)).toEqual({ ok: false, problem: 'check_char' });
  });

  it('refuses wrong lengths and formats', () => {
    expect(validateResidentId('11010519491231002', today)).toEqual({ ok: false, problem: 'length' });
    expect(validateResidentId('11010519491231002XX', today)).toEqual({ ok: false, problem: 'length' });
    expect(validateResidentId('1101051949123100AX', today)).toEqual({ ok: false, problem: 'format' });
  });

  it('refuses impossible and future birth dates but keeps old ones', () => {
    const make = (first17: string) => first17 + checkCharFor(first17);
    expect(validateResidentId(make('11010519490230002'), today)).toEqual({ ok: false, problem: 'birth_date' });
    expect(validateResidentId(make('11010519491331002'), today)).toEqual({ ok: false, problem: 'birth_date' });
    expect(validateResidentId(make('11010520271201002'), today)).toEqual({ ok: false, problem: 'future_date' });
    expect(validateResidentId(make('11010519000101002'), today).ok).toBe(true);
    // 29 February only in leap years.
    expect(validateResidentId(make('11010520000229002'), today).ok).toBe(true);
    expect(validateResidentId(make('11010519000229002'), today)).toEqual({ ok: false, problem: 'birth_date' });
  });

  it('masks all but the first 6 and last 4', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });

  it('generated numbers always validate, and one changed digit is always caught', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (seed, pos, delta) => {
        const id = generateResidentId(seededRandom(seed));
        expect(validateResidentId(id, today).ok).toBe(true);
        const d = (Number(id[pos]) + delta) % 10;
        const changed = id.slice(0, pos) + String(d) + id.slice(pos + 1);
        // A single-digit change is always detected (by the check character or the date).
        expect(validateResidentId(changed, today).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
