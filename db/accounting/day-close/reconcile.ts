import type { ReconcileCheck, ReconcileReport } from '../../contract/views-accounting.js';
import type { Db } from '../../platform/open.js';
import type { Keyring } from '../../platform/crypto/secret.js';
import { fastVerify } from '../../trust/integrity/fast-verify.js';
import { verifyDatabase } from '../../trust/integrity/verify.js';
import { describeProblem, type ProblemLang, type ReconcileProblem, type VerifyCode, type VerifyProblem } from '../../contract/problems.js';
import { readDayRows, type DayRows } from '../../books/day-digest.js';
import { query } from '../../platform/query.js';

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
  const day = query(db).one<{ first: number | null; n: number }>(`SELECT MIN(id) AS first, count(*) AS n FROM ${q.table} WHERE business_date = ?`, date);
  if (replayedAfter !== null && (day.first === null || day.first > replayedAfter)) return { rows: day.n, problems: [] };
  const problems: ReconcileProblem[] = [];
  const rows = query(db).all<DayRow>(q.rows, date);
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
export function reconcileDay(db: Db, date: string, keyring?: Keyring, read?: { day: DayRows; otherLines: VoidLine[] }): ReconcileReport {
  const verify = wholeDatabaseCheck(db, keyring);
  const day = read?.day ?? readDayRows(db, date);
  const otherLines = read?.otherLines ?? otherDayVoidLines(db, date);
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
  const ledgerDay = continuityProblems(db, 'ledger', date, verify.replayedAfter?.ledgerId ?? null, (r, before) => ({
    table: 'ledger',
    rowId: r.id,
    code: 'DAY_BALANCE_BROKEN',
    params: { before, amount: r.amount, after: r.balance_after },
  }));
  const balanceProblems = ledgerDay.problems;
  balanceProblems.push(...byTable('accounts'), ...verify.problems.filter((p) => p.table === 'ledger' && BALANCE_CODES.has(p.code)));
  const accounts = new Set(day.ledger.map((l) => `${String(l[4])}:${String(l[5])}`)).size;
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

  // Receipts of the day: lines, ledger row, stock movements; all from the day's rows read
  // once. A ledger row a receipt or void points at outside the day is read on its own
  // (only an edit behind the app's back makes one).
  const ledgerById = new Map<number, unknown[]>();
  for (const l of day.ledger) ledgerById.set(l[0] as number, l);
  const ledgerOutside = db
    .prepare('SELECT id, hash, kind, amount, household_id, passbook_id, ref_type, ref_id, corrects_id, business_date FROM ledger WHERE id = ?')
    .raw();
  const ledgerRow = (id: number | null): LedgerView | null => {
    if (id === null) return null;
    const l = ledgerById.get(id) ?? (ledgerOutside.get(id) as unknown[] | undefined);
    if (l === undefined) return null;
    return {
      amount: l[3] as number,
      kind: l[2] as string,
      household: l[4] as number,
      passbook: l[5] as number,
      refType: l[6] as string | null,
      refId: l[7] as number | null,
      corrects: l[8] as number | null,
      date: l[9] as string,
    };
  };
  const linesTotal = new Map<number, number>();
  for (const l of day.lines) linesTotal.set(l[0] as number, (linesTotal.get(l[0] as number) ?? 0) + (l[7] as number));
  const receipts = day.redemptions.map((r) => {
    const l = ledgerRow(r[11] as number | null);
    return {
      id: r[0] as number,
      receipt_no: r[1] as string,
      total: r[7] as number,
      household_id: r[3] as number,
      passbook_id: r[4] as number,
      business_date: date,
      lines_total: linesTotal.get(r[0] as number) ?? 0,
      l_amount: l?.amount ?? null,
      l_kind: l?.kind ?? null,
      l_household: l?.household ?? null,
      l_passbook: l?.passbook ?? null,
      l_date: l?.date ?? null,
      l_ref_type: l?.refType ?? null,
      l_ref_id: l?.refId ?? null,
    };
  });
  // The day's movements by what caused them, from the day's one read. A movement dated
  // into another day than its receipt or void shows up here as a mismatch.
  const movedByRef = new Map<string, { goods_id: number; q: number }[]>();
  for (const m of day.stock) {
    const refType = m[7];
    if (refType !== 'redemption' && refType !== 'void') continue;
    const key = `${refType}:${String(m[8])}`;
    const goodsId = m[1] as number;
    const list = movedByRef.get(key);
    const same = list?.find((x) => x.goods_id === goodsId);
    if (same) same.q += m[3] as number;
    else if (list) list.push({ goods_id: goodsId, q: m[3] as number });
    else movedByRef.set(key, [{ goods_id: goodsId, q: m[3] as number }]);
  }
  const movedFor = (refType: 'redemption' | 'void', refId: number) => movedByRef.get(`${refType}:${refId}`) ?? [];
  // The lines of the day's receipts and of the receipts voided this day, by receipt and good.
  const linesByReceipt = new Map<number, { goods_id: number; q: number }[]>();
  const collect = (redemptionId: number, goodsId: number, q: number) => {
    const list = linesByReceipt.get(redemptionId);
    const same = list?.find((x) => x.goods_id === goodsId);
    if (same) same.q += q;
    else if (list) list.push({ goods_id: goodsId, q });
    else linesByReceipt.set(redemptionId, [{ goods_id: goodsId, q }]);
  };
  for (const l of day.lines) collect(l[0] as number, l[2] as number, l[6] as number);
  for (const l of otherLines) collect(l.redemptionId, l.goodsId, l.quantity);
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
  const voids = day.voids.flatMap((v) => {
    // id, redemption_id, …, ledger_id (7) | receipt_no (8), total, ledger_id, business_date: null without the receipt.
    if (v[8] === null) return [];
    const l = ledgerRow(v[7] as number | null);
    return [
      {
        id: v[0] as number,
        redemption_id: v[1] as number,
        receipt_no: v[8] as string,
        total: v[9] as number,
        original_ledger: v[10] as number,
        l_amount: l?.amount ?? null,
        l_kind: l?.kind ?? null,
        l_corrects: l?.corrects ?? null,
        l_date: l?.date ?? null,
        business_date: date,
      },
    ];
  });
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

  // The rest of the books: the signed checkpoint, the seal chain and the rows it seals
  // (voids, receipt lines, points entries…), the schema, the closed days. A problem there
  // is as much a reason not to sign as one in the ledger.
  const bookProblems: ReconcileProblem[] = verify.problems.filter((p) => !claimed.has(p.table));
  checks.push({ key: 'books', ok: bookProblems.length === 0, checked: { code: 'SCOPE_BOOKS' }, problems: bookProblems });

  return { ok: checks.every((c) => c.ok), checks };
}

