import { SqliteError } from 'better-sqlite3';
import { AppError } from '../contract/errors.js';
import type { Page, ReceiptSummary, ReceiptView } from '../contract/views.js';
import type { CounterContext } from '../books/context.js';
import { receiptView } from '../books/receipts.js';
import { postToLedger } from '../books/ledger.js';
import { verifyApproverPin } from '../books/operators.js';
import type { Session } from '../books/sessions.js';
import { moveStock } from '../books/stock-moves.js';
import { audit } from '../books/audit.js';
import { prepared, preparedPluck } from '../platform/prepared.js';
import { storedInstant, storedRequestId } from '../platform/compact-columns.js';
import { points as toPoints } from '../domain/amounts.js';

export interface RedeemInput {
  requestId: string;
  householdId: number;
  passbookId: number;
  memberId?: number | null | undefined;
  lines: { goodsId: number; quantity: number }[];
}

/** Same household and same cart: a retry of the first request, not a new one. */
function sameCart(ctx: CounterContext, redemptionId: number, input: RedeemInput): boolean {
  const r = prepared(ctx.db, 'SELECT household_id, passbook_id FROM redemptions WHERE id = ?').get(redemptionId) as
    { household_id: number; passbook_id: number } | undefined;
  if (!r || r.household_id !== input.householdId || r.passbook_id !== input.passbookId) return false;
  const lines = prepared(ctx.db, 'SELECT goods_id, quantity FROM redemption_lines WHERE redemption_id = ? ORDER BY line_no').all(redemptionId) as {
    goods_id: number;
    quantity: number;
  }[];
  return lines.length === input.lines.length && lines.every((l, i) => l.goods_id === input.lines[i]!.goodsId && l.quantity === input.lines[i]!.quantity);
}

function existingByRequest(ctx: CounterContext, table: 'redemptions' | 'voids', requestId: string): number | null {
  const id = preparedPluck(ctx.db, `SELECT ${table === 'voids' ? 'redemption_id' : 'id'} FROM ${table} WHERE request_id = ?`).get(
    storedRequestId(requestId),
  ) as number | undefined;
  return id ?? null;
}

function replayRedemption(ctx: CounterContext, existing: number, input: RedeemInput): ReceiptView {
  if (!sameCart(ctx, existing, input)) throw new AppError('REQUEST_REUSED');
  return receiptView(ctx, existing);
}

/**
 * One redemption, all or nothing: checks the household, the passbook, every good and
 * its stock and the balance, then writes the receipt, its lines (with name and price
 * snapshots), the ledger row and the stock movements in one IMMEDIATE transaction.
 * A request id seen before returns the first result instead of charging twice.
 */
