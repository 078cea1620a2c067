/**
 * The day close as it was before it read each of the day's tables once (issue 17): the
 * summary's queries, the reconciliation's and the digest's, each over the day's rows on
 * its own. Kept only as the reference the one-pass close must equal, field for field and
 * problem for problem (tests/integration/day-close-one-pass.test.ts).
 */
import { createHash } from 'node:crypto';
import type { LedgerKind } from '../../db/contract/views.js';
import type { DaySummary, ReconcileCheck, ReconcileReport } from '../../db/contract/views-accounting.js';
import type { Db } from '../../db/platform/open.js';
import type { Keyring } from '../../db/platform/crypto/secret.js';
import { fastVerify } from '../../db/trust/integrity/fast-verify.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import type { ReconcileProblem, VerifyCode, VerifyProblem } from '../../db/contract/problems.js';
import { closingStock } from '../../db/accounting/day-close/summary.js';

const BALANCE_CODES: ReadonlySet<VerifyCode> = new Set<VerifyCode>(['BALANCE_AFTER_MISMATCH', 'BALANCE_NEGATIVE']);

/**
 * The day close summary (日结): what happened on one business day, computed from the
 * append-only rows only (never from the caches), with the reconciliation that proves it
 * adds up and the digest that later proves it is unchanged.
 */
export function referenceDaySummary(db: Db, date: string, opts: { now: Date; timeZone: string; keyring?: Keyring }): DaySummary {
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

  const adjustments = all<{
    goods_id: number;
    name: string;
    unit: string;
    kind: 'adjustment' | 'stocktake';
    quantity: number;
    note: string | null;
    operator_name: string;
  }>(
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
    goodsOut: goodsOut.map((g) => ({
      goodsId: g.goods_id,
      name: g.name,
      unit: g.unit,
      out: g.out,
      returned: g.returned,
      net: g.out - g.returned,
      points: g.points,
    })),
    stockIn: stockIn.map((s) => ({ goodsId: s.goods_id, name: s.name, unit: s.unit, kind: s.kind, quantity: s.quantity, valueFen: s.value_fen })),
    adjustments: adjustments.map((a) => ({
      goodsId: a.goods_id,
      name: a.name,
      unit: a.unit,
      kind: a.kind,
      quantity: a.quantity,
      note: a.note,
      operatorName: a.operator_name,
    })),
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
    reconciliation: referenceReconcileDay(db, date, opts.keyring),
    digest: referenceDayDigest(db, date),
    // Not part of the one-pass rewrite (it reads the movements up to the day, not the day's rows): the same function as the app, tested on its own in closing-stock.test.ts.
    closingStock: closingStock(db, date, opts.timeZone),
  };
}

/**
 * The whole-database part of a close. With the installation key and a signed checkpoint,
 * the fast path: the chains and caches since the checkpoint, whose signature vouches for
 * everything before it (a full verify of millions of rows takes a minute; a close must
 * not). Without them, the full verify.
 */
function wholeDatabaseCheck(
  db: Db,
  keyring: Keyring | undefined,
): {
  problems: VerifyProblem[];
  checked: { ledgerRows: number; auditRows: number };
  sinceCheckpoint: boolean;
  replayedAfter: { ledgerId: number; stockId: number } | null;
} {
  if (keyring) {
    const fast = fastVerify(db, keyring);
    if (fast.outcome !== 'no-checkpoint') {
      const cp = fast.checkpoint;
      const replayedAfter = fast.outcome === 'ok' && cp ? { ledgerId: cp.ledgerId, stockId: cp.stockId } : null;
      return { problems: fast.problems, checked: fast.checked, sinceCheckpoint: true, replayedAfter };
    }
  }
  const full = verifyDatabase(db, keyring ? { keyring } : {});
  // The full walk replays every row of every account and good from the first.
  return { problems: full.problems, checked: full.checked, sinceCheckpoint: false, replayedAfter: full.ok ? { ledgerId: 0, stockId: 0 } : null };
}

/**
 * Rows of the day each checked against the row before it in its account (or good) —
 * unless the whole-database check already replayed every one of them: the fast path
 * replays each account and good from the checkpoint on, the full walk from the start.
 * Reading the previous row per row again is then the same check twice (at county scale
 * thousands of index seeks per close).
 */
