/**
 * The cart as plain data and pure functions, so the rules (quantity limits, stock caps)
 * are easy to read and test apart from React.
 */
import type { GoodsItem } from '../../../../db/contract/index.js';
import type { MAX_LINE_QUANTITY as ContractMaxLineQuantity } from '../../../../db/contract/ops/counter.js';

/**
 * The contract's limit, restated here because the renderer may import only types from
 * the core; the annotation makes the compiler fail if the two ever differ.
 */
export const MAX_LINE_QUANTITY: typeof ContractMaxLineQuantity = 99;

export interface CartLine {
  goods: GoodsItem;
  quantity: number;
}

/** The most of one good a cart may hold: the contract's limit, and never more than the stock. */
export function maxQuantity(goods: GoodsItem): number {
  return Math.max(0, Math.min(MAX_LINE_QUANTITY, goods.stock));
}

export type AddOutcome = 'added' | 'out_of_stock' | 'at_limit';

export function addOne(lines: readonly CartLine[], goods: GoodsItem): { lines: CartLine[]; outcome: AddOutcome } {
  if (goods.stock <= 0) return { lines: [...lines], outcome: 'out_of_stock' };
  const existing = lines.find((l) => l.goods.id === goods.id);
  if (!existing) return { lines: [...lines, { goods, quantity: 1 }], outcome: 'added' };
  if (existing.quantity >= maxQuantity(goods)) return { lines: [...lines], outcome: 'at_limit' };
  return { lines: lines.map((l) => (l === existing ? { goods, quantity: l.quantity + 1 } : l)), outcome: 'added' };
}

/** Sets a line's quantity, clamped to 1..max; whole numbers only (the input may send 2.5). */
export function setQuantity(lines: readonly CartLine[], goodsId: number, quantity: number): CartLine[] {
  return lines.map((l) => (l.goods.id === goodsId ? { ...l, quantity: Math.min(maxQuantity(l.goods), Math.max(1, Math.floor(quantity))) } : l));
}

export function removeLine(lines: readonly CartLine[], goodsId: number): CartLine[] {
  return lines.filter((l) => l.goods.id !== goodsId);
}

export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.goods.pointsPrice * l.quantity, 0);
}

/** After the catalog reloads, lines point at the fresh goods (new stock) but keep quantities. */
export function refreshGoods(lines: readonly CartLine[], catalog: readonly GoodsItem[]): CartLine[] {
  const byId = new Map(catalog.map((g) => [g.id, g]));
  return lines.map((l) => ({ ...l, goods: byId.get(l.goods.id) ?? l.goods }));
}

/** The line `step` rows away from `selected` (↑ is -1), staying inside the cart; the last line when none is selected. */
export function moveSelection(lines: readonly CartLine[], selected: number | null, step: number): number | null {
  if (lines.length === 0) return null;
  const at = lines.findIndex((l) => l.goods.id === selected);
  const from = at < 0 ? (step < 0 ? lines.length : -1) : at;
  return lines[Math.min(lines.length - 1, Math.max(0, from + step))]!.goods.id;
}

/** After removing `goodsId`, the line to select: the one that took its place, else the one above. */
export function selectionAfterRemove(lines: readonly CartLine[], goodsId: number): number | null {
  const at = lines.findIndex((l) => l.goods.id === goodsId);
  const rest = lines.filter((l) => l.goods.id !== goodsId);
  if (rest.length === 0) return null;
  return rest[Math.min(Math.max(at, 0), rest.length - 1)]!.goods.id;
}

/** How many pieces the cart holds (what the keeper is asked about before losing them). */
export function pieceCount(lines: readonly CartLine[]): number {
  return lines.reduce((n, l) => n + l.quantity, 0);
}