interface LedgerView {
  amount: number;
  kind: string;
  household: number;
  passbook: number;
  refType: string | null;
  refId: number | null;
  corrects: number | null;
  date: string;
}

/** A line of a receipt voided on `date` whose receipt is not of that day (only edits make these). */
export interface VoidLine {
  redemptionId: number;
  goodsId: number;
  quantity: number;
  points: number;
}

/**
 * The lines of receipts voided on `date` that are not among the day's own receipts, by
 * receipt and good. CROSS JOIN keeps the (few) voids as the outer loop: without
 * statistics the planner may otherwise scan every receipt line ever written.
 */
export function otherDayVoidLines(db: Db, date: string): VoidLine[] {
  return (
    db
      .prepare(
        `SELECT l.redemption_id, l.goods_id, SUM(l.quantity), SUM(l.line_points) FROM voids v CROSS JOIN redemption_lines l
         WHERE l.redemption_id = v.redemption_id AND v.business_date = @d
           AND NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.id = v.redemption_id AND r.business_date = @d)
         GROUP BY l.redemption_id, l.goods_id`,
      )
      .raw()
      .all({ d: date }) as [number, number, number, number][]
  ).map(([redemptionId, goodsId, quantity, points]) => ({ redemptionId, goodsId, quantity, points }));
}

/**
 * The first few problems as one line in one language, for the refusal message
 * (DAY_NOT_RECONCILED's {detail} and {detailEn}).
 */
export function problemsLine(report: ReconcileReport, lang: ProblemLang, max = 3): string {
  const all = report.checks.flatMap((c) => c.problems);
  const head = all
    .slice(0, max)
    .map((p) => describeProblem(p, lang))
    .join(lang === 'zh' ? '；' : '; ');
  if (all.length <= max) return head;
  return lang === 'zh' ? `${head}；等共 ${all.length} 处` : `${head}; ${all.length} in all`;
}
