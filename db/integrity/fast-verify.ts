import type { Keyring } from '../crypto/secret.js';
import type { Db } from '../open.js';
import { auditFields } from '../services/audit.js';
import { chainHash } from '../services/hash-chain.js';
import { ledgerFields, type LedgerRowForHash } from '../services/ledger.js';
import { checkAnchors, type VerifyProblem } from '../services/verify.js';
import { readCheckpoint, type Checkpoint } from './checkpoint.js';

export interface FastVerifyResult {
  /** 'none': there is no usable checkpoint, so only a full verify can say anything. */
  outcome: 'ok' | 'problems' | 'no-checkpoint';
  problems: VerifyProblem[];
  checked: { ledgerRows: number; auditRows: number; accounts: number; goods: number; stockMovements: number };
}

type LedgerRow = LedgerRowForHash & { id: number; prev_hash: Buffer; hash: Buffer };
type AuditRow = { id: number; created_at: string; operator_id: number | null; action: string; target: string | null; detail: string | null; prev_hash: Buffer; hash: Buffer };

const LEDGER_COLUMNS = `id, household_id, passbook_id, kind, amount, balance_after, honour_delta, business_date, created_at, operator_id,
  ref_type, ref_id, corrects_id, note, prev_hash, hash`;

/**
 * The start-up check: cheap however big the ledger grows, because it looks only at what
 * was written since the last signed checkpoint. It re-hashes the checkpointed row and
 * every row after it (ledger and audit log), and for each account and good that changed
 * since, replays the new rows from the last older row and compares with the cache.
 * Older history is the full verify's job (on demand, and before every backup is kept).
 */
export function fastVerify(db: Db, keyring: Keyring): FastVerifyResult {
  const problems: VerifyProblem[] = [];
  const add = (p: VerifyProblem) => {
    if (problems.length < 200) problems.push(p);
  };
  const checked = { ledgerRows: 0, auditRows: 0, accounts: 0, goods: 0, stockMovements: 0 };
  const cp = readCheckpoint(db, keyring);
  checkAnchors(db, keyring, add);
  if (cp.kind !== 'ok') {
    return { outcome: problems.length > 0 ? 'problems' : 'no-checkpoint', problems, checked };
  }
  const c = cp.checkpoint;
  checkLedgerTail(db, c, add, checked);
  checkAuditTail(db, c, add, checked);
  checkStockTail(db, c, add, checked);
  return { outcome: problems.length === 0 ? 'ok' : 'problems', problems, checked };
}

