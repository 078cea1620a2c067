import { AppError } from '../contract/errors.js';
import type { StockReceiptLineView, StockReceiptSummary, StockReceiptView } from '../contract/views-stock.js';
import type { StoreContext } from '../books/context.js';
import type { Db } from '../platform/open.js';
import { audit } from '../books/audit.js';
import type { Session } from '../books/sessions.js';
import { moveStock } from '../books/stock-moves.js';
import { query } from '../platform/query.js';

export type ReceiptLineInput =
  | { source: 'purchase'; goodsId: number; quantity: number; costFen: number; supplier?: string | undefined }
  | { source: 'donation'; goodsId: number; quantity: number; donor: string };

export interface ReceiveInput {
  requestId: string;
  note?: string | undefined;
  lines: ReceiptLineInput[];
}

/** A per-day document number: RK20261129-01 (入库 = RK), for the paper file. */
export function dailyNumber(db: Db, prefix: string, table: 'stock_receipts' | 'stocktakes', businessDate: string): string {
  const seq = query(db).scalar<number>(`SELECT count(*) FROM ${table} WHERE business_date = ?`, businessDate) + 1;
  return `${prefix}${businessDate.replaceAll('-', '')}-${String(seq).padStart(2, '0')}`;
}

/** A retry with the same request id and the same lines returns the first receipt. */
function replay(ctx: StoreContext, receiptId: number, input: ReceiveInput): StockReceiptView {
  const view = receiptView(ctx, receiptId);
  const same =
    view.lines.length === input.lines.length &&
    view.lines.every((l, i) => l.goodsId === input.lines[i]!.goodsId && l.quantity === input.lines[i]!.quantity && l.source === input.lines[i]!.source);
  if (!same) throw new AppError('REQUEST_REUSED');
  return view;
}

/**
 * One stock receipt (入库单), all or nothing: the document, its lines (name and unit
 * snapshotted) and one purchase or donation movement per line, in one transaction.
 * Retired goods are refused: receiving them would put stock on a shelf nobody can redeem.
 */
