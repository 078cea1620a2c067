import { AppError } from '../contract/errors.js';
import type { Db } from '../platform/open.js';
import { storedInstant } from '../platform/compact-columns.js';
import { assertDayOpen } from './day-guard.js';

export type MovementKind = 'opening' | 'purchase' | 'donation' | 'redemption' | 'void' | 'adjustment' | 'stocktake';

export interface StockMove {
  goodsId: number;
  kind: MovementKind;
  quantity: number;
  businessDate: string;
  createdAt: string;
  operatorId: number;
  refType?: string | null;
  refId?: number | null;
  note?: string | null;
}

const cache = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepare(db: Db) {
  return {
    goods: db.prepare('SELECT name, stock FROM goods WHERE id = ?'),
    update: db.prepare('UPDATE goods SET stock = ? WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO stock_movements (goods_id, kind, quantity, stock_after, business_date, created, operator_id, ref_type, ref_id, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

/**
 * Appends one stock movement and updates the stock cache in the caller's transaction.
 * The only way stock changes; refuses to go below zero with a clear message (the CHECK
 * constraint is the second line of defence).
 */
export function moveStock(db: Db, m: StockMove): { movementId: number; stockAfter: number } {
  if (!Number.isSafeInteger(m.quantity) || m.quantity === 0) throw new Error(`stock quantity must be a non-zero integer: ${m.quantity}`);
  assertDayOpen(db, m.businessDate);
  let s = cache.get(db);
  if (!s) {
    s = prepare(db);
    cache.set(db, s);
  }
  const g = s.goods.get(m.goodsId) as { name: string; stock: number } | undefined;
  if (!g) throw new AppError('GOODS_NOT_FOUND');
  const after = g.stock + m.quantity;
  if (after < 0) throw new AppError('OUT_OF_STOCK', { name: g.name, need: -m.quantity, have: g.stock });
  const info = s.insert.run(
    m.goodsId,
    m.kind,
    m.quantity,
    after,
    m.businessDate,
    storedInstant(m.createdAt),
    m.operatorId,
    m.refType ?? null,
    m.refId ?? null,
    m.note ?? null,
  );
  s.update.run(after, m.goodsId);
  return { movementId: Number(info.lastInsertRowid), stockAfter: after };
}