function checkLedgerTail(db: Db, c: Checkpoint, add: (p: VerifyProblem) => void, checked: FastVerifyResult['checked']): void {
  const rows = db.prepare(`SELECT ${LEDGER_COLUMNS} FROM ledger WHERE id >= ? ORDER BY id`).all(c.ledgerId) as LedgerRow[];
  let prev: Buffer | null = null;
  const touched = new Map<string, { householdId: number; passbookId: number; rows: LedgerRow[] }>();
  for (const r of rows) {
    if (prev !== null && !r.prev_hash.equals(prev)) add({ table: 'ledger', rowId: r.id, problem: 'prev_hash does not match the previous row (a row was removed or reordered)' });
    if (!chainHash(r.prev_hash, ledgerFields(r)).equals(r.hash)) add({ table: 'ledger', rowId: r.id, problem: 'hash does not match the row: the row was changed after it was written' });
    prev = r.hash;
    if (r.id === c.ledgerId) continue;
    checked.ledgerRows++;
    const key = `${r.household_id}:${r.passbook_id}`;
    const t = touched.get(key) ?? { householdId: r.household_id, passbookId: r.passbook_id, rows: [] };
    t.rows.push(r);
    touched.set(key, t);
  }
  const before = db.prepare('SELECT balance_after FROM ledger WHERE household_id = ? AND passbook_id = ? AND id <= ? ORDER BY id DESC LIMIT 1').pluck();
  const cache = db.prepare('SELECT balance, honour_total FROM accounts WHERE household_id = ? AND passbook_id = ?');
  // Prepared once, not per row: a busy day since the checkpoint is thousands of receipts.
  const redemption = db.prepare(
    'SELECT total, ledger_id, (SELECT COALESCE(SUM(line_points), 0) FROM redemption_lines WHERE redemption_id = redemptions.id) AS lines_total FROM redemptions WHERE id = ?',
  );
  for (const [key, t] of touched) {
    checked.accounts++;
    let balance = (before.get(t.householdId, t.passbookId, c.ledgerId) as number | undefined) ?? 0;
    for (const r of t.rows) {
      balance += r.amount;
      if (balance !== r.balance_after) add({ table: 'ledger', rowId: r.id, problem: `balance_after ${r.balance_after} but the rows add up to ${balance}` });
    }
    const acc = cache.get(t.householdId, t.passbookId) as { balance: number; honour_total: number } | undefined;
    if (!acc) add({ table: 'accounts', rowId: key, problem: 'ledger rows exist but the account row is missing' });
    // The honour total has no running column to start from; summing a household's whole
    // history here would make start-up grow with the ledger, so the full verify checks it.
    else if (acc.balance !== balance) add({ table: 'accounts', rowId: key, problem: `balance ${acc.balance} but the ledger adds up to ${balance}` });
    // Redemptions written since: the lines add up and the ledger row matches.
    for (const r of t.rows) {
      if (r.ref_type !== 'redemption' || r.ref_id === null) continue;
      const red = redemption.get(r.ref_id) as { total: number; ledger_id: number; lines_total: number } | undefined;
      if (!red || red.ledger_id !== r.id || red.total !== -r.amount) add({ table: 'redemptions', rowId: r.ref_id, problem: 'the ledger row does not match the redemption' });
      else if (red.lines_total !== red.total) add({ table: 'redemptions', rowId: r.ref_id, problem: `total ${red.total} but lines add up to ${red.lines_total}` });
    }
  }
}

function checkAuditTail(db: Db, c: Checkpoint, add: (p: VerifyProblem) => void, checked: FastVerifyResult['checked']): void {
  let prev: Buffer | null = null;
  for (const r of db.prepare('SELECT * FROM audit_log WHERE id >= ? ORDER BY id').iterate(c.auditId) as IterableIterator<AuditRow>) {
    if (prev !== null && !r.prev_hash.equals(prev)) add({ table: 'audit_log', rowId: r.id, problem: 'prev_hash does not match the previous row' });
    if (!chainHash(r.prev_hash, auditFields(r)).equals(r.hash)) add({ table: 'audit_log', rowId: r.id, problem: 'hash does not match the row: changed after it was written' });
    prev = r.hash;
    if (r.id !== c.auditId) checked.auditRows++;
  }
}

function checkStockTail(db: Db, c: Checkpoint, add: (p: VerifyProblem) => void, checked: FastVerifyResult['checked']): void {
  const moves = db.prepare('SELECT id, goods_id, quantity, stock_after FROM stock_movements WHERE id > ? ORDER BY id').all(c.stockId) as {
    id: number; goods_id: number; quantity: number; stock_after: number;
  }[];
  checked.stockMovements = moves.length;
  const byGoods = new Map<number, typeof moves>();
  for (const m of moves) {
    const list = byGoods.get(m.goods_id);
    if (list) list.push(m);
    else byGoods.set(m.goods_id, [m]);
  }
  const before = db.prepare('SELECT stock_after FROM stock_movements WHERE goods_id = ? AND id <= ? ORDER BY id DESC LIMIT 1').pluck();
  const cache = db.prepare('SELECT stock FROM goods WHERE id = ?').pluck();
  for (const [goodsId, list] of byGoods) {
    checked.goods++;
    let level = (before.get(goodsId, c.stockId) as number | undefined) ?? 0;
    for (const m of list) {
      level += m.quantity;
      if (level !== m.stock_after) add({ table: 'stock_movements', rowId: m.id, problem: `stock_after ${m.stock_after} but the movements add up to ${level}` });
    }
    const stock = cache.get(goodsId) as number | undefined;
    if (stock !== level) add({ table: 'goods', rowId: goodsId, problem: `stock ${String(stock)} but the movements add up to ${level}` });
  }
}