const CONTINUITY = {
  ledger: {
    table: 'ledger',
    rows: `SELECT l.id, l.amount, l.balance_after,
         (SELECT p.balance_after FROM ledger p WHERE p.household_id = l.household_id AND p.passbook_id = l.passbook_id AND p.id < l.id
          ORDER BY p.id DESC LIMIT 1) AS prev_after
       FROM ledger l WHERE l.business_date = ? ORDER BY l.id`,
  },
  stock: {
    table: 'stock_movements',
    rows: `SELECT m.id, m.quantity AS amount, m.stock_after AS balance_after,
         (SELECT p.stock_after FROM stock_movements p WHERE p.goods_id = m.goods_id AND p.id < m.id ORDER BY p.id DESC LIMIT 1) AS prev_after
       FROM stock_movements m WHERE m.business_date = ? ORDER BY m.id`,
  },
} as const;

function continuityProblems(
  db: Db,
  kind: keyof typeof CONTINUITY,
  date: string,
  replayedAfter: number | null,
  problem: (r: DayRow, before: number) => ReconcileProblem,
): { rows: number; problems: ReconcileProblem[] } {
  const q = CONTINUITY[kind];
  const day = db.prepare(`SELECT MIN(id) AS first, count(*) AS n FROM ${q.table} WHERE business_date = ?`).get(date) as { first: number | null; n: number };
  if (replayedAfter !== null && (day.first === null || day.first > replayedAfter)) return { rows: day.n, problems: [] };
  const problems: ReconcileProblem[] = [];
  const rows = db.prepare(q.rows).all(date) as DayRow[];
  for (const r of rows) {
    const before = r.prev_after ?? 0;
    if (before + r.amount !== r.balance_after) problems.push(problem(r, before));
  }
  return { rows: rows.length, problems };
}

interface DayRow {
  id: number;
  amount: number;
  balance_after: number;
  prev_after: number | null;
}

/**
 * Proves that one business day adds up, on top of the whole-database verify (hash
 * chains, caches recomputed from rows): every ledger row of the day continues its
 * account's balance, every stock movement continues its good's level, every receipt of
 * the day matches its lines, its ledger row and its stock movements, every void gives
 * back exactly what its receipt took, and the day's receipt numbers run 0001…N without
 * a gap. A tampered row makes a check fail and names the row.
 */
