import type { Keyring } from '../../platform/crypto/secret.js';
import type { Db } from '../../platform/open.js';
import { checkAnchors, type VerifyProblem } from './verify.js';
import type { ChainField } from '../../books/hash-chain.js';
import { accountKey } from './account-key.js';
import { chainWalker, onTable, type ChainProblem } from './chain-walk.js';
import { readCheckpoint, type Checkpoint } from './checkpoint.js';
import { checkHeads, checkSchema, checkSeals, checkUnsealed } from './keyed-checks.js';
import { requireBooksKey } from '../../books/hash-chain.js';
import { query } from '../../platform/query.js';

export interface FastVerifyResult {
  /** 'none': there is no usable checkpoint, so only a full verify can say anything. */
  outcome: 'ok' | 'problems' | 'no-checkpoint';
  problems: VerifyProblem[];
  checked: { ledgerRows: number; auditRows: number; accounts: number; goods: number; stockMovements: number };
  /** The checkpoint the tails were checked from (null without one): rows after it were replayed. */
  checkpoint: Checkpoint | null;
}

const MAX_PROBLEMS = 200;

/**
 * The start-up check: cheap however big the ledger grows, because it looks only at what
 * was written since the last signed checkpoint. It re-hashes the checkpointed row and
 * every row after it (ledger and audit log), and for each account and good that changed
 * since, replays the new rows from the last older row and compares with the cache.
 * Older history is the full verify's job (on demand, and before every backup is kept).
 *
 * It also runs inside every day close, so it is written for a busy day since the
 * checkpoint (thousands of receipts): each table's tail is read once, and what the
 * touched accounts, goods and receipts need from before the tail is fetched for all of
 * them in one query each, not one query per account or receipt.
 */
