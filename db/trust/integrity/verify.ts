import type { Keyring } from '../../platform/crypto/secret.js';
import { readCheckpoint, storedKeyFingerprint } from './checkpoint.js';
import { checkClosedDays } from './closed-days.js';
import type { Db } from '../../platform/open.js';
import { accountKey } from './account-key.js';
import { chainWalker, GENESIS_HEX, onTable, type ChainProblem } from './chain-walk.js';
import { checkHeads, checkSchema, checkSeals, checkUnsealed } from './keyed-checks.js';
import { requireBooksKey } from '../../books/hash-chain.js';
import { hasBooksHistory } from '../../platform/open.js';
import { startChainCheck, type ChainCheckOptions, type ChainCheckResult } from './verify-helper.js';
import type { VerifyProblem } from '../../contract/problems.js';
import { query } from '../../platform/query.js';

export type { VerifyProblem } from '../../contract/problems.js';

export interface VerifyReport {
  ok: boolean;
  problems: VerifyProblem[];
  checked: { ledgerRows: number; auditRows: number; accounts: number; goods: number; redemptions: number; closedDays: number };
}

const MAX_PROBLEMS = 200;
const BALANCE_SLICE = 10_000;

/**
 * With the installation's key: the key matches the one the database was made with, and
 * the signed checkpoint still matches the chains (a chain rewritten wholesale, every
 * hash recomputed, passes the chain walk but not this).
 */
export function checkAnchors(db: Db, keyring: Keyring, add: (p: VerifyProblem) => void): void {
  const fp = storedKeyFingerprint(db);
  if (fp !== null && fp !== keyring.fingerprint()) {
    add({ table: 'settings', rowId: 'security.keyFingerprint', code: 'KEY_OTHER' });
    return;
  }
  const cp = readCheckpoint(db, keyring);
  if (cp.kind === 'none' && hasBooksHistory(db)) add({ table: 'settings', rowId: 'integrity.checkpoint', code: 'CHECKPOINT_MISSING' });
  if (cp.kind === 'forged') add({ table: 'settings', rowId: 'integrity.checkpoint', code: 'CHECKPOINT_FORGED' });
  if (cp.kind !== 'ok') return;
  const c = cp.checkpoint;
  if (c.ledgerId > 0) {
    const h = query(db).value<Buffer>('SELECT hash FROM ledger WHERE id = ?', c.ledgerId);
    if (!h || h.toString('hex') !== c.ledgerHash) add({ table: 'ledger', rowId: c.ledgerId, code: 'CHECKPOINT_DIFFERS' });
  }
  if (c.auditId > 0) {
    const h = query(db).value<Buffer>('SELECT hash FROM audit_log WHERE id = ?', c.auditId);
    if (!h || h.toString('hex') !== c.auditHash) add({ table: 'audit_log', rowId: c.auditId, code: 'CHECKPOINT_DIFFERS' });
  }
  if ((c.sealId ?? 0) > 0) {
    const h = query(db).value<Buffer>('SELECT hash FROM row_seals WHERE id = ?', c.sealId);
    if (!h || h.toString('hex') !== c.sealHash) add({ table: 'row_seals', rowId: c.sealId ?? 0, code: 'CHECKPOINT_DIFFERS' });
  }
}

/**
 * Recomputes what the caches claim from the append-only rows and walks the hash
 * chains. Reports exactly which row is wrong: the first row whose hash does not match
 * is where an edit behind the app's back happened.
 *
 * At county scale (millions of rows) the ledger's hash walk and quick_check run beside
 * the other checks on a helper thread (integrity/verify-helper.ts); the report is the
 * same either way: the quick_check line first, then the ledger's problems in row order,
 * then the other checks' in the order they run, at most MAX_PROBLEMS in all.
 */
export function verifyDatabase(db: Db, opts: { keyring?: Keyring } & ChainCheckOptions = {}): VerifyReport {
  const rest: VerifyProblem[] = [];
  const add = (p: VerifyProblem) => {
    if (rest.length < MAX_PROBLEMS) rest.push(p);
  };
  const chain = startChainCheck(db, MAX_PROBLEMS, opts);
  let checked: VerifyReport['checked'];
  let balances: ChainProblem[];
  let walked: ChainCheckResult;
  try {
    const ledger = checkBalances(db, add);
    balances = ledger.problems;
    const goods = checkGoods(db, add);
    const redemptions = checkRedemptions(db, add);
    const auditRows = checkAuditChain(db, add);
    const closedDays = checkClosedDays(db, add);
    if (opts.keyring) checkAnchors(db, opts.keyring, add);
    // The keyed books: every sealed row against its seal, rows without one, each chain
    // against its signed head (a cut tail), and the schema the migrations made.
    const key = requireBooksKey(db);
    checkSchema(db, add);
    const sealRows = checkSeals(db, key, 1, add);
    checkUnsealed(db, false, add);
    checkHeads(db, key, { ledger: ledger.rows, audit_log: auditRows, row_seals: sealRows }, add);
    checked = { ledgerRows: ledger.rows, auditRows, accounts: ledger.accounts, goods, redemptions, closedDays };
    walked = chain.finish();
  } catch (e) {
    chain.abort();
    throw e;
  }

  const problems: VerifyProblem[] = [];
  if (walked.quick !== 'ok') problems.push({ table: 'sqlite', rowId: '-', code: 'SQLITE_QUICK_CHECK', params: { detail: walked.quick } });
  const ledgerProblems = [...walked.problems, ...balances].sort((a, b) => a.rowId - b.rowId || a.seq - b.seq);
  for (const p of ledgerProblems) problems.push(onTable('ledger', p));
  problems.push(...rest);
  problems.length = Math.min(problems.length, MAX_PROBLEMS);
  return { ok: problems.length === 0, problems, checked };
}

