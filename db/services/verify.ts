import type { Keyring } from '../crypto/secret.js';
import { readCheckpoint, storedKeyFingerprint } from '../integrity/checkpoint.js';
import { checkClosedDays } from '../integrity/closed-days.js';
import type { Db } from '../open.js';
import { auditFields } from './audit.js';
import { chainHash, GENESIS } from './hash-chain.js';
import { ledgerFields, type LedgerRowForHash } from './ledger.js';

export interface VerifyProblem {
  table: string;
  rowId: number | string;
  problem: string;
}

export interface VerifyReport {
  ok: boolean;
  problems: VerifyProblem[];
  checked: { ledgerRows: number; auditRows: number; accounts: number; goods: number; redemptions: number; closedDays: number };
}

const MAX_PROBLEMS = 200;

/**
 * Extra checks other areas register (the day close checks its closed days' totals), so
 * `verify` stays the one place that says whether the data holds.
 */
export type VerifyCheck = (db: Db, add: (p: VerifyProblem) => void) => void;
const extraChecks = new Map<string, VerifyCheck>();
export function registerVerifyCheck(name: string, check: VerifyCheck): void {
  extraChecks.set(name, check);
}

/**
 * With the installation's key: the key matches the one the database was made with, and
 * the signed checkpoint still matches the chains (a chain rewritten wholesale, every
 * hash recomputed, passes the chain walk but not this).
 */
export function checkAnchors(db: Db, keyring: Keyring, add: (p: VerifyProblem) => void): void {
  const fp = storedKeyFingerprint(db);
  if (fp !== null && fp !== keyring.fingerprint()) {
    add({ table: 'settings', rowId: 'security.keyFingerprint', problem: 'this database was made with another key: restore the exported key file before trusting ID lookups' });
    return;
  }
  const cp = readCheckpoint(db, keyring);
  if (cp.kind === 'forged') add({ table: 'settings', rowId: 'integrity.checkpoint', problem: 'the signed checkpoint does not match its signature: it was edited' });
  if (cp.kind !== 'ok') return;
  const c = cp.checkpoint;
  if (c.ledgerId > 0) {
    const h = db.prepare('SELECT hash FROM ledger WHERE id = ?').pluck().get(c.ledgerId) as Buffer | undefined;
    if (!h || h.toString('hex') !== c.ledgerHash) add({ table: 'ledger', rowId: c.ledgerId, problem: 'differs from the signed checkpoint: history up to this row was rewritten or removed' });
  }
  if (c.auditId > 0) {
    const h = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(c.auditId) as Buffer | undefined;
    if (!h || h.toString('hex') !== c.auditHash) add({ table: 'audit_log', rowId: c.auditId, problem: 'differs from the signed checkpoint: history up to this row was rewritten or removed' });
  }
}

/**
 * Recomputes what the caches claim from the append-only rows and walks the hash
 * chains. Reports exactly which row is wrong: the first row whose hash does not match
 * is where an edit behind the app's back happened.
 */
