/**
 * Migration 007 (keyed books) on a store with data of every kind the seals cover: counter
 * sales (app-made and other request ids), a void, point entries through review, notice,
 * objection and posting where the demo has them, stock receipts, and a closed day. The data
 * is made by today's code, written back into the 006 shape (plain SHA-256 chains, no seals,
 * no heads), then opened by the core with the key: the old chains are verified, re-keyed,
 * every row sealed, and the full verify passes with every business row unchanged. An old
 * store whose chain is already broken is refused, and stays at 006 untouched.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core, DB_FILE } from '../../db/core.js';
import { SEALED_TABLES } from '../../db/books/seals.js';
import { migrations } from '../../db/platform/migrations/index.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { freshCore, login, tempDir } from '../helpers/core.js';
import { rehashPlain } from '../helpers/plain-books.js';
import { copyIntoSchema, sealedBusinessRows } from '../helpers/old-schema.js';

const SECRET = Buffer.alloc(32, 7);

/** The store's rows in the 006 shape: plain chains, no seals, no heads, no keyed checkpoint. */
function downgradeTo006(src: string, dst: string): void {
  copyIntoSchema(src, dst, 6, { inTransaction: rehashPlain });
}

function businessRows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const out = sealedBusinessRows(db);
    out.ledger = db.prepare('SELECT id, household_id, passbook_id, kind, amount, balance_after, note FROM ledger ORDER BY id').all();
    return out;
  } finally {
    db.close();
  }
}

describe('migration 007 (keyed books) on a store with data', () => {
  const dirs = tempDir('vps-m007-');
  let old: string;
  beforeAll(() => {
    const env = freshCore({ demo: true, households: 12 });
    const keeper = login(env.core, 'keeper');
    const admin = login(env.core, 'admin');
    const goods = keeper.call('goods.catalog', {}).goods.filter((g) => g.stock > 5 && g.pointsPrice <= 20);
    const households = env.core.db.prepare('SELECT household_id FROM accounts WHERE balance >= 60 ORDER BY household_id LIMIT 3').pluck().all() as number[];
    const sales = households.map((householdId, i) =>
      keeper.call('redemption.create', {
        requestId: i === 2 ? 'retry-after-timeout-1' : (i + 1).toString(16).padStart(32, 'a'),
        householdId,
        passbookId: 1,
        lines: [{ goodsId: goods[i]!.id, quantity: 1 }],
      }),
    );
    keeper.call('redemption.void', {
      requestId: 'f'.repeat(32),
      redemptionId: sales[0]!.id,
      reason: '顾客退货',
      approverId: admin.operatorId,
      approverPin: '9999',
    });
    login(env.core, 'accountant').call('dayClose.close', { date: env.core.stamp().businessDate, pin: '5678' });
    env.core.close();
    old = join(dirs.dir, 'at-006.sqlite');
    downgradeTo006(join(env.dir, DB_FILE), old);
    env.close();
  });
  afterAll(() => dirs.cleanup());

  it('re-keys the chains, seals every row, and the full verify passes with every business row unchanged', () => {
    const dataDir = join(dirs.dir, 'ok');
    mkdirSync(dataDir);
    copyFileSync(old, join(dataDir, DB_FILE));
    const before = businessRows(old);
    const core = new Core({ dataDir, secret: SECRET });
    try {
      // Opened by today's Core: 007 and every later migration ran.
      expect(core.db.pragma('user_version', { simple: true })).toBe(migrations[migrations.length - 1]!.version);
      const v = verifyDatabase(core.db, { keyring: core.keyring, helper: 'off' });
      expect(v.problems).toEqual([]);
      for (const t of SEALED_TABLES) {
        const n = core.db.prepare(`SELECT COUNT(*) FROM ${t.table}`).pluck().get() as number;
        expect(core.db.prepare('SELECT COUNT(*) FROM row_seals WHERE tbl = ?').pluck().get(t.table)).toBe(n);
      }
      expect((before.redemptions ?? []).length).toBeGreaterThanOrEqual(3);
      expect((before.voids ?? []).length).toBeGreaterThanOrEqual(1);
      expect((before.day_closes ?? []).length).toBeGreaterThan(0);
    } finally {
      core.close();
    }
    const after = businessRows(join(dataDir, DB_FILE));
    expect(after).toEqual(before);
  });

  it('refuses a store whose old chain is already broken, and leaves it at 006 untouched', () => {
    const dataDir = join(dirs.dir, 'broken');
    mkdirSync(dataDir);
    const file = join(dataDir, DB_FILE);
    copyFileSync(old, file);
    const db = new Database(file);
    db.exec('DROP TRIGGER ledger_no_update');
    const id = db.prepare("SELECT id FROM ledger WHERE kind = 'award' ORDER BY id LIMIT 1").pluck().get() as number;
    db.prepare('UPDATE ledger SET amount = amount + 1000 WHERE id = ?').run(id);
    const triggerSql = new Database(old, { readonly: true }).prepare("SELECT sql FROM sqlite_master WHERE name = 'ledger_no_update'").pluck().get() as string;
    db.exec(triggerSql);
    db.close();
    const before = businessRows(file);
    expect(() => new Core({ dataDir, secret: SECRET })).toThrow(/账本升级.*被拒绝.*ledger #\d+/s);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(6);
    check.close();
    expect(businessRows(file)).toEqual(before);
  });
});