interface RunningAccount {
  householdId: number;
  passbookId: number;
  balance: number;
  honour: number;
}

/**
 * Each account's running balance along the ledger, and the accounts cache against the
 * sums. Ledger problems carry seq 2 and 3: after a row's chain problems (0 and 1).
 */
function checkBalances(db: Db, add: (p: VerifyProblem) => void): { rows: number; accounts: number; problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  const push = (p: ChainProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const running = new Map<number | string, RunningAccount>();
  let rows = 0;
  // In slices with .all(): cheaper per row than an iterator at millions of rows. Keyset
  // slices (after the last id seen), so that a gap in the ids costs nothing.
  const slice = db.prepare('SELECT id, household_id, passbook_id, amount, balance_after, honour_delta FROM ledger WHERE id > ? ORDER BY id LIMIT ?').raw();
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const batch = slice.all(after, BALANCE_SLICE) as [number, number, number, number, number, number][];
    for (const r of batch) {
      rows++;
      const householdId = r[1];
      const passbookId = r[2];
      const key = accountKey(householdId, passbookId);
      let acc = running.get(key);
      if (acc === undefined) {
        acc = { householdId, passbookId, balance: 0, honour: 0 };
        running.set(key, acc);
      }
      acc.balance += r[3];
      acc.honour += r[5];
      if (acc.balance !== r[4]) push({ rowId: r[0], seq: 2, code: 'BALANCE_AFTER_MISMATCH', params: { recorded: r[4], sum: acc.balance } });
      if (acc.balance < 0) push({ rowId: r[0], seq: 3, code: 'BALANCE_NEGATIVE' });
    }
    if (batch.length < BALANCE_SLICE) break;
    after = batch[batch.length - 1]![0];
  }

  const accounts = db.prepare('SELECT household_id, passbook_id, balance, honour_total FROM accounts').raw().all() as [number, number, number, number][];
  for (const [householdId, passbookId, balance, honourTotal] of accounts) {
    const key = accountKey(householdId, passbookId);
    const name = `${householdId}:${passbookId}`;
    const sum = running.get(key) ?? { balance: 0, honour: 0 };
    if (sum.balance !== balance) add({ table: 'accounts', rowId: name, code: 'ACCOUNT_BALANCE_MISMATCH', params: { cached: balance, sum: sum.balance } });
    if (sum.honour !== honourTotal) add({ table: 'accounts', rowId: name, code: 'ACCOUNT_HONOUR_MISMATCH', params: { cached: honourTotal, sum: sum.honour } });
    running.delete(key);
  }
  for (const acc of running.values()) {
    if (acc.balance !== 0) add({ table: 'accounts', rowId: `${acc.householdId}:${acc.passbookId}`, code: 'ACCOUNT_MISSING' });
  }
  return { rows, accounts: accounts.length, problems };
}

/** Stock: each good's level is the sum of its movements. */
function checkGoods(db: Db, add: (p: VerifyProblem) => void): number {
  const goods = db
    .prepare(
      `SELECT g.id, g.stock, COALESCE(SUM(m.quantity), 0) AS moved,
         (SELECT stock_after FROM stock_movements WHERE goods_id = g.id ORDER BY id DESC LIMIT 1) AS last_after
       FROM goods g LEFT JOIN stock_movements m ON m.goods_id = g.id GROUP BY g.id`,
    )
    .all() as { id: number; stock: number; moved: number; last_after: number | null }[];
  for (const g of goods) {
    if (g.stock !== g.moved) add({ table: 'goods', rowId: g.id, code: 'GOODS_STOCK_MISMATCH', params: { cached: g.stock, sum: g.moved } });
    if (g.last_after !== null && g.last_after !== g.moved)
      add({ table: 'stock_movements', rowId: `goods ${g.id}`, code: 'STOCK_LAST_AFTER_MISMATCH', params: { recorded: g.last_after, sum: g.moved } });
  }
  return goods.length;
}

/** Redemptions: lines add up to the total, and the ledger row matches. */
function checkRedemptions(db: Db, add: (p: VerifyProblem) => void): number {
  let count = 0;
  const it = db
    .prepare(
      `SELECT r.id, r.total, (SELECT COALESCE(SUM(line_points), 0) FROM redemption_lines WHERE redemption_id = r.id) AS lines_total,
         l.amount AS ledger_amount, l.ref_type, l.ref_id
       FROM redemptions r JOIN ledger l ON l.id = r.ledger_id`,
    )
    .raw()
    .iterate() as IterableIterator<[number, number, number, number, string | null, number | null]>;
  for (const [id, total, linesTotal, ledgerAmount, refType, refId] of it) {
    count++;
    if (linesTotal !== total) add({ table: 'redemptions', rowId: id, code: 'REDEMPTION_TOTAL_MISMATCH', params: { total, linesTotal } });
    if (ledgerAmount !== -total || refType !== 'redemption' || refId !== id) add({ table: 'redemptions', rowId: id, code: 'REDEMPTION_LEDGER_MISMATCH' });
  }
  return count;
}

/** The audit log's chain, walked in one piece (it is far shorter than the ledger). */
function checkAuditChain(db: Db, add: (p: VerifyProblem) => void): number {
  const walker = chainWalker(db, 'audit_log');
  const found: ChainProblem[] = [];
  const rows = walker.walk(Number.MIN_SAFE_INTEGER, null, GENESIS_HEX, found, MAX_PROBLEMS);
  for (const p of found) add(onTable('audit_log', p));
  return rows;
}
