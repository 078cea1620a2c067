import { AppError } from '../contract/errors.js';
import type { CountSheet, StocktakeLineView, StocktakeSummary, StocktakeView } from '../contract/views-stock.js';
import type { StoreContext } from '../books/context.js';
import { audit } from '../books/audit.js';
import type { Session } from '../books/sessions.js';
import { moveStock } from '../books/stock-moves.js';
import { dailyNumber } from './receipts.js';
import { query } from '../platform/query.js';

function lastMovementId(ctx: StoreContext): number {
  return query(ctx.db).scalar<number>('SELECT COALESCE(MAX(id), 0) FROM stock_movements');
}

/**
 * The count sheet (盘点表): every good with its book quantity, and the id of the last
 * movement it reflects. Read in one statement set inside a transaction so the book figures
 * and the id agree.
 */
export function countSheet(ctx: StoreContext, includeRetired: boolean): CountSheet {
  return ctx.db.transaction(() => {
    const basedOnMovementId = lastMovementId(ctx);
    const rows = ctx.db
      .prepare(
        `SELECT g.id, g.name, g.category, g.unit, g.stock, g.active,
           (SELECT group_concat(b.barcode, ',') FROM goods_barcodes b WHERE b.goods_id = g.id) AS barcodes
         FROM goods g ${includeRetired ? '' : 'WHERE g.active = 1 OR g.stock > 0'} ORDER BY g.category, g.name, g.id`,
      )
      .all() as { id: number; name: string; category: string; unit: string; stock: number; active: number; barcodes: string | null }[];
    return {
      asOf: ctx.clock.now().toISOString(),
      basedOnMovementId,
      lines: rows.map((r) => ({
        goodsId: r.id,
        name: r.name,
        category: r.category,
        unit: r.unit,
        barcodes: r.barcodes ? r.barcodes.split(',') : [],
        bookQty: r.stock,
        active: r.active === 1,
      })),
    };
  })();
}

export interface StocktakeInput {
  requestId: string;
  basedOnMovementId: number;
  note?: string | undefined;
  counts: { goodsId: number; counted: number }[];
}

/**
 * Posts a count in one step: every counted good gets a line (book, counted), and each
 * difference becomes one 'stocktake' movement. A good whose stock moved after the count
 * sheet was made is refused (its book figure changed under the count), naming the goods,
 * so the accountant rechecks just those.
 */
