import type { LowStockItem, MovementHistory, MovementView, StockReport, StockReportLine } from '../contract/views-stock.js';
import type { StoreContext } from '../books/context.js';
import { goodsItem } from './goods.js';
import { ADJUSTMENT_NO_SQL } from './adjust.js';
import { query } from '../platform/query.js';

/**
 * Every movement of one good, newest first, with who and when and what caused it. The
 * reference is resolved to the document number people see on paper.
 */
export function movementHistory(ctx: StoreContext, goodsId: number, limit: number): MovementHistory {
  const goods = goodsItem(ctx.db, goodsId);
  const rows = ctx.db
    .prepare(
      `SELECT m.id, m.kind, m.quantity, m.stock_after, m.business_date, m.created_at, o.name AS operator_name, m.ref_type, m.ref_id, m.note,
         CASE m.ref_type
           WHEN 'redemption' THEN (SELECT receipt_no FROM redemptions WHERE id = m.ref_id)
           WHEN 'void' THEN (SELECT receipt_no FROM redemptions WHERE id = m.ref_id)
           WHEN 'stock_receipt' THEN (SELECT receipt_no FROM stock_receipts WHERE id = m.ref_id)
           WHEN 'stocktake' THEN (SELECT stocktake_no FROM stocktakes WHERE id = m.ref_id)
           WHEN 'stock_adjustment' THEN (SELECT ${ADJUSTMENT_NO_SQL('a')} FROM stock_adjustments a WHERE a.id = m.ref_id)
         END AS reference,
         CASE WHEN m.ref_type = 'stock_adjustment' THEN (SELECT reason FROM stock_adjustments WHERE id = m.ref_id) END AS reason,
         l.supplier, l.donor
       FROM stock_movements m JOIN operators o ON o.id = m.operator_id
         -- receipt_id leads the lines' primary key: an indexed look-up, not a scan per movement.
         LEFT JOIN stock_receipt_lines l ON m.ref_type = 'stock_receipt' AND l.receipt_id = m.ref_id AND l.movement_id = m.id
       WHERE m.goods_id = ? ORDER BY m.id DESC LIMIT ?`,
    )
    .all(goodsId, limit) as {
    id: number;
    kind: MovementView['kind'];
    quantity: number;
    stock_after: number;
    business_date: string;
    created_at: string;
    operator_name: string;
    ref_type: string | null;
    ref_id: number | null;
    note: string | null;
    reference: string | null;
    reason: MovementView['reason'];
    supplier: string | null;
    donor: string | null;
  }[];
  const all = query(ctx.db).one<{ total: number; count: number }>(
    'SELECT COALESCE(SUM(quantity), 0) AS total, count(*) AS count FROM stock_movements WHERE goods_id = ?',
    goodsId,
  );
  return {
    goods,
    total: all.total,
    count: all.count,
    movements: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      quantity: r.quantity,
      stockAfter: r.stock_after,
      businessDate: r.business_date,
      createdAt: r.created_at,
      operatorName: r.operator_name,
      reference: r.reference,
      refType: r.ref_type,
      refId: r.ref_id,
      reason: r.reason,
      note: r.note,
      supplier: r.supplier,
      donor: r.donor,
    })),
  };
}

/** Stock on hand, valued in points (at the current points price) and in yuan (reference value). */
export function stockReport(ctx: StoreContext, includeRetired: boolean): StockReport {
  const rows = query(ctx.db).all<{
    id: number;
    name: string;
    category: string;
    unit: string;
    stock: number;
    low_stock: number;
    points_price: number;
    value_fen: number;
    active: number;
  }>(`SELECT id, name, category, unit, stock, low_stock, points_price, value_fen, active FROM goods
       ${includeRetired ? '' : 'WHERE active = 1 OR stock > 0'} ORDER BY category, name, id`);
  const lines: StockReportLine[] = rows.map((r) => ({
    goodsId: r.id,
    name: r.name,
    category: r.category,
    unit: r.unit,
    stock: r.stock,
    lowStock: r.low_stock,
    pointsPrice: r.points_price,
    valueFen: r.value_fen,
    stockPoints: r.stock * r.points_price,
    stockFen: r.stock * r.value_fen,
    active: r.active === 1,
    low: r.active === 1 && r.stock <= r.low_stock,
  }));
  const byCategory = new Map<string, { units: number; points: number; fen: number }>();
  for (const l of lines) {
    const c = byCategory.get(l.category) ?? { units: 0, points: 0, fen: 0 };
    c.units += l.stock;
    c.points += l.stockPoints;
    c.fen += l.stockFen;
    byCategory.set(l.category, c);
  }
  return {
    asOf: ctx.clock.now().toISOString(),
    lines,
    totals: {
      goods: lines.length,
      units: lines.reduce((s, l) => s + l.stock, 0),
      points: lines.reduce((s, l) => s + l.stockPoints, 0),
      fen: lines.reduce((s, l) => s + l.stockFen, 0),
    },
    byCategory: [...byCategory].map(([category, v]) => ({ category, ...v })),
    pointValueFen: ctx.settings().pointValueFen,
  };
}

/**
 * Active goods at or below their low-stock threshold (out of stock first). Safe for the
 * keeper's screen: names and quantities only.
 */
export function lowStockList(ctx: StoreContext): LowStockItem[] {
  return query(ctx.db)
    .all<{ id: number; name: string; unit: string; stock: number; low_stock: number }>(
      'SELECT id, name, unit, stock, low_stock FROM goods WHERE active = 1 AND stock <= low_stock ORDER BY stock > 0, stock - low_stock, name',
    )
    .map((r) => ({ goodsId: r.id, name: r.name, unit: r.unit, stock: r.stock, lowStock: r.low_stock }));
}
