/**
 * The one points formatter (db/contract/points-format.ts) that screens, slips, receipts and
 * the board share: thousands separators, a real minus sign, a sign on changes, never "-0".
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPoints, signedPoints } from '../../db/contract/points-format.js';
import { signedPoints as dayLineSigned } from '../../db/contract/day-lines.js';

describe('formatPoints', () => {
  it('groups thousands with a comma', () => {
    expect(formatPoints(0)).toBe('0');
    expect(formatPoints(7)).toBe('7');
    expect(formatPoints(999)).toBe('999');
    expect(formatPoints(1000)).toBe('1,000');
    expect(formatPoints(12345)).toBe('12,345');
    expect(formatPoints(1234567)).toBe('1,234,567');
    expect(formatPoints(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254,740,991');
  });

  it('writes a negative figure with a real minus sign, and −0 as 0', () => {
    expect(formatPoints(-35)).toBe('\u221235');
    expect(formatPoints(-1200)).toBe('\u22121,200');
    expect(formatPoints(-0)).toBe('0');
  });

  it('reads back as the same integer for any integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const s = formatPoints(n);
        expect(/^\u2212?\d{1,3}(,\d{3})*$/.test(s)).toBe(true);
        expect(Number(s.replace('\u2212', '-').replace(/,/g, ''))).toBe(n);
      }),
    );
  });
});

describe('signedPoints', () => {
  it('gives every change its sign, zero none', () => {
    expect(signedPoints(50)).toBe('+50');
    expect(signedPoints(1200)).toBe('+1,200');
    expect(signedPoints(-20)).toBe('\u221220');
    expect(signedPoints(-123456)).toBe('\u2212123,456');
    expect(signedPoints(0)).toBe('0');
    expect(signedPoints(-0)).toBe('0');
  });

  it('is the same function the day lines use', () => {
    expect(dayLineSigned).toBe(signedPoints);
  });
});