export function postStocktake(ctx: StoreContext, session: Session, input: StocktakeInput): StocktakeView {
  const prior = query(ctx.db).value<number>('SELECT id FROM stocktakes WHERE request_id = ?', input.requestId);
  if (prior !== undefined) {
    const view = stocktakeView(ctx, prior);
    const counted = new Map(view.lines.map((l) => [l.goodsId, l.countedQty]));
    if (view.lines.length !== input.counts.length || input.counts.some((c) => counted.get(c.goodsId) !== c.counted)) throw new AppError('REQUEST_REUSED');
    return view;
  }
  const id = ctx.db
    .transaction(() => {
      const { createdAt, businessDate } = ctx.stamp();
      const goodsStmt = ctx.db.prepare('SELECT id, name, unit, stock, points_price, value_fen FROM goods WHERE id = ?');
      const movedStmt = ctx.db.prepare('SELECT 1 FROM stock_movements WHERE goods_id = ? AND id > ? LIMIT 1').pluck();
      const seen = new Set<number>();
      const stale: string[] = [];
      const goods = input.counts.map((c) => {
        const g = goodsStmt.get(c.goodsId) as { id: number; name: string; unit: string; stock: number; points_price: number; value_fen: number } | undefined;
        if (!g) throw new AppError('GOODS_NOT_FOUND');
        if (seen.has(g.id)) throw new AppError('STOCKTAKE_DUPLICATE_LINE', { name: g.name });
        seen.add(g.id);
        if (movedStmt.get(g.id, input.basedOnMovementId) !== undefined) stale.push(g.name);
        return g;
      });
      if (stale.length > 0) throw new AppError('STOCKTAKE_STALE', { names: stale.slice(0, 5).join('、') + (stale.length > 5 ? ` 等 ${stale.length} 种` : '') });

      const stocktakeNo = dailyNumber(ctx.db, 'PD', 'stocktakes', businessDate);
      const id = Number(
        query(ctx.db).run(
          'INSERT INTO stocktakes (stocktake_no, request_id, based_on_movement_id, note, operator_id, business_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          stocktakeNo,
          input.requestId,
          input.basedOnMovementId,
          input.note || null,
          session.operatorId,
          businessDate,
          createdAt,
        ).lastInsertRowid,
      );
      const lineStmt = ctx.db.prepare(
        `INSERT INTO stocktake_lines (stocktake_id, goods_id, name, unit, book_qty, counted_qty, points_price, value_fen, movement_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      let differing = 0;
      input.counts.forEach((c, i) => {
        const g = goods[i]!;
        const diff = c.counted - g.stock;
        let movementId: number | null = null;
        if (diff !== 0) {
          differing++;
          movementId = moveStock(ctx.db, {
            goodsId: g.id,
            kind: 'stocktake',
            quantity: diff,
            businessDate,
            createdAt,
            operatorId: session.operatorId,
            refType: 'stocktake',
            refId: id,
            note: stocktakeNo,
          }).movementId;
        }
        lineStmt.run(id, g.id, g.name, g.unit, g.stock, c.counted, g.points_price, g.value_fen, movementId);
      });
      audit(ctx.db, createdAt, session.operatorId, 'stock.stocktake', `stocktake:${id}`, { stocktakeNo, counted: input.counts.length, differing });
      return id;
    })
    .immediate();
  return stocktakeView(ctx, id);
}

export function stocktakeView(ctx: StoreContext, stocktakeId: number): StocktakeView {
  const s = query(ctx.db).get<{ id: number; stocktake_no: string; created_at: string; business_date: string; note: string | null; operator_name: string }>(
    `SELECT s.id, s.stocktake_no, s.created_at, s.business_date, s.note, o.name AS operator_name
       FROM stocktakes s JOIN operators o ON o.id = s.operator_id WHERE s.id = ?`,
    stocktakeId,
  );
  if (!s) throw new AppError('STOCKTAKE_NOT_FOUND');
  const lines = query(ctx.db)
    .all<{ goods_id: number; name: string; unit: string; book_qty: number; counted_qty: number; points_price: number; value_fen: number }>(
      'SELECT goods_id, name, unit, book_qty, counted_qty, points_price, value_fen FROM stocktake_lines WHERE stocktake_id = ? ORDER BY name, goods_id',
      stocktakeId,
    )
    .map((l): StocktakeLineView => ({
      goodsId: l.goods_id,
      name: l.name,
      unit: l.unit,
      bookQty: l.book_qty,
      countedQty: l.counted_qty,
      difference: l.counted_qty - l.book_qty,
      pointsPrice: l.points_price,
      valueFen: l.value_fen,
    }));
  // Differing lines first: they are what the report is about.
  lines.sort((a, b) => Number(b.difference !== 0) - Number(a.difference !== 0));
  return {
    id: s.id,
    stocktakeNo: s.stocktake_no,
    createdAt: s.created_at,
    businessDate: s.business_date,
    operatorName: s.operator_name,
    note: s.note,
    lines,
    countedGoods: lines.length,
    differingGoods: lines.filter((l) => l.difference !== 0).length,
    differencePoints: lines.reduce((t, l) => t + l.difference * l.pointsPrice, 0),
    differenceFen: lines.reduce((t, l) => t + l.difference * l.valueFen, 0),
  };
}

export function listStocktakes(ctx: StoreContext, limit: number): StocktakeSummary[] {
  return query(ctx.db)
    .all<{ id: number; stocktake_no: string; created_at: string; operator_name: string; counted: number; differing: number; diff_points: number }>(
      `SELECT s.id, s.stocktake_no, s.created_at, o.name AS operator_name, count(*) AS counted,
           SUM(l.counted_qty <> l.book_qty) AS differing, SUM((l.counted_qty - l.book_qty) * l.points_price) AS diff_points
         FROM stocktakes s JOIN operators o ON o.id = s.operator_id JOIN stocktake_lines l ON l.stocktake_id = s.id
         GROUP BY s.id ORDER BY s.id DESC LIMIT ?`,
      limit,
    )
    .map((r) => ({
      id: r.id,
      stocktakeNo: r.stocktake_no,
      createdAt: r.created_at,
      operatorName: r.operator_name,
      countedGoods: r.counted,
      differingGoods: r.differing,
      differencePoints: r.diff_points,
    }));
}
