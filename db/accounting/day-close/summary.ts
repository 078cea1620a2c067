import type { LedgerKind } from '../../contract/views.js';
import type { ClosingStock, DaySummary } from '../../contract/views-accounting.js';
import { dayBoundsUtc } from '../../domain/day-bounds.js';
import type { Db } from '../../platform/open.js';
import type { Keyring } from '../../platform/crypto/secret.js';
import { dayDigest } from '../../books/day-digest.js';
import { reconcileDay } from './reconcile.js';

/**
 * The day close summary (日结): what happened on one business day, computed from the
 * append-only rows only (never from the caches), with the reconciliation that proves it
 * adds up and the digest that later proves it is unchanged.
 */
export function computeDaySummary(db: Db, date: string, opts: { now: Date; timeZone: string; keyring?: Keyring }): DaySummary {
  const all = <T>(sql: string) => db.prepare(sql).all({ d: date }) as T[];

  const receipts = db
    .prepare(
      `SELECT count(*) AS count, COALESCE(SUM(total), 0) AS points,
         COALESCE(SUM(EXISTS (SELECT 1 FROM voids v WHERE v.redemption_id = r.id)), 0) AS voided_count,
         COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM voids v WHERE v.redemption_id = r.id) THEN total ELSE 0 END), 0) AS voided_points,
         MIN(receipt_no) AS first, MAX(receipt_no) AS last
       FROM redemptions r WHERE business_date = @d`,
    )
    .get({ d: date }) as { count: number; points: number; voided_count: number; voided_points: number; first: string | null; last: string | null };

  const byPassbook = all<{ passbook_id: number; name: string; count: number; points: number }>(
    `SELECT r.passbook_id, p.name, count(*) AS count, SUM(r.total) AS points
     FROM redemptions r JOIN passbooks p ON p.id = r.passbook_id WHERE r.business_date = @d GROUP BY r.passbook_id ORDER BY p.sort, p.id`,
  );

  const voids = all<{ receipt_no: string; total: number; reason: string; operator_name: string; approver_name: string; created_at: string }>(
    `SELECT r.receipt_no, r.total, v.reason, o.name AS operator_name, a.name AS approver_name, v.created_at
     FROM voids v JOIN redemptions r ON r.id = v.redemption_id JOIN operators o ON o.id = v.operator_id JOIN operators a ON a.id = v.approved_by
     WHERE v.business_date = @d ORDER BY v.id`,
  );

  // Points per good come from the receipt lines (snapshotted prices), quantities from the
  // movements. Each is one grouped pass over the day's rows through a date index: a
  // per-good subquery over the lines has no date to narrow it and read every line ever
  // written, once per good (about a second per close at county scale).
  const moved = all<{ goods_id: number; name: string; unit: string; out: number; returned: number }>(
    `SELECT g.id AS goods_id, g.name, g.unit,
       -COALESCE(SUM(CASE WHEN m.kind = 'redemption' THEN m.quantity END), 0) AS out,
       COALESCE(SUM(CASE WHEN m.kind = 'void' THEN m.quantity END), 0) AS returned
     FROM stock_movements m JOIN goods g ON g.id = m.goods_id
     WHERE m.business_date = @d AND m.kind IN ('redemption', 'void') GROUP BY g.id ORDER BY out DESC, g.id`,
  );
  const pointsOf = (sql: string) => new Map(all<{ goods_id: number; points: number }>(sql).map((r) => [r.goods_id, r.points]));
  const redeemedPoints = pointsOf(
    `SELECT l.goods_id, SUM(l.line_points) AS points FROM redemptions r JOIN redemption_lines l ON l.redemption_id = r.id
     WHERE r.business_date = @d GROUP BY l.goods_id`,
  );
  const voidedPoints = pointsOf(
    `SELECT l.goods_id, SUM(l.line_points) AS points FROM voids v JOIN redemption_lines l ON l.redemption_id = v.redemption_id
     WHERE v.business_date = @d GROUP BY l.goods_id`,
  );
  const goodsOut = moved.map((g) => ({ ...g, points: (redeemedPoints.get(g.goods_id) ?? 0) - (voidedPoints.get(g.goods_id) ?? 0) }));

  const stockIn = all<{ goods_id: number; name: string; unit: string; kind: 'purchase' | 'donation' | 'opening'; quantity: number; value_fen: number }>(
    `SELECT g.id AS goods_id, g.name, g.unit, m.kind, SUM(m.quantity) AS quantity, SUM(m.quantity) * g.value_fen AS value_fen
     FROM stock_movements m JOIN goods g ON g.id = m.goods_id
     WHERE m.business_date = @d AND m.kind IN ('purchase', 'donation', 'opening') GROUP BY g.id, m.kind ORDER BY m.kind, g.id`,
  );

  const adjustments = all<{ goods_id: number; name: string; unit: string; kind: 'adjustment' | 'stocktake'; quantity: number; note: string | null; operator_name: string }>(
    `SELECT g.id AS goods_id, g.name, g.unit, m.kind, m.quantity, m.note, o.name AS operator_name
     FROM stock_movements m JOIN goods g ON g.id = m.goods_id JOIN operators o ON o.id = m.operator_id
     WHERE m.business_date = @d AND m.kind IN ('adjustment', 'stocktake') ORDER BY m.id`,
  );

  const byKind = all<{ kind: LedgerKind; count: number; points: number }>(
    'SELECT kind, count(*) AS count, SUM(amount) AS points FROM ledger WHERE business_date = @d GROUP BY kind ORDER BY kind',
  );
  const totals = db
    .prepare(
      `SELECT count(*) AS rows, COALESCE(SUM(CASE WHEN amount > 0 THEN amount END), 0) AS posted,
         COALESCE(-SUM(CASE WHEN amount < 0 THEN amount END), 0) AS deducted FROM ledger WHERE business_date = @d`,
    )
    .get({ d: date }) as { rows: number; posted: number; deducted: number };

  // Per keeper: receipts they made this day, and voids of their receipts made this day.
  const perKeeper = all<{ operator_id: number; name: string; redemptions: number; points: number; voids: number; voided_points: number }>(
    `SELECT o.id AS operator_id, o.name,
       (SELECT count(*) FROM redemptions r WHERE r.business_date = @d AND r.operator_id = o.id) AS redemptions,
       (SELECT COALESCE(SUM(total), 0) FROM redemptions r WHERE r.business_date = @d AND r.operator_id = o.id) AS points,
       (SELECT count(*) FROM voids v WHERE v.business_date = @d AND v.operator_id = o.id) AS voids,
       (SELECT COALESCE(SUM(r.total), 0) FROM voids v JOIN redemptions r ON r.id = v.redemption_id WHERE v.business_date = @d AND v.operator_id = o.id) AS voided_points
     FROM operators o
     WHERE o.id IN (SELECT operator_id FROM redemptions WHERE business_date = @d UNION SELECT operator_id FROM voids WHERE business_date = @d)
     ORDER BY o.id`,
  );

  return {
    businessDate: date,
    generatedAt: opts.now.toISOString(),
    timeZone: opts.timeZone,
    redemptions: {
      count: receipts.count,
      points: receipts.points,
      voidedCount: receipts.voided_count,
      voidedPoints: receipts.voided_points,
      byPassbook: byPassbook.map((p) => ({ passbookId: p.passbook_id, name: p.name, count: p.count, points: p.points })),
    },
    voids: voids.map((v) => ({
      receiptNo: v.receipt_no,
      points: v.total,
      reason: v.reason,
      operatorName: v.operator_name,
      approvedByName: v.approver_name,
      createdAt: v.created_at,
    })),
    goodsOut: goodsOut.map((g) => ({ goodsId: g.goods_id, name: g.name, unit: g.unit, out: g.out, returned: g.returned, net: g.out - g.returned, points: g.points })),
    stockIn: stockIn.map((s) => ({ goodsId: s.goods_id, name: s.name, unit: s.unit, kind: s.kind, quantity: s.quantity, valueFen: s.value_fen })),
    adjustments: adjustments.map((a) => ({ goodsId: a.goods_id, name: a.name, unit: a.unit, kind: a.kind, quantity: a.quantity, note: a.note, operatorName: a.operator_name })),
    points: { byKind, posted: totals.posted, deducted: totals.deducted, net: totals.posted - totals.deducted, rows: totals.rows },
    perKeeper: perKeeper.map((k) => ({
      operatorId: k.operator_id,
      name: k.name,
      redemptions: k.redemptions,
      points: k.points,
      voids: k.voids,
      voidedPoints: k.voided_points,
    })),
    receipts: { first: receipts.first, last: receipts.last, count: receipts.count },
    reconciliation: reconcileDay(db, date, opts.keyring),
    digest: dayDigest(db, date),
    closingStock: closingStock(db, date, opts.timeZone),
  };
}