export function referenceReconcileDay(db: Db, date: string, keyring?: Keyring): ReconcileReport {
  const verify = wholeDatabaseCheck(db, keyring);
  const claimed = new Set<string>(['ledger']);
  const byTable = (...tables: string[]): ReconcileProblem[] => {
    for (const t of tables) claimed.add(t);
    return verify.problems.filter((p) => tables.includes(p.table));
  };
  const checks: ReconcileCheck[] = [];

  const ledgerChainProblems: ReconcileProblem[] = verify.problems.filter((p) => p.table === 'ledger' && !BALANCE_CODES.has(p.code));
  checks.push({
    key: 'ledgerChain',
    ok: ledgerChainProblems.length === 0,
    checked: verify.sinceCheckpoint
      ? { code: 'SCOPE_LEDGER_CHAIN_SINCE', params: { rows: verify.checked.ledgerRows } }
      : { code: 'SCOPE_LEDGER_CHAIN_ALL', params: { rows: verify.checked.ledgerRows } },
    problems: ledgerChainProblems,
  });

  // Ledger rows = balance changes, for the day's rows.
  const ledgerDay = continuityProblems(db, 'ledger', date, verify.replayedAfter?.ledgerId ?? null, (r, before) => ({
    table: 'ledger',
    rowId: r.id,
    code: 'DAY_BALANCE_BROKEN',
    params: { before, amount: r.amount, after: r.balance_after },
  }));
  const balanceProblems = ledgerDay.problems;
  balanceProblems.push(...byTable('accounts'), ...verify.problems.filter((p) => p.table === 'ledger' && BALANCE_CODES.has(p.code)));
  const accounts = db.prepare("SELECT count(DISTINCT household_id || ':' || passbook_id) FROM ledger WHERE business_date = ?").pluck().get(date) as number;
  checks.push({
    key: 'balances',
    ok: balanceProblems.length === 0,
    checked: { code: 'SCOPE_BALANCES', params: { rows: ledgerDay.rows, accounts } },
    problems: balanceProblems,
  });

  // Movements = stock changes.
  const stockDay = continuityProblems(db, 'stock', date, verify.replayedAfter?.stockId ?? null, (m, before) => ({
    table: 'stock_movements',
    rowId: m.id,
    code: 'DAY_STOCK_BROKEN',
    params: { before, amount: m.amount, after: m.balance_after },
  }));
  const stockProblems = stockDay.problems;
  stockProblems.push(...byTable('goods', 'stock_movements'));
  checks.push({ key: 'stock', ok: stockProblems.length === 0, checked: { code: 'SCOPE_STOCK', params: { rows: stockDay.rows } }, problems: stockProblems });

  // Receipts of the day: lines, ledger row, stock movements.
  const receipts = db
    .prepare(
      `SELECT r.id, r.receipt_no, r.total, r.household_id, r.passbook_id, r.business_date,
         (SELECT COALESCE(SUM(line_points), 0) FROM redemption_lines WHERE redemption_id = r.id) AS lines_total,
         l.amount AS l_amount, l.kind AS l_kind, l.household_id AS l_household, l.passbook_id AS l_passbook, l.business_date AS l_date,
         l.ref_type AS l_ref_type, l.ref_id AS l_ref_id
       FROM redemptions r LEFT JOIN ledger l ON l.id = r.ledger_id WHERE r.business_date = ? ORDER BY r.id`,
    )
    .all(date) as {
    id: number;
    receipt_no: string;
    total: number;
    household_id: number;
    passbook_id: number;
    business_date: string;
    lines_total: number;
    l_amount: number | null;
    l_kind: string | null;
    l_household: number | null;
    l_passbook: number | null;
    l_date: string | null;
    l_ref_type: string | null;
    l_ref_id: number | null;
  }[];
  // The day's movements by what caused them, in one pass over the date index. Looking up
  // each receipt's movements by reference instead scans the whole table once per receipt
  // (nothing indexes ref_type, ref_id): minutes for a busy day at county scale. A movement
  // dated into another day than its receipt or void shows up here as a mismatch.
  const movedByRef = new Map<string, { goods_id: number; q: number }[]>();
  const dayMoves = db
    .prepare(
      `SELECT ref_type, ref_id, goods_id, SUM(quantity) AS q FROM stock_movements
       WHERE business_date = ? AND ref_type IN ('redemption', 'void') GROUP BY ref_type, ref_id, goods_id`,
    )
    .all(date) as { ref_type: string; ref_id: number; goods_id: number; q: number }[];
  for (const m of dayMoves) {
    const key = `${m.ref_type}:${m.ref_id}`;
    const list = movedByRef.get(key) ?? [];
    list.push({ goods_id: m.goods_id, q: m.q });
    movedByRef.set(key, list);
  }
  const movedFor = (refType: 'redemption' | 'void', refId: number) => movedByRef.get(`${refType}:${refId}`) ?? [];
  // The lines of the day's receipts and of the receipts voided this day, each in one
  // grouped pass rather than one query per receipt.
  const linesByReceipt = new Map<number, { goods_id: number; q: number }[]>();
  const collectLines = (sql: string) => {
    for (const l of db.prepare(sql).all(date) as { redemption_id: number; goods_id: number; q: number }[]) {
      const list = linesByReceipt.get(l.redemption_id);
      if (list) list.push({ goods_id: l.goods_id, q: l.q });
      else linesByReceipt.set(l.redemption_id, [{ goods_id: l.goods_id, q: l.q }]);
    }
  };
  collectLines(
    `SELECT l.redemption_id, l.goods_id, SUM(l.quantity) AS q FROM redemptions r JOIN redemption_lines l ON l.redemption_id = r.id
     WHERE r.business_date = ? GROUP BY l.redemption_id, l.goods_id`,
  );
  collectLines(
    // CROSS JOIN keeps the (few) voids as the outer loop: without statistics the planner
    // may otherwise scan every receipt line ever written.
    `SELECT l.redemption_id, l.goods_id, SUM(l.quantity) AS q FROM voids v CROSS JOIN redemption_lines l
     JOIN redemptions r ON r.id = v.redemption_id
     WHERE l.redemption_id = v.redemption_id AND v.business_date = ? AND r.business_date <> v.business_date
     GROUP BY l.redemption_id, l.goods_id`,
  );
  const linesFor = (redemptionId: number) => linesByReceipt.get(redemptionId) ?? [];
  const sameGoods = (lines: { goods_id: number; q: number }[], moved: { goods_id: number; q: number }[], sign: 1 | -1) => {
    const want = new Map(lines.map((l) => [l.goods_id, sign * l.q]));
    const got = new Map(moved.map((m) => [m.goods_id, m.q]));
    if (want.size !== got.size) return false;
    for (const [g, q] of want) if (got.get(g) !== q) return false;
    return true;
  };
  const receiptProblems: ReconcileProblem[] = [...byTable('redemptions')];
  for (const r of receipts) {
    const receiptNo = r.receipt_no;
    if (r.lines_total !== r.total) receiptProblems.push({ code: 'RECEIPT_LINES_MISMATCH', params: { receiptNo, total: r.total, linesTotal: r.lines_total } });
    if (r.l_amount === null) receiptProblems.push({ code: 'RECEIPT_LEDGER_MISSING', params: { receiptNo } });
    else if (
      r.l_amount !== -r.total ||
      r.l_kind !== 'redemption' ||
      r.l_household !== r.household_id ||
      r.l_passbook !== r.passbook_id ||
      r.l_date !== r.business_date ||
      r.l_ref_type !== 'redemption' ||
      r.l_ref_id !== r.id
    ) {
      receiptProblems.push({ code: 'RECEIPT_LEDGER_MISMATCH', params: { receiptNo, ledgerAmount: r.l_amount, total: r.total } });
    }
    const lines = linesFor(r.id);
    const moved = movedFor('redemption', r.id);
    if (!sameGoods(lines, moved, -1)) receiptProblems.push({ code: 'RECEIPT_STOCK_MISMATCH', params: { receiptNo } });
  }
  checks.push({
    key: 'redemptions',
    ok: receiptProblems.length === 0,
    checked: { code: 'SCOPE_REDEMPTIONS', params: { count: receipts.length } },
    problems: receiptProblems,
  });

  // Voids of the day: points and goods back, exactly what the receipt took.
  const voids = db
    .prepare(
      `SELECT v.id, r.id AS redemption_id, r.receipt_no, r.total, r.ledger_id AS original_ledger, l.amount AS l_amount, l.kind AS l_kind,
         l.corrects_id AS l_corrects, l.business_date AS l_date, v.business_date
       FROM voids v JOIN redemptions r ON r.id = v.redemption_id LEFT JOIN ledger l ON l.id = v.ledger_id WHERE v.business_date = ? ORDER BY v.id`,
    )
    .all(date) as {
    id: number;
    redemption_id: number;
    receipt_no: string;
    total: number;
    original_ledger: number;
    l_amount: number | null;
    l_kind: string | null;
    l_corrects: number | null;
    l_date: string | null;
    business_date: string;
  }[];
  const voidProblems: ReconcileProblem[] = [];
  for (const v of voids) {
    const receiptNo = v.receipt_no;
    if (v.l_amount === null) voidProblems.push({ code: 'VOID_LEDGER_MISSING', params: { receiptNo, total: v.total } });
    else if (v.l_amount !== v.total || v.l_kind !== 'void' || v.l_corrects !== v.original_ledger || v.l_date !== v.business_date) {
      voidProblems.push({ code: 'VOID_LEDGER_MISMATCH', params: { receiptNo, ledgerAmount: v.l_amount, total: v.total } });
    }
    const lines = linesFor(v.redemption_id);
    const moved = movedFor('void', v.id);
    if (!sameGoods(lines, moved, 1)) voidProblems.push({ code: 'VOID_STOCK_MISMATCH', params: { receiptNo } });
  }
  checks.push({ key: 'voids', ok: voidProblems.length === 0, checked: { code: 'SCOPE_VOIDS', params: { count: voids.length } }, problems: voidProblems });

  // Receipt numbers: YYYYMMDD-0001 … N, no gap, nothing foreign.
  const prefix = date.replaceAll('-', '') + '-';
  const numberProblems: ReconcileProblem[] = [];
  const seqs: number[] = [];
  for (const r of receipts) {
    const m = /^(\d{8})-(\d{4,})$/.exec(r.receipt_no);
    if (!m || `${m[1]}-` !== prefix) numberProblems.push({ code: 'RECEIPT_NO_FOREIGN', params: { receiptNo: r.receipt_no, date } });
    else seqs.push(Number(m[2]));
  }
  seqs.sort((a, b) => a - b);
  for (let i = 0; i < seqs.length; i++) {
    const expected = i + 1;
    if (seqs[i] !== expected) {
      numberProblems.push({
        code: 'RECEIPT_NO_GAP',
        params: { expected: `${prefix}${String(expected).padStart(4, '0')}`, actual: `${prefix}${String(seqs[i]).padStart(4, '0')}` },
      });
      break;
    }
  }
  checks.push({
    key: 'receiptNumbers',
    ok: numberProblems.length === 0,
    checked:
      seqs.length === 0
        ? { code: 'SCOPE_RECEIPT_NUMBERS_NONE' }
        : { code: 'SCOPE_RECEIPT_NUMBERS', params: { first: `${prefix}0001`, last: `${prefix}${String(seqs.length).padStart(4, '0')}` } },
    problems: numberProblems,
  });

  const auditProblems = byTable('audit_log', 'sqlite');
  checks.push({
    key: 'auditChain',
    ok: auditProblems.length === 0,
    checked: verify.sinceCheckpoint
      ? { code: 'SCOPE_AUDIT_SINCE', params: { rows: verify.checked.auditRows } }
      : { code: 'SCOPE_AUDIT_ALL', params: { rows: verify.checked.auditRows } },
    problems: auditProblems,
  });
  const bookProblems: ReconcileProblem[] = verify.problems.filter((p) => !claimed.has(p.table));
  checks.push({ key: 'books', ok: bookProblems.length === 0, checked: { code: 'SCOPE_BOOKS' }, problems: bookProblems });

  return { ok: checks.every((c) => c.ok), checks };
}

