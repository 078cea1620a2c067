import { AppError } from '../contract/errors.js';
import type { AdjustmentReason, AdjustmentView } from '../contract/views-stock.js';
import type { StoreContext } from '../books/context.js';
import { audit } from '../books/audit.js';
import type { Session } from '../books/sessions.js';
import { moveStock } from '../books/stock-moves.js';
import { query } from '../platform/query.js';

export interface AdjustInput {
  requestId: string;
  goodsId: number;
  quantity: number;
  reason: AdjustmentReason;
  note?: string | undefined;
}

const REASON_ZH: Record<AdjustmentReason, string> = { damaged: '损坏', expired: '过期', lost: '丢失', found: '盘盈找到', other: '其他' };

/**
 * One adjustment with its reason. Damaged, expired and lost goods can only leave the shelf,
 * found goods can only come back; 'other' must say why. Retired goods may be adjusted: a
 * retired good's leftover stock still has to be written off.
 */
export function adjustStock(ctx: StoreContext, session: Session, input: AdjustInput): AdjustmentView {
  const prior = query(ctx.db).get<{ id: number; goods_id: number; quantity: number; reason: string }>(
    'SELECT id, goods_id, quantity, reason FROM stock_adjustments WHERE request_id = ?',
    input.requestId,
  );
  if (prior) {
    if (prior.goods_id !== input.goodsId || prior.quantity !== input.quantity || prior.reason !== input.reason) throw new AppError('REQUEST_REUSED');
    return adjustmentView(ctx, prior.id);
  }
  if (['damaged', 'expired', 'lost'].includes(input.reason) && input.quantity > 0) {
    throw new AppError('ADJUST_MUST_DECREASE');
  }
  if (input.reason === 'found' && input.quantity < 0) throw new AppError('ADJUST_MUST_INCREASE');
  if (input.reason === 'other' && !input.note) throw new AppError('ADJUST_NOTE_REQUIRED');

  const id = ctx.db
    .transaction(() => {
      const { createdAt, businessDate } = ctx.stamp();
      const nextId = query(ctx.db).scalar<number>('SELECT COALESCE(MAX(id), 0) + 1 FROM stock_adjustments');
      const { movementId } = moveStock(ctx.db, {
        goodsId: input.goodsId,
        kind: 'adjustment',
        quantity: input.quantity,
        businessDate,
        createdAt,
        operatorId: session.operatorId,
        refType: 'stock_adjustment',
        refId: nextId,
        note: input.note ? `${REASON_ZH[input.reason]}：${input.note}` : REASON_ZH[input.reason],
      });
      query(ctx.db).run(
        `INSERT INTO stock_adjustments (id, request_id, goods_id, quantity, reason, note, operator_id, business_date, created_at, movement_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        nextId,
        input.requestId,
        input.goodsId,
        input.quantity,
        input.reason,
        input.note || null,
        session.operatorId,
        businessDate,
        createdAt,
        movementId,
      );
      audit(ctx.db, createdAt, session.operatorId, 'stock.adjust', `goods:${input.goodsId}`, {
        quantity: input.quantity,
        reason: input.reason,
        note: input.note ?? null,
      });
      return nextId;
    })
    .immediate();
  return adjustmentView(ctx, id);
}

/**
 * The adjustment's document number, like RK… for receipts: TZ, the business date, and its
 * place among that day's adjustments. Derived (adjustments are append-only, so it never
 * changes) rather than stored, so no migration is needed.
 */
export const ADJUSTMENT_NO_SQL = (alias: string) =>
  `('TZ' || replace(${alias}.business_date, '-', '') || '-' || printf('%02d', (SELECT count(*) FROM stock_adjustments b WHERE b.business_date = ${alias}.business_date AND b.id <= ${alias}.id)))`;

export function adjustmentView(ctx: StoreContext, id: number): AdjustmentView {
  const r = query(ctx.db).one<{
    id: number;
    adjustment_no: string;
    goods_id: number;
    name: string;
    quantity: number;
    reason: AdjustmentReason;
    note: string | null;
    stock_after: number;
    created_at: string;
    operator_name: string;
  }>(
    `SELECT a.id, ${ADJUSTMENT_NO_SQL('a')} AS adjustment_no, a.goods_id, g.name, a.quantity, a.reason, a.note, m.stock_after, a.created_at, o.name AS operator_name
       FROM stock_adjustments a JOIN goods g ON g.id = a.goods_id JOIN operators o ON o.id = a.operator_id
       JOIN stock_movements m ON m.id = a.movement_id WHERE a.id = ?`,
    id,
  );
  return {
    id: r.id,
    adjustmentNo: r.adjustment_no,
    goodsId: r.goods_id,
    name: r.name,
    quantity: r.quantity,
    reason: r.reason,
    note: r.note,
    stockAfter: r.stock_after,
    createdAt: r.created_at,
    operatorName: r.operator_name,
  };
}
