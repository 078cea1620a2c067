import type { ReconcileCheck, ReconcileReport } from '../../contract/views-accounting.js';
import type { Db } from '../../platform/open.js';
import type { Keyring } from '../../platform/crypto/secret.js';
import { fastVerify } from '../../trust/integrity/fast-verify.js';
import { verifyDatabase } from '../../trust/integrity/verify.js';
import { describeProblem, type ProblemLang, type ReconcileProblem, type VerifyCode, type VerifyProblem } from '../../contract/problems.js';

/** The ledger problems that belong on the balances line; the rest are the chain's. */
const BALANCE_CODES: ReadonlySet<VerifyCode> = new Set<VerifyCode>(['BALANCE_AFTER_MISMATCH', 'BALANCE_NEGATIVE']);

/**
 * The whole-database part of a close. With the installation key and a signed checkpoint,
 * the fast path: the chains and caches since the checkpoint, whose signature vouches for
 * everything before it (a full verify of millions of rows takes a minute; a close must
 * not). Without them, the full verify.
 */
function wholeDatabaseCheck(
  db: Db,
  keyring: Keyring | undefined,
): { problems: VerifyProblem[]; checked: { ledgerRows: number; auditRows: number }; sinceCheckpoint: boolean; replayedAfter: { ledgerId: number; stockId: number } | null } {
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
export function reconcileDay(db: Db, date: string, keyring?: Keyring): ReconcileReport {
  const verify = wholeDatabaseCheck(db, keyring);
  // Each line claims the verify's problems on its tables; the 'books' line takes the rest.
  const claimed = new Set<string>(['ledger']);
  const byTable = (...tables: string[]): ReconcileProblem[] => {
    for (const t of tables) claimed.add(t);
    return verify.problems.filter((p) => tables.includes(p.table));
  };
  const checks: ReconcileCheck[] = [];

  // The ledger's problems by code: a balance that does not add up is the balances line's;
  // everything else on the ledger (hash, link, checkpoint, seal, head) is the chain's.
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
  const ledgerDay = continuityProblems(
    db,
    'ledger',
    date,
    verify.replayedAfter?.ledgerId ?? null,
    (r, before) => ({ table: 'ledger', rowId: r.id, code: 'DAY_BALANCE_BROKEN', params: { before, amount: r.amount, after: r.balance_after } }),
  );
  const balanceProblems = ledgerDay.problems;
  balanceProblems.push(...byTable('accounts'), ...verify.problems.filter((p) => p.table === 'ledger' && BALANCE_CODES.has(p.code)));
  const accounts = db.prepare('SELECT count(DISTINCT household_id || \':\' || passbook_id) FROM ledger WHERE business_date = ?').pluck().get(date) as number;
  checks.push({ key: 'balances', ok: balanceProblems.length === 0, checked: { code: 'SCOPE_BALANCES', params: { rows: ledgerDay.rows, accounts } }, problems: balanceProblems });

  // Movements = stock changes.
  const stockDay = continuityProblems(
    db,
    'stock',
    date,
    verify.replayedAfter?.stockId ?? null,
    (m, before) => ({ table: 'stock_movements', rowId: m.id, code: 'DAY_STOCK_BROKEN', params: { before, amount: m.amount, after: m.balance_after } }),
  );
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
    id: number; receipt_no: string; total: number; household_id: number; passbook_id: number; business_date: string; lines_total: number;
    l_amount: number | null; l_kind: string | null; l_household: number | null; l_passbook: number | null; l_date: string | null;
    l_ref_type: string | null; l_ref_id: number | null;
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
    else if (r.l_amount !== -r.total || r.l_kind !== 'redemption' || r.l_household !== r.household_id || r.l_passbook !== r.passbook_id
      || r.l_date !== r.business_date || r.l_ref_type !== 'redemption' || r.l_ref_id !== r.id) {
      receiptProblems.push({ code: 'RECEIPT_LEDGER_MISMATCH', params: { receiptNo, ledgerAmount: r.l_amount, total: r.total } });
    }
    const lines = linesFor(r.id);
    const moved = movedFor('redemption', r.id);
    if (!sameGoods(lines, moved, -1)) receiptProblems.push({ code: 'RECEIPT_STOCK_MISMATCH', params: { receiptNo } });
  }
  checks.push({ key: 'redemptions', ok: receiptProblems.length === 0, checked: { code: 'SCOPE_REDEMPTIONS', params: { count: receipts.length } }, problems: receiptProblems });

  // Voids of the day: points and goods back, exactly what the receipt took.
  const voids = db
    .prepare(
      `SELECT v.id, r.id AS redemption_id, r.receipt_no, r.total, r.ledger_id AS original_ledger, l.amount AS l_amount, l.kind AS l_kind,
         l.corrects_id AS l_corrects, l.business_date AS l_date, v.business_date
       FROM voids v JOIN redemptions r ON r.id = v.redemption_id LEFT JOIN ledger l ON l.id = v.ledger_id WHERE v.business_date = ? ORDER BY v.id`,
    )
    .all(date) as {
    id: number; redemption_id: number; receipt_no: string; total: number; original_ledger: number; l_amount: number | null; l_kind: string | null;
    l_corrects: number | null; l_date: string | null; business_date: string;
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
      numberProblems.push({ code: 'RECEIPT_NO_GAP', params: { expected: `${prefix}${String(expected).padStart(4, '0')}`, actual: `${prefix}${String(seqs[i]).padStart(4, '0')}` } });
      break;
    }
  }
  checks.push({
    key: 'receiptNumbers',
    ok: numberProblems.length === 0,
    checked: seqs.length === 0 ? { code: 'SCOPE_RECEIPT_NUMBERS_NONE' } : { code: 'SCOPE_RECEIPT_NUMBERS', params: { first: `${prefix}0001`, last: `${prefix}${String(seqs.length).padStart(4, '0')}` } },
    problems: numberProblems,
  });

  const auditProblems = byTable('audit_log', 'sqlite');
  checks.push({
    key: 'auditChain',
    ok: auditProblems.length === 0,
    checked: verify.sinceCheckpoint ? { code: 'SCOPE_AUDIT_SINCE', params: { rows: verify.checked.auditRows } } : { code: 'SCOPE_AUDIT_ALL', params: { rows: verify.checked.auditRows } },
    problems: auditProblems,
  });

  // The rest of the books: the signed checkpoint, the seal chain and the rows it seals
  // (voids, receipt lines, points entries…), the schema, the closed days. A problem there
  // is as much a reason not to sign as one in the ledger.
  const bookProblems: ReconcileProblem[] = verify.problems.filter((p) => !claimed.has(p.table));
  checks.push({ key: 'books', ok: bookProblems.length === 0, checked: { code: 'SCOPE_BOOKS' }, problems: bookProblems });

  return { ok: checks.every((c) => c.ok), checks };
}

/**
 * The first few problems as one line in one language, for the refusal message
 * (DAY_NOT_RECONCILED's {detail} and {detailEn}).
 */
export function problemsLine(report: ReconcileReport, lang: ProblemLang, max = 3): string {
  const all = report.checks.flatMap((c) => c.problems);
  const head = all.slice(0, max).map((p) => describeProblem(p, lang)).join(lang === 'zh' ? '；' : '; ');
  if (all.length <= max) return head;
  return lang === 'zh' ? `${head}；等共 ${all.length} 处` : `${head}; ${all.length} in all`;
}
