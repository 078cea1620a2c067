import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../db/core.js';
import { chainHash, GENESIS } from '../../db/books/hash-chain.js';
import { ledgerFields, storedLedgerFields, type LedgerRowForHash } from '../../db/books/ledger.js';
import { CHECKPOINT_KEY } from '../../db/trust/integrity/checkpoint.js';
import { fastVerify } from '../../db/trust/integrity/fast-verify.js';
import { runStartupCheck } from '../../db/trust/integrity/run.js';
import { verifyDatabase, type VerifyProblem } from '../../db/trust/integrity/verify.js';
import { freshCore, login } from '../helpers/core.js';
import { describeProblem } from '../../db/contract/problems.js';

/**
 * Someone with the data file and the sqlite3 shell, not the key: whatever they add,
 * change, remove or cut off, the full verify and the start-up check both fail, naming
 * the table and row. The edits run on a second connection without the books' key, as
 * the shell would; `quietly` lifts every trigger and puts each back exactly as it was,
 * so that the schema check is not what catches them (dropped triggers have a test of
 * their own).
 */
function quietly(file: string, edit: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
    db.transaction(() => {
      for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
      edit(db);
      for (const t of triggers) db.exec(t.sql);
    })();
  } finally {
    db.close();
  }
}

function both(env: ReturnType<typeof freshCore>): { full: VerifyProblem[]; fast: VerifyProblem[] } {
  const full = verifyDatabase(env.core.db, { keyring: env.core.keyring, helper: 'off' }).problems;
  const fast = fastVerify(env.core.db, env.core.keyring).problems;
  return { full, fast };
}

const STORED = [
  'household_id',
  'passbook_id',
  'kind',
  'amount',
  'balance_after',
  'honour_delta',
  'business_date',
  'created',
  'operator_id',
  'ref_type',
  'ref_id',
  'corrects_id',
  'note',
];

const names = (ps: VerifyProblem[]) => ps.map((p) => describeProblem(p, 'en')).join('\n');

