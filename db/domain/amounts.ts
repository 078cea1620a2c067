/**
 * Branded amounts. Points and fen (hundredths of a yuan) are both plain integers in the
 * database and in JSON, and mixing them up (a goods' value in fen posted as points, or
 * points shown as yuan without the store's rate) type-checks as two numbers would. The brands
 * make the compiler refuse that: a Points is made only by points(), which also refuses
 * fractions and numbers past what a double holds exactly, and a Fen only by fen() or by
 * converting points at the store's rate.
 */
declare const pointsBrand: unique symbol;
declare const fenBrand: unique symbol;

export type Points = number & { readonly [pointsBrand]: true };
export type Fen = number & { readonly [fenBrand]: true };

function wholeNumber(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
  return n;
}

export function points(n: number): Points {
  return wholeNumber(n, 'points') as Points;
}

export function fen(n: number): Fen {
  return wholeNumber(n, 'fen') as Fen;
}

/** What a number of points is worth at the store's rate (fen per point). */
export function pointsInFen(p: Points, rate: Fen): Fen {
  return fen(p * rate);
}