/** The first few problems as one line, for the refusal message. */

/**
 * A SHA-256 over every row dated into one business day: ledger rows (their chain
 * hashes, which already cover every field), stock movements, receipts with their lines,
 * and voids. Stored in the close's summary; recomputing it later proves the closed day
 * is unchanged (or shows that it is not). Rows are fed in id order with every field
 * length-prefixed, so no two different days can feed the same bytes.
 */
export function referenceDayDigest(db: Db, date: string): string {
  const h = createHash('sha256');
  // The same bytes as one update per field (closed days' stored digests must keep
  // matching), gathered into chunks: thousands of tiny updates into the native hash
  // cost more than the hashing itself on a busy day.
  let chunk = '';
  const feed = (tag: string, rows: Iterable<unknown[]>) => {
    chunk += `[${tag}]`;
    for (const row of rows) {
      for (const f of row) {
        const s = f === null ? '\u0000' : Buffer.isBuffer(f) ? f.toString('hex') : String(f);
        chunk += `${Buffer.byteLength(s)}:${s};`;
      }
      chunk += '\n';
      if (chunk.length > 65_536) {
        h.update(chunk);
        chunk = '';
      }
    }
    h.update(chunk);
    chunk = '';
  };
  const rows = (sql: string) => db.prepare(sql).raw().iterate(date) as IterableIterator<unknown[]>;
  feed('ledger', rows('SELECT id, hash FROM ledger WHERE business_date = ? ORDER BY id'));
  feed(
    'stock',
    rows(
      `SELECT id, goods_id, kind, quantity, stock_after, created_at, operator_id, ref_type, ref_id, note
       FROM stock_movements WHERE business_date = ? ORDER BY id`,
    ),
  );
  feed(
    'redemptions',
    rows(
      `SELECT id, receipt_no, request_id, household_id, passbook_id, member_id, operator_id, total, balance_before, balance_after,
         created_at, ledger_id FROM redemptions WHERE business_date = ? ORDER BY id`,
    ),
  );
  feed(
    'lines',
    rows(
      `SELECT l.redemption_id, l.line_no, l.goods_id, l.name, l.unit, l.unit_points, l.quantity, l.line_points
       FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date = ? ORDER BY l.redemption_id, l.line_no`,
    ),
  );
  feed(
    'voids',
    rows('SELECT id, redemption_id, request_id, reason, operator_id, approved_by, created_at, ledger_id FROM voids WHERE business_date = ? ORDER BY id'),
  );
  return h.digest('hex');
}
