/**
 * The cart's keyboard pieces (pure): which line ↑/↓ reach, which line is selected after
 * Delete, how many pieces the keeper is asked about; and adds that arrive back to back
 * (two scans whose lookups overlap) both landing when applied to the latest lines.
 */
import { describe, expect, it } from 'vitest';
import type { GoodsItem } from '../../db/contract/index.js';
import { addOne, moveSelection, pieceCount, selectionAfterRemove, type CartLine } from '../../renderer/src/pages/counter/cart.js';

const item = (id: number): GoodsItem => ({
  id,
  name: `g${id}`,
  category: 'c',
  unit: '件',
  pointsPrice: id,
  stock: 10,
  lowStock: 1,
  barcodes: [],
  initials: '',
});
const cart = (...ids: number[]): CartLine[] => ids.map((id) => ({ goods: item(id), quantity: id }));

describe('cart by keyboard', () => {
  it('↑/↓ move within the cart and stop at its ends; with nothing selected ↑ starts at the last line', () => {
    const lines = cart(1, 2, 3);
    expect(moveSelection(lines, 3, -1)).toBe(2);
    expect(moveSelection(lines, 1, -1)).toBe(1);
    expect(moveSelection(lines, 3, 1)).toBe(3);
    expect(moveSelection(lines, null, -1)).toBe(3);
    expect(moveSelection(lines, null, 1)).toBe(1);
    expect(moveSelection([], null, 1)).toBeNull();
  });

  it('after Delete the line that took its place is selected, else the one above, else none', () => {
    expect(selectionAfterRemove(cart(1, 2, 3), 2)).toBe(3);
    expect(selectionAfterRemove(cart(1, 2, 3), 3)).toBe(2);
    expect(selectionAfterRemove(cart(1), 1)).toBeNull();
  });

  it('counts pieces, not lines', () => {
    expect(pieceCount(cart(1, 2, 3))).toBe(6);
    expect(pieceCount([])).toBe(0);
  });

  it('two adds applied one after the other to the latest lines keep both (the overlapping-lookup bug)', () => {
    let latest: CartLine[] = [];
    const change = (update: (current: CartLine[]) => CartLine[]) => (latest = update(latest));
    // Both lookups started from an empty cart; the stale version built both on [] and lost one.
    const stale = [addOne([], item(1)).lines, addOne([], item(2)).lines].at(-1)!;
    expect(stale).toHaveLength(1);
    change((current) => addOne(current, item(1)).lines);
    change((current) => addOne(current, item(2)).lines);
    expect(latest.map((l) => l.goods.id)).toEqual([1, 2]);
  });
});