export function receiveStock(ctx: StoreContext, session: Session, input: ReceiveInput): StockReceiptView {
  const prior = query(ctx.db).value<number>('SELECT id FROM stock_receipts WHERE request_id = ?', input.requestId);
  if (prior !== undefined) return replay(ctx, prior, input);

  const receiptId = ctx.db
    .transaction(() => {
      const { createdAt, businessDate } = ctx.stamp();
      const goodsStmt = ctx.db.prepare('SELECT id, name, unit, active FROM goods WHERE id = ?');
      const seen = new Set<number>();
      const goods = input.lines.map((l) => {
        const g = goodsStmt.get(l.goodsId) as { id: number; name: string; unit: string; active: number } | undefined;
        if (!g) throw new AppError('GOODS_NOT_FOUND');
        if (g.active !== 1) throw new AppError('GOODS_INACTIVE', { name: g.name });
        if (seen.has(g.id)) throw new AppError('STOCK_RECEIPT_DUPLICATE_LINE', { name: g.name });
        seen.add(g.id);
        return g;
      });
      const receiptNo = dailyNumber(ctx.db, 'RK', 'stock_receipts', businessDate);
      const id = Number(
        query(ctx.db).run(
          'INSERT INTO stock_receipts (receipt_no, request_id, note, operator_id, business_date, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          receiptNo,
          input.requestId,
          input.note || null,
          session.operatorId,
          businessDate,
          createdAt,
        ).lastInsertRowid,
      );
      const lineStmt = ctx.db.prepare(
        `INSERT INTO stock_receipt_lines (receipt_id, line_no, goods_id, name, unit, quantity, source, cost_fen, supplier, donor, movement_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      input.lines.forEach((l, i) => {
        const g = goods[i]!;
        const { movementId } = moveStock(ctx.db, {
          goodsId: g.id,
          kind: l.source,
          quantity: l.quantity,
          businessDate,
          createdAt,
          operatorId: session.operatorId,
          refType: 'stock_receipt',
          refId: id,
          note: receiptNo,
        });
        lineStmt.run(
          id,
          i + 1,
          g.id,
          g.name,
          g.unit,
          l.quantity,
          l.source,
          l.source === 'purchase' ? l.costFen : null,
          l.source === 'purchase' ? l.supplier || null : null,
          l.source === 'donation' ? l.donor : null,
          movementId,
        );
      });
      audit(ctx.db, createdAt, session.operatorId, 'stock.receive', `stock_receipt:${id}`, {
        receiptNo,
        lines: input.lines.length,
        units: input.lines.reduce((s, l) => s + l.quantity, 0),
      });
      return id;
    })
    .immediate();
  return receiptView(ctx, receiptId);
}

export function receiptView(ctx: StoreContext, receiptId: number): StockReceiptView {
  const r = query(ctx.db).get<{ id: number; receipt_no: string; created_at: string; business_date: string; note: string | null; operator_name: string }>(
    `SELECT r.id, r.receipt_no, r.created_at, r.business_date, r.note, o.name AS operator_name
       FROM stock_receipts r JOIN operators o ON o.id = r.operator_id WHERE r.id = ?`,
    receiptId,
  );
  if (!r) throw new AppError('STOCK_RECEIPT_NOT_FOUND');
  const lines = (
    ctx.db
      .prepare(
        'SELECT line_no, goods_id, name, unit, quantity, source, cost_fen, supplier, donor FROM stock_receipt_lines WHERE receipt_id = ? ORDER BY line_no',
      )
      .all(receiptId) as {
      line_no: number;
      goods_id: number;
      name: string;
      unit: string;
      quantity: number;
      source: 'purchase' | 'donation';
      cost_fen: number | null;
      supplier: string | null;
      donor: string | null;
    }[]
  ).map((l): StockReceiptLineView => ({
    lineNo: l.line_no,
    goodsId: l.goods_id,
    name: l.name,
    unit: l.unit,
    quantity: l.quantity,
    source: l.source,
    costFen: l.cost_fen,
    supplier: l.supplier,
    donor: l.donor,
  }));
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    createdAt: r.created_at,
    businessDate: r.business_date,
    operatorName: r.operator_name,
    note: r.note,
    lines,
    totalQuantity: lines.reduce((s, l) => s + l.quantity, 0),
    totalCostFen: lines.reduce((s, l) => s + (l.costFen ?? 0), 0),
  };
}

export function listReceipts(ctx: StoreContext, limit: number): StockReceiptSummary[] {
  const rows = ctx.db
    .prepare(
      `SELECT r.id, r.receipt_no, r.created_at, o.name AS operator_name, count(l.line_no) AS line_count,
         COALESCE(SUM(l.quantity), 0) AS total_quantity, COALESCE(SUM(l.cost_fen), 0) AS total_cost,
         (SELECT json_group_array(DISTINCT d.donor) FROM stock_receipt_lines d WHERE d.receipt_id = r.id AND d.donor IS NOT NULL) AS donors,
         (SELECT json_group_array(DISTINCT d.supplier) FROM stock_receipt_lines d WHERE d.receipt_id = r.id AND d.supplier IS NOT NULL) AS suppliers
       FROM stock_receipts r JOIN operators o ON o.id = r.operator_id LEFT JOIN stock_receipt_lines l ON l.receipt_id = r.id
       GROUP BY r.id ORDER BY r.id DESC LIMIT ?`,
    )
    .all(limit) as {
    id: number;
    receipt_no: string;
    created_at: string;
    operator_name: string;
    line_count: number;
    total_quantity: number;
    total_cost: number;
    donors: string | null;
    suppliers: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    receiptNo: r.receipt_no,
    createdAt: r.created_at,
    operatorName: r.operator_name,
    lineCount: r.line_count,
    totalQuantity: r.total_quantity,
    totalCostFen: r.total_cost,
    donors: r.donors ? (JSON.parse(r.donors) as string[]) : [],
    suppliers: r.suppliers ? (JSON.parse(r.suppliers) as string[]) : [],
  }));
}