/**
 * Stock on hand at the end of a day, valued at the prices in force then. Both come from
 * append-only rows: each good's last movement dated up to the day (its stock_after), and
 * its last price row effective before the day ended. A catch-up closing last week's days
 * thus values each at last week's stock and prices; a close of today (nothing later
 * moved or repriced) equals the stock report (db/stock/report.ts). Two indexed look-ups
 * per good, through stock_movements(goods_id) and goods_prices(goods_id, id).
 */
export function closingStock(db: Db, date: string, timeZone: string): ClosingStock {
  const { end } = dayBoundsUtc(date, timeZone);
  const rows = db
    .prepare(
      `SELECT s.stock, p.points_price, p.value_fen FROM (
         SELECT g.id,
           (SELECT m.stock_after FROM stock_movements m WHERE m.goods_id = g.id AND m.business_date <= @d ORDER BY m.id DESC LIMIT 1) AS stock,
           (SELECT max(p.id) FROM goods_prices p WHERE p.goods_id = g.id AND p.effective_at < @end) AS price_id
         FROM goods g) s
       LEFT JOIN goods_prices p ON p.id = s.price_id
       WHERE s.stock > 0`,
    )
    .all({ d: date, end }) as { stock: number; points_price: number | null; value_fen: number | null }[];
  const out: ClosingStock = { goods: rows.length, units: 0, points: 0, fen: 0 };
  for (const r of rows) {
    out.units += r.stock;
    out.points += r.stock * (r.points_price ?? 0);
    out.fen += r.stock * (r.value_fen ?? 0);
  }
  return out;
}