export function redeem(ctx: CounterContext, session: Session, input: RedeemInput): ReceiptView {
  const prior = existingByRequest(ctx, 'redemptions', input.requestId);
  if (prior !== null) return replayRedemption(ctx, prior, input);
  const ids = input.lines.map((l) => l.goodsId);
  if (new Set(ids).size !== ids.length) throw new AppError('CART_DUPLICATE_LINE');
  if (input.lines.length === 0) throw new AppError('CART_EMPTY');

  let redemptionId: number;
  try {
    redemptionId = ctx.db
      .transaction(() => {
        const { createdAt, businessDate } = ctx.stamp();
        const h = prepared(ctx.db, 'SELECT status FROM households WHERE id = ?').get(input.householdId) as { status: string } | undefined;
        if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND');
        if (h.status !== 'active') throw new AppError('HOUSEHOLD_INACTIVE');
        if (input.memberId != null) {
          const m = prepared(ctx.db, 'SELECT household_id FROM members WHERE id = ?').get(input.memberId) as { household_id: number } | undefined;
          if (!m || m.household_id !== input.householdId) throw new AppError('MEMBER_NOT_IN_HOUSEHOLD');
        }
        const pb = prepared(ctx.db, 'SELECT spendable FROM passbooks WHERE id = ?').get(input.passbookId) as { spendable: number } | undefined;
        if (!pb) throw new AppError('PASSBOOK_NOT_FOUND');
        if (pb.spendable !== 1) throw new AppError('PASSBOOK_NOT_SPENDABLE');

        const goodsStmt = prepared(ctx.db, 'SELECT id, name, unit, points_price, active, stock FROM goods WHERE id = ?');
        const lines = input.lines.map((l, i) => {
          const g = goodsStmt.get(l.goodsId) as { id: number; name: string; unit: string; points_price: number; active: number; stock: number } | undefined;
          if (!g) throw new AppError('GOODS_NOT_FOUND');
          if (g.active !== 1) throw new AppError('GOODS_INACTIVE', { name: g.name });
          if (g.stock < l.quantity) throw new AppError('OUT_OF_STOCK', { name: g.name, need: l.quantity, have: g.stock });
          return { lineNo: i + 1, goods: g, quantity: l.quantity, linePoints: g.points_price * l.quantity };
        });
        const total = lines.reduce((s, l) => s + l.linePoints, 0);

        const id = (preparedPluck(ctx.db, 'SELECT COALESCE(MAX(id), 0) FROM redemptions').get() as number) + 1;
        const seq = (preparedPluck(ctx.db, 'SELECT count(*) FROM redemptions WHERE business_date = ?').get(businessDate) as number) + 1;
        const receiptNo = `${businessDate.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;

        const posted = postToLedger(ctx.db, {
          householdId: input.householdId,
          passbookId: input.passbookId,
          kind: 'redemption',
          amount: toPoints(-total),
          businessDate,
          createdAt,
          operatorId: session.operatorId,
          refType: 'redemption',
          refId: id,
          note: receiptNo,
        });
        prepared(
          ctx.db,
          `INSERT INTO redemptions (id, receipt_no, request_id, household_id, passbook_id, member_id, operator_id, total,
           balance_before, balance_after, business_date, created, ledger_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
          receiptNo,
          storedRequestId(input.requestId),
          input.householdId,
          input.passbookId,
          input.memberId ?? null,
          session.operatorId,
          total,
          posted.balanceBefore,
          posted.balanceAfter,
          businessDate,
          storedInstant(createdAt),
          posted.ledgerId,
        );
        const lineStmt = prepared(
          ctx.db,
          'INSERT INTO redemption_lines (redemption_id, line_no, goods_id, name, unit, unit_points, quantity, line_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        );
        for (const l of lines) {
          lineStmt.run(id, l.lineNo, l.goods.id, l.goods.name, l.goods.unit, l.goods.points_price, l.quantity, l.linePoints);
          moveStock(ctx.db, {
            goodsId: l.goods.id,
            kind: 'redemption',
            quantity: -l.quantity,
            businessDate,
            createdAt,
            operatorId: session.operatorId,
            refType: 'redemption',
            refId: id,
          });
        }
        for (const hook of ctx.receiptHooks.inTransaction) hook('redemption', id);
        return id;
      })
      .immediate();
  } catch (e) {
    // Another process (a second window, the CLI) committed the same request id first: the
    // database says so by holding a receipt under it (asked, not read off SQLite's text).
    if (e instanceof SqliteError && e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      const again = existingByRequest(ctx, 'redemptions', input.requestId);
      if (again !== null) return replayRedemption(ctx, again, input);
    }
    throw e;
  }
  for (const hook of ctx.receiptHooks.afterCommit) hook('redemption', redemptionId);
  return receiptView(ctx, redemptionId);
}

export interface VoidInput {
  requestId: string;
  redemptionId: number;
  reason: string;
  approverId: number;
  approverPin: string;
}

/**
 * Reverses a redemption of today: a 'void' ledger row that gives the points back and
 * points at the original row, and 'void' stock movements that return the goods. Never
 * an edit or a delete. Needs an administrator's PIN; a keeper may void only their own.
 */
export function voidRedemption(ctx: CounterContext, session: Session, input: VoidInput): ReceiptView {
  const prior = existingByRequest(ctx, 'voids', input.requestId);
  if (prior !== null) {
    if (prior !== input.redemptionId) throw new AppError('REQUEST_REUSED');
    return receiptView(ctx, prior);
  }
  if (input.reason.trim().length === 0) throw new AppError('VOID_REASON_REQUIRED');
  const r = prepared(ctx.db, 'SELECT * FROM redemptions WHERE id = ?').get(input.redemptionId) as
    | {
        id: number;
        receipt_no: string;
        household_id: number;
        passbook_id: number;
        operator_id: number;
        total: number;
        business_date: string;
        ledger_id: number;
      }
    | undefined;
  if (!r) throw new AppError('REDEMPTION_NOT_FOUND');
  if (session.role === 'keeper' && r.operator_id !== session.operatorId) throw new AppError('VOID_NOT_OWN');
  if (r.business_date !== ctx.stamp().businessDate) throw new AppError('VOID_NOT_TODAY');
  if (prepared(ctx.db, 'SELECT 1 FROM voids WHERE redemption_id = ?').get(r.id)) throw new AppError('ALREADY_VOIDED');
  const approver = verifyApproverPin(ctx, session, input.approverId, input.approverPin, 'redemption.void');
  if (approver.role !== 'admin') throw new AppError('APPROVER_NOT_ADMIN');

  ctx.db
    .transaction(() => {
      const { createdAt, businessDate } = ctx.stamp();
      if (prepared(ctx.db, 'SELECT 1 FROM voids WHERE redemption_id = ?').get(r.id)) throw new AppError('ALREADY_VOIDED');
      const voidId = (preparedPluck(ctx.db, 'SELECT COALESCE(MAX(id), 0) FROM voids').get() as number) + 1;
      const posted = postToLedger(ctx.db, {
        householdId: r.household_id,
        passbookId: r.passbook_id,
        kind: 'void',
        amount: toPoints(r.total),
        businessDate,
        createdAt,
        operatorId: session.operatorId,
        refType: 'void',
        refId: voidId,
        correctsId: r.ledger_id,
        note: `${r.receipt_no} ${input.reason}`,
      });
      prepared(
        ctx.db,
        'INSERT INTO voids (id, redemption_id, request_id, reason, operator_id, approved_by, business_date, created_at, ledger_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(voidId, r.id, storedRequestId(input.requestId), input.reason, session.operatorId, approver.id, businessDate, createdAt, posted.ledgerId);
      const lines = prepared(ctx.db, 'SELECT goods_id, quantity FROM redemption_lines WHERE redemption_id = ?').all(r.id) as {
        goods_id: number;
        quantity: number;
      }[];
      for (const l of lines) {
        moveStock(ctx.db, {
          goodsId: l.goods_id,
          kind: 'void',
          quantity: l.quantity,
          businessDate,
          createdAt,
          operatorId: session.operatorId,
          refType: 'void',
          refId: voidId,
        });
      }
      audit(ctx.db, createdAt, session.operatorId, 'redemption.void', `redemption:${r.id}`, {
        receiptNo: r.receipt_no,
        reason: input.reason,
        approvedBy: approver.id,
      });
      for (const hook of ctx.receiptHooks.inTransaction) hook('void', r.id);
    })
    .immediate();
  for (const hook of ctx.receiptHooks.afterCommit) hook('void', r.id);
  return receiptView(ctx, r.id);
}

export function listRedemptions(
  ctx: CounterContext,
  q: { date?: string | undefined; householdId?: number | undefined; offset?: number | undefined; limit: number },
): Page<ReceiptSummary> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.householdId !== undefined) {
    where.push('r.household_id = ?');
    args.push(q.householdId);
  }
  if (q.date !== undefined || q.householdId === undefined) {
    where.push('r.business_date = ?');
    args.push(q.date ?? ctx.stamp().businessDate);
  }
  const rows = prepared(
    ctx.db,
    `SELECT r.id, r.receipt_no, r.created_at, h.number, h.head_name, r.total, o.name AS keeper_name,
       EXISTS (SELECT 1 FROM voids v WHERE v.redemption_id = r.id) AS voided
     FROM redemptions r JOIN households h ON h.id = r.household_id JOIN operators o ON o.id = r.operator_id
     WHERE ${where.join(' AND ')} ORDER BY r.id DESC LIMIT ? OFFSET ?`,
  ).all(...args, q.limit, q.offset ?? 0) as {
    id: number;
    receipt_no: string;
    created_at: string;
    number: string;
    head_name: string;
    total: number;
    keeper_name: string;
    voided: number;
  }[];
  const total = prepared(ctx.db, `SELECT count(*) AS n FROM redemptions r WHERE ${where.join(' AND ')}`).get(...args) as { n: number };
  return {
    offset: q.offset ?? 0,
    total: total.n,
    rows: rows.map((r) => ({
      id: r.id,
      receiptNo: r.receipt_no,
      createdAt: r.created_at,
      householdNumber: r.number,
      headName: r.head_name,
      total: r.total,
      keeperName: r.keeper_name,
      voided: r.voided === 1,
    })),
  };
}
