import { describe, expect, it } from 'vitest';
import { fen, points, pointsInFen, type Fen, type Points } from '../../db/domain/amounts.js';

describe('branded amounts', () => {
  it('points() and fen() take whole numbers only', () => {
    expect(points(-20)).toBe(-20);
    expect(fen(0)).toBe(0);
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => points(bad)).toThrow(/whole number/);
      expect(() => fen(bad)).toThrow(/whole number/);
    }
  });

  it('converts points to fen at the store rate', () => {
    expect(pointsInFen(points(25), fen(100))).toBe(2500);
    expect(pointsInFen(points(-3), fen(50))).toBe(-150);
  });

  it('the compiler refuses a plain number, and fen where points are wanted (npm run typecheck checks these lines)', () => {
    // @ts-expect-error a plain number is not Points: it must come through points()
    const p: Points = 5;
    // @ts-expect-error fen are not points
    const q: Points = fen(100);
    // @ts-expect-error points are not fen
    const f: Fen = points(100);
    expect([p, q, f]).toEqual([5, 100, 100]);
  });
});