export function verifyDatabase(db: Db, opts: { keyring?: Keyring } = {}): VerifyReport {
  const problems: VerifyProblem[] = [];
  const add = (p: VerifyProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };

  const integrity = db.pragma('quick_check', { simple: true }) as string;
  if (integrity !== 'ok') add({ table: 'sqlite', rowId: '-', problem: `quick_check: ${integrity}` });

  // Ledger: hash chain, and each account's running balance.
  let prev: Buffer = GENESIS;
  let ledgerRows = 0;
  const running = new Map<string, { balance: number; honour: number }>();
  const it = db
    .prepare(
      `SELECT id, household_id, passbook_id, kind, amount, balance_after, honour_delta, business_date, created_at, operator_id,
         ref_type, ref_id, corrects_id, note, prev_hash, hash FROM ledger ORDER BY id`,
    )
    .iterate() as IterableIterator<LedgerRowForHash & { id: number; prev_hash: Buffer; hash: Buffer }>;
  for (const r of it) {
    ledgerRows++;
    if (!r.prev_hash.equals(prev)) add({ table: 'ledger', rowId: r.id, problem: 'prev_hash does not match the previous row (a row was removed or reordered)' });
    const expected = chainHash(r.prev_hash, ledgerFields(r));
    if (!expected.equals(r.hash)) add({ table: 'ledger', rowId: r.id, problem: 'hash does not match the row: the row was changed after it was written' });
    prev = r.hash;
    const key = `${r.household_id}:${r.passbook_id}`;
    const acc = running.get(key) ?? { balance: 0, honour: 0 };
    acc.balance += r.amount;
    acc.honour += r.honour_delta;
    if (acc.balance !== r.balance_after) add({ table: 'ledger', rowId: r.id, problem: `balance_after ${r.balance_after} but the rows add up to ${acc.balance}` });
    if (acc.balance < 0) add({ table: 'ledger', rowId: r.id, problem: 'balance below zero' });
    running.set(key, acc);
  }

  const accounts = db.prepare('SELECT household_id, passbook_id, balance, honour_total FROM accounts').all() as {
    household_id: number;
    passbook_id: number;
    balance: number;
    honour_total: number;
  }[];
  for (const a of accounts) {
    const key = `${a.household_id}:${a.passbook_id}`;
    const sum = running.get(key) ?? { balance: 0, honour: 0 };
    if (sum.balance !== a.balance) add({ table: 'accounts', rowId: key, problem: `balance ${a.balance} but the ledger adds up to ${sum.balance}` });
    if (sum.honour !== a.honour_total) add({ table: 'accounts', rowId: key, problem: `honour_total ${a.honour_total} but the ledger adds up to ${sum.honour}` });
    running.delete(key);
  }
  for (const [key, sum] of running) if (sum.balance !== 0) add({ table: 'accounts', rowId: key, problem: 'ledger rows exist but the account row is missing' });

  // Stock: each good's level is the sum of its movements.
  const goods = db
    .prepare(
      `SELECT g.id, g.stock, COALESCE(SUM(m.quantity), 0) AS moved,
         (SELECT stock_after FROM stock_movements WHERE goods_id = g.id ORDER BY id DESC LIMIT 1) AS last_after
       FROM goods g LEFT JOIN stock_movements m ON m.goods_id = g.id GROUP BY g.id`,
    )
    .all() as { id: number; stock: number; moved: number; last_after: number | null }[];
  for (const g of goods) {
    if (g.stock !== g.moved) add({ table: 'goods', rowId: g.id, problem: `stock ${g.stock} but the movements add up to ${g.moved}` });
    if (g.last_after !== null && g.last_after !== g.moved) add({ table: 'stock_movements', rowId: `goods ${g.id}`, problem: `last stock_after ${g.last_after} but the movements add up to ${g.moved}` });
  }

  // Redemptions: lines add up to the total, and the ledger row matches.
  const badTotals = db
    .prepare(
      `SELECT r.id, r.total, (SELECT COALESCE(SUM(line_points), 0) FROM redemption_lines WHERE redemption_id = r.id) AS lines_total,
         l.amount AS ledger_amount, l.ref_type, l.ref_id
       FROM redemptions r JOIN ledger l ON l.id = r.ledger_id`,
    )
    .all() as { id: number; total: number; lines_total: number; ledger_amount: number; ref_type: string | null; ref_id: number | null }[];
  for (const r of badTotals) {
    if (r.lines_total !== r.total) add({ table: 'redemptions', rowId: r.id, problem: `total ${r.total} but lines add up to ${r.lines_total}` });
    if (r.ledger_amount !== -r.total || r.ref_type !== 'redemption' || r.ref_id !== r.id) add({ table: 'redemptions', rowId: r.id, problem: 'the ledger row does not match the redemption' });
  }

  // Audit log chain.
  let aprev: Buffer = GENESIS;
  let auditRows = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<{
    id: number; created_at: string; operator_id: number | null; action: string; target: string | null; detail: string | null; prev_hash: Buffer; hash: Buffer;
  }>) {
    auditRows++;
    if (!r.prev_hash.equals(aprev)) add({ table: 'audit_log', rowId: r.id, problem: 'prev_hash does not match the previous row' });
    if (!chainHash(r.prev_hash, auditFields(r)).equals(r.hash)) add({ table: 'audit_log', rowId: r.id, problem: 'hash does not match the row: changed after it was written' });
    aprev = r.hash;
  }

  const closedDays = checkClosedDays(db, add);
  if (opts.keyring) checkAnchors(db, opts.keyring, add);
  for (const check of extraChecks.values()) check(db, add);

  return {
    ok: problems.length === 0,
    problems,
    checked: { ledgerRows, auditRows, accounts: accounts.length, goods: goods.length, redemptions: badTotals.length, closedDays },
  };
}