describe('keyed books: an edit without the key fails verify and the start-up check alike', () => {
  let env: ReturnType<typeof freshCore>;
  let file: string;
  let redemptionId: number;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 10 });
    file = join(env.dir, DB_FILE);
    expect(runStartupCheck(env.core).ok).toBe(true);
    // A sale after the checkpoint: the tail the start-up check looks at.
    const k = login(env.core, 'keeper');
    const hh = env.core.db.prepare('SELECT household_id FROM accounts ORDER BY balance DESC LIMIT 1').pluck().get() as number;
    const goods = k.call('goods.catalog', {}).goods.find((g) => g.stock > 5 && g.pointsPrice <= 20)!;
    redemptionId = k.call('redemption.create', { requestId: 'keyed-books-1', householdId: hh, passbookId: 1, lines: [{ goodsId: goods.id, quantity: 2 }] }).id;
    const clean = both(env);
    expect(names(clean.full)).toBe('');
    expect(names(clean.fast)).toBe('');
  });
  afterEach(() => env.close());

  it('a forged append with a correct plain SHA-256 and a matching balance is named', () => {
    let forged = 0;
    quietly(file, (db) => {
      const last = db.prepare('SELECT * FROM ledger ORDER BY id DESC LIMIT 1').get() as LedgerRowForHash & { id: number; hash: Buffer };
      const acc = db
        .prepare('SELECT balance FROM accounts WHERE household_id = ? AND passbook_id = ?')
        .pluck()
        .get(last.household_id, last.passbook_id) as number;
      const row: LedgerRowForHash = {
        ...last,
        kind: 'award',
        amount: 1000,
        balance_after: acc + 1000,
        honour_delta: 0,
        ref_type: null,
        ref_id: null,
        corrects_id: null,
        note: 'forged',
      };
      const fields = ledgerFields(row);
      forged = Number(
        db
          .prepare(`INSERT INTO ledger (${STORED.join(', ')}, hash) VALUES (${STORED.map(() => '?').join(', ')}, ?)`)
          .run(...storedLedgerFields(row), chainHash(last.hash ?? GENESIS, fields)).lastInsertRowid,
      );
      db.prepare('UPDATE accounts SET balance = balance + 1000, honour_total = honour_total WHERE household_id = ? AND passbook_id = ?').run(
        last.household_id,
        last.passbook_id,
      );
    });
    const { full, fast } = both(env);
    for (const ps of [full, fast]) expect(ps).toContainEqual(expect.objectContaining({ table: 'ledger', rowId: forged, code: 'ROW_CHANGED' }));
  });

  it('the checkpoint deleted is an error, never a reason to sign again', () => {
    env.core.db.prepare('DELETE FROM settings WHERE key = ?').run(CHECKPOINT_KEY);
    const { full, fast } = both(env);
    for (const ps of [full, fast]) expect(ps).toContainEqual(expect.objectContaining({ table: 'settings', rowId: 'integrity.checkpoint' }));
    expect(runStartupCheck(env.core).ok).toBe(false);
    expect(env.core.db.prepare('SELECT COUNT(*) FROM settings WHERE key = ?').pluck().get(CHECKPOINT_KEY)).toBe(0);
  });

  it("a receipt's household changed or a line renamed is named", () => {
    quietly(file, (db) => {
      db.prepare('UPDATE redemptions SET household_id = (SELECT MIN(id) FROM households) WHERE id = ?').run(redemptionId);
      db.prepare("UPDATE redemption_lines SET name = '金条' WHERE redemption_id = ? AND line_no = 1").run(redemptionId);
    });
    const { full, fast } = both(env);
    for (const ps of [full, fast]) {
      expect(ps).toContainEqual(expect.objectContaining({ table: 'redemptions', rowId: String(redemptionId) }));
      expect(ps).toContainEqual(expect.objectContaining({ table: 'redemption_lines', rowId: `${redemptionId}:1` }));
    }
  });

  it('a deleted receipt fails verify and the start-up check alike', () => {
    quietly(file, (db) => {
      db.prepare('DELETE FROM print_jobs WHERE ref_id = ?').run(redemptionId);
      db.prepare('DELETE FROM redemption_lines WHERE redemption_id = ?').run(redemptionId);
      db.prepare('DELETE FROM redemptions WHERE id = ?').run(redemptionId);
    });
    const { full, fast } = both(env);
    for (const ps of [full, fast])
      expect(ps).toContainEqual(expect.objectContaining({ table: 'redemptions', rowId: String(redemptionId), code: 'SEAL_ROW_REMOVED' }));
  });

  it('a tail rolled back with the caches rolled back: "the last N rows are missing"', () => {
    quietly(file, (db) => {
      const led = db.prepare('SELECT id, household_id, passbook_id, amount FROM ledger WHERE ref_type = ? AND ref_id = ?').get('redemption', redemptionId) as {
        id: number;
        household_id: number;
        passbook_id: number;
        amount: number;
      };
      const moves = db.prepare("SELECT id, goods_id, quantity FROM stock_movements WHERE ref_type = 'redemption' AND ref_id = ?").all(redemptionId) as {
        id: number;
        goods_id: number;
        quantity: number;
      }[];
      const firstSeal = db
        .prepare(
          "SELECT MIN(id) FROM row_seals WHERE (tbl = 'redemptions' AND k1 = ?) OR (tbl = 'redemption_lines' AND k1 = ?) OR (tbl = 'stock_movements' AND k1 IN (SELECT id FROM stock_movements WHERE ref_type = 'redemption' AND ref_id = ?))",
        )
        .pluck()
        .get(redemptionId, redemptionId, redemptionId) as number;
      db.prepare('DELETE FROM print_jobs WHERE ref_id = ?').run(redemptionId);
      db.prepare('DELETE FROM redemption_lines WHERE redemption_id = ?').run(redemptionId);
      db.prepare('DELETE FROM redemptions WHERE id = ?').run(redemptionId);
      for (const m of moves) {
        db.prepare('DELETE FROM stock_movements WHERE id = ?').run(m.id);
        db.prepare('UPDATE goods SET stock = stock - ? WHERE id = ?').run(m.quantity, m.goods_id);
      }
      db.prepare('DELETE FROM ledger WHERE id >= ?').run(led.id);
      db.prepare('UPDATE accounts SET balance = balance - ? WHERE household_id = ? AND passbook_id = ?').run(led.amount, led.household_id, led.passbook_id);
      db.prepare('DELETE FROM row_seals WHERE id >= ?').run(firstSeal);
      db.prepare('DELETE FROM audit_log WHERE id > (SELECT MAX(id) - 1 FROM audit_log)').run();
    });
    const { full, fast } = both(env);
    for (const ps of [full, fast]) {
      expect(ps).toContainEqual(expect.objectContaining({ table: 'ledger', code: 'HEAD_ROWS_MISSING', params: expect.objectContaining({ missing: 1 }) }));
      expect(ps).toContainEqual(expect.objectContaining({ table: 'row_seals', code: 'HEAD_ROWS_MISSING' }));
    }
  });

  it('the newest audit rows deleted: "the last 3 rows are missing"', () => {
    quietly(file, (db) => db.prepare('DELETE FROM audit_log WHERE id > (SELECT MAX(id) - 3 FROM audit_log)').run());
    const { full, fast } = both(env);
    for (const ps of [full, fast])
      expect(ps).toContainEqual(expect.objectContaining({ table: 'audit_log', code: 'HEAD_ROWS_MISSING', params: expect.objectContaining({ missing: 3 }) }));
  });

  it('dropped triggers are named by the schema check', () => {
    const db = new Database(file);
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t}`);
    db.close();
    expect(triggers.length).toBeGreaterThan(60);
    const { full, fast } = both(env);
    for (const ps of [full, fast]) {
      expect(ps.filter((p) => p.table === 'sqlite_master' && p.code === 'SCHEMA_DROPPED')).toHaveLength(triggers.length);
      expect(ps).toContainEqual(expect.objectContaining({ rowId: 'trigger ledger_no_update' }));
    }
  });
});