export function fastVerify(db: Db, keyring: Keyring): FastVerifyResult {
  const problems: VerifyProblem[] = [];
  const add = (p: VerifyProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const checked = { ledgerRows: 0, auditRows: 0, accounts: 0, goods: 0, stockMovements: 0 };
  const cp = readCheckpoint(db, keyring);
  checkAnchors(db, keyring, add);
  checkSchema(db, add);
  if (cp.kind !== 'ok') {
    return { outcome: problems.length > 0 ? 'problems' : 'no-checkpoint', problems, checked, checkpoint: null };
  }
  const c = cp.checkpoint;
  checkLedgerTail(db, c, add, checked);
  checkAuditTail(db, c, add, checked);
  checkStockTail(db, c, add, checked);
  // The keyed books since the checkpoint: the seals written since (and the checkpointed
  // one), rows beyond the last seal, and each chain's count against its signed head.
  const key = requireBooksKey(db);
  const sealId = c.sealId ?? 0;
  const sealRows = checkSeals(db, key, Math.max(sealId, 1), add) - (sealId > 0 ? 1 : 0);
  checkUnsealed(db, true, add);
  // Rows now = the checkpoint's count + the tail; only when the checkpointed row itself is
  // gone (history cut back past it: already a problem) is the table counted whole.
  const count = (table: string, id: number, atCheckpoint: number, tail: number) =>
    id === 0 || query(db).get(`SELECT 1 FROM ${table} WHERE id = ?`, id) !== undefined
      ? atCheckpoint + tail
      : query(db).scalar<number>(`SELECT COUNT(*) FROM ${table}`);
  checkHeads(
    db,
    key,
    {
      ledger: count('ledger', c.ledgerId, c.ledgerCount ?? 0, checked.ledgerRows),
      audit_log: count('audit_log', c.auditId, c.auditCount ?? 0, checked.auditRows),
      row_seals: count('row_seals', sealId, c.sealCount ?? 0, sealRows),
    },
    add,
  );
  return { outcome: problems.length === 0 ? 'ok' : 'problems', problems, checked, checkpoint: c };
}

function addChainProblems(table: string, found: ChainProblem[], add: (p: VerifyProblem) => void): void {
  for (const p of found) add(onTable(table, p));
}

/** An account written to since the checkpoint, with what its tail rows showed. */
interface TouchedAccount {
  householdId: number;
  passbookId: number;
  balance: number;
  /** Problems in the order the full report lists them: rows, then receipts. */
  rowProblems: VerifyProblem[];
  receiptProblems: VerifyProblem[];
}

function checkLedgerTail(db: Db, c: Checkpoint, add: (p: VerifyProblem) => void, checked: FastVerifyResult['checked']): void {
  // Each touched account's balance before the tail and its cached balance (null: no
  // account row), for all of them at once.
  const start = new Map<number | string, { before: number; cached: number | null }>();
  const accountRows = db
    .prepare(
      `WITH t(household_id, passbook_id) AS (SELECT DISTINCT household_id, passbook_id FROM ledger WHERE id > @after)
       SELECT t.household_id, t.passbook_id,
         (SELECT l.balance_after FROM ledger l WHERE l.household_id = t.household_id AND l.passbook_id = t.passbook_id AND l.id <= @after ORDER BY l.id DESC LIMIT 1),
         a.balance
       FROM t LEFT JOIN accounts a ON a.household_id = t.household_id AND a.passbook_id = t.passbook_id`,
    )
    .raw()
    .all({ after: c.ledgerId }) as [number, number, number | null, number | null][];
  for (const [householdId, passbookId, before, cached] of accountRows) start.set(accountKey(householdId, passbookId), { before: before ?? 0, cached });

  // The receipts the tail's redemption rows point at: total, ledger row, sum of lines.
  const receipts = new Map<number, { total: number; ledgerId: number; linesTotal: number }>();
  const receiptRows = db
    .prepare(
      `SELECT r.id, r.total, r.ledger_id, (SELECT COALESCE(SUM(line_points), 0) FROM redemption_lines WHERE redemption_id = r.id)
       FROM redemptions r WHERE r.id IN (SELECT ref_id FROM ledger WHERE id > ? AND ref_type = 'redemption')`,
    )
    .raw()
    .all(c.ledgerId) as [number, number, number, number][];
  for (const [id, total, ledgerId, linesTotal] of receiptRows) receipts.set(id, { total, ledgerId, linesTotal });

  // One pass over the tail: the chain, and each row replayed onto its account. Accounts
  // keep the order they first appear in, so problems come out in the order they always did.
  const walker = chainWalker(db, 'ledger');
  const col = {
    household: walker.column('household_id'),
    passbook: walker.column('passbook_id'),
    amount: walker.column('amount'),
    balanceAfter: walker.column('balance_after'),
    refType: walker.column('ref_type'),
    refId: walker.column('ref_id'),
  };
  const touched = new Map<number | string, TouchedAccount>();
  const found: ChainProblem[] = [];
  walker.walk(c.ledgerId, null, walker.hashBefore(c.ledgerId), found, MAX_PROBLEMS, (r: readonly ChainField[]) => {
    const id = r[0] as number;
    if (id === c.ledgerId) return;
    checked.ledgerRows++;
    const householdId = r[col.household] as number;
    const passbookId = r[col.passbook] as number;
    const key = accountKey(householdId, passbookId);
    let t = touched.get(key);
    if (t === undefined) {
      t = { householdId, passbookId, balance: start.get(key)?.before ?? 0, rowProblems: [], receiptProblems: [] };
      touched.set(key, t);
    }
    const amount = r[col.amount] as number;
    const balanceAfter = r[col.balanceAfter] as number;
    t.balance += amount;
    if (t.balance !== balanceAfter && t.rowProblems.length < MAX_PROBLEMS) {
      t.rowProblems.push({ table: 'ledger', rowId: id, code: 'BALANCE_AFTER_MISMATCH', params: { recorded: balanceAfter, sum: t.balance } });
    }
    // A redemption written since: the lines add up and the ledger row matches.
    const refId = r[col.refId] as number | null;
    if (r[col.refType] !== 'redemption' || refId === null || t.receiptProblems.length >= MAX_PROBLEMS) return;
    const red = receipts.get(refId);
    if (!red || red.ledgerId !== id || red.total !== -amount)
      t.receiptProblems.push({ table: 'redemptions', rowId: refId, code: 'REDEMPTION_LEDGER_MISMATCH' });
    else if (red.linesTotal !== red.total)
      t.receiptProblems.push({
        table: 'redemptions',
        rowId: refId,
        code: 'REDEMPTION_TOTAL_MISMATCH',
        params: { total: red.total, linesTotal: red.linesTotal },
      });
  });
  addChainProblems('ledger', found, add);

  for (const [key, t] of touched) {
    checked.accounts++;
    for (const p of t.rowProblems) add(p);
    const cached = start.get(key)?.cached ?? null;
    const account = `${t.householdId}:${t.passbookId}`;
    if (cached === null) add({ table: 'accounts', rowId: account, code: 'ACCOUNT_MISSING' });
    // The honour total has no running column to start from; summing a household's whole
    // history here would make start-up grow with the ledger, so the full verify checks it.
    else if (cached !== t.balance) add({ table: 'accounts', rowId: account, code: 'ACCOUNT_BALANCE_MISMATCH', params: { cached, sum: t.balance } });
    for (const p of t.receiptProblems) add(p);
  }
}

function checkAuditTail(db: Db, c: Checkpoint, add: (p: VerifyProblem) => void, checked: FastVerifyResult['checked']): void {
  const walker = chainWalker(db, 'audit_log');
  const found: ChainProblem[] = [];
  walker.walk(c.auditId, null, walker.hashBefore(c.auditId), found, MAX_PROBLEMS, (r) => {
    if (r[0] !== c.auditId) checked.auditRows++;
  });
  addChainProblems('audit_log', found, add);
}

function checkStockTail(db: Db, c: Checkpoint, add: (p: VerifyProblem) => void, checked: FastVerifyResult['checked']): void {
  // Each touched good's level before the tail and its cached stock, all at once.
  const start = new Map<number, { before: number; cached: number | undefined }>();
  const goodsRows = db
    .prepare(
      `WITH t(goods_id) AS (SELECT DISTINCT goods_id FROM stock_movements WHERE id > @after)
       SELECT t.goods_id,
         (SELECT m.stock_after FROM stock_movements m WHERE m.goods_id = t.goods_id AND m.id <= @after ORDER BY m.id DESC LIMIT 1),
         g.stock
       FROM t LEFT JOIN goods g ON g.id = t.goods_id`,
    )
    .raw()
    .all({ after: c.stockId }) as [number, number | null, number | null][];
  for (const [goodsId, before, cached] of goodsRows) start.set(goodsId, { before: before ?? 0, cached: cached ?? undefined });
  // One pass over the movements; goods keep the order they first appear in.
  const touched = new Map<number, { level: number; problems: VerifyProblem[] }>();
  const moves = db.prepare('SELECT id, goods_id, quantity, stock_after FROM stock_movements WHERE id > ? ORDER BY id').raw();
  for (const [id, goodsId, quantity, stockAfter] of moves.iterate(c.stockId) as IterableIterator<[number, number, number, number]>) {
    checked.stockMovements++;
    let g = touched.get(goodsId);
    if (g === undefined) {
      g = { level: start.get(goodsId)?.before ?? 0, problems: [] };
      touched.set(goodsId, g);
    }
    g.level += quantity;
    if (g.level !== stockAfter && g.problems.length < MAX_PROBLEMS) {
      g.problems.push({ table: 'stock_movements', rowId: id, code: 'STOCK_AFTER_MISMATCH', params: { recorded: stockAfter, sum: g.level } });
    }
  }
  for (const [goodsId, g] of touched) {
    checked.goods++;
    for (const p of g.problems) add(p);
    const stock = start.get(goodsId)?.cached;
    if (stock !== g.level) add({ table: 'goods', rowId: goodsId, code: 'GOODS_STOCK_MISMATCH', params: { cached: stock ?? '-', sum: g.level } });
  }
}
