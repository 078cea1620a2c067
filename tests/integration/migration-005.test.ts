/**
 * Migration 005 (compact storage) on a database with real data: a demo village with
 * counter sales (app-made and other request ids), a void and a closed day. The data is
 * made by today's code, written back into the 004 shape (prev_hash restored from the row
 * before, request ids and instants as text, plain SHA-256 chains as a store of that age
 * had), then migrated: to 006 every row must come back exactly as it was; on to the latest
 * (007 re-keys the chains with the store's key) the full keyed verify must pass with every
 * business row unchanged. An instant in another format survives as text.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core, DB_FILE } from '../../db/core.js';
import { migrations } from '../../db/platform/migrations/index.js';
import { migrate, openDatabase, schemaVersion, type Db } from '../../db/platform/open.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { freshCore, login, tempDir } from '../helpers/core.js';
import { rehashPlain } from '../helpers/plain-books.js';
import { copyIntoSchema, sealedBusinessRows } from '../helpers/old-schema.js';
import { chainHash } from '../../db/books/hash-chain.js';
import { ledgerFields, type LedgerRowForHash } from '../../db/books/ledger.js';

const hexId = (n: number) => n.toString(16).padStart(32, 'a');

/** Every row of every table, as comparable text, sorted (WITHOUT ROWID tables have no rowid order). */
function snapshot(db: Db): Record<string, string[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[];
    const text = (v: unknown) => (Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : v);
    out[t] = rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, text(v)]))).sort();
  }
  return out;
}

/**
 * Turns today's keyed books back into what a store of that age had: plain SHA-256 chains,
 * closes that signed digests over those plain hashes, no keyed checkpoint. Migration 007
 * verifies the old chains before re-keying them, so the 004 data must be genuinely old.
 */
function plainBooks(file: string): void {
  const db = new Database(file);
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  db.transaction(() => {
    rehashPlain(db);
  })();
  for (const t of triggers) db.exec(t.sql);
  db.close();
}

/** The business rows (no hashes, seals or heads), as the core reads them, for before/after. */
function businessRows(db: Db): Record<string, unknown[]> {
  const out = sealedBusinessRows(db);
  out.ledger = db
    .prepare('SELECT * FROM ledger ORDER BY id')
    .all()
    .map((r) => ({ ...(r as object), hash: undefined }));
  out.audit_log = db
    .prepare('SELECT * FROM audit_log ORDER BY id')
    .all()
    .map((r) => ({ ...(r as object), hash: undefined }));
  return out;
}

/** Writes the data of a current database into a fresh file in the 004 shape. */
function downgradeTo004(src: string, dst: string): void {
  copyIntoSchema(src, dst, 4, {
    expr: (t, c) => {
      if (c === 'prev_hash') return `COALESCE((SELECT p.hash FROM s.${t} p WHERE p.id < x.id ORDER BY p.id DESC LIMIT 1), zeroblob(32))`;
      if (c === 'request_id') return `CASE typeof(x.request_id) WHEN 'blob' THEN lower(hex(x.request_id)) ELSE x.request_id END`;
      return `x.${c}`;
    },
  });
}

describe('migration 005 (compact storage) on a database with data', () => {
  const dirs = tempDir('vps-m005-');
  let at004: string;
  let before: Record<string, string[]>;
  let migrated: Db;
  let oddLedgerId: number;

  beforeAll(() => {
    const env = freshCore({ demo: true, households: 12 });
    const keeper = login(env.core, 'keeper');
    const admin = login(env.core, 'admin');
    const goods = keeper.call('goods.catalog', {}).goods.filter((g) => g.stock > 5 && g.pointsPrice <= 20);
    const households = env.core.db.prepare('SELECT household_id FROM accounts WHERE balance >= 60 ORDER BY household_id LIMIT 4').pluck().all() as number[];
    const sales = households.map((householdId, i) =>
      keeper.call('redemption.create', {
        requestId: i === 3 ? 'retry-after-timeout-1' : hexId(i + 1),
        householdId,
        passbookId: 1,
        lines: [{ goodsId: goods[i % goods.length]!.id, quantity: 1 }],
      }),
    );
    keeper.call('redemption.void', { requestId: hexId(99), redemptionId: sales[0]!.id, reason: '顾客退货', approverId: admin.operatorId, approverPin: '9999' });
    login(env.core, 'accountant').call('dayClose.close', { date: env.core.stamp().businessDate, pin: '5678' });
    env.core.close();
    const src = join(dirs.dir, 'plain.sqlite');
    copyFileSync(join(env.dir, DB_FILE), src);
    plainBooks(src);
    const probe = new Database(src, { readonly: true });
    before = snapshot(probe);
    probe.close();

    const old = join(dirs.dir, 'at-004.sqlite');
    downgradeTo004(src, old);
    env.close();

    // One more row in the old shape with an instant in another format (and a genuine chain hash).
    const db = new Database(old);
    const last = db.prepare('SELECT hash FROM ledger ORDER BY id DESC LIMIT 1').pluck().get() as Buffer;
    const acc = db.prepare('SELECT household_id, balance, honour_total FROM accounts WHERE passbook_id = 1 ORDER BY household_id LIMIT 1').get() as {
      household_id: number;
      balance: number;
      honour_total: number;
    };
    const row: LedgerRowForHash = {
      household_id: acc.household_id,
      passbook_id: 1,
      kind: 'award',
      amount: 1,
      balance_after: acc.balance + 1,
      honour_delta: 1,
      business_date: '2026-11-30',
      created_at: '2026-11-30T09:00:00+08:00',
      operator_id: 1,
      ref_type: null,
      ref_id: null,
      corrects_id: null,
      note: '旧格式时间',
    };
    oddLedgerId = Number(
      db
        .prepare(
          `INSERT INTO ledger (household_id, passbook_id, kind, amount, balance_after, honour_delta, business_date, created_at, operator_id, ref_type, ref_id,
           corrects_id, note, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...ledgerFields(row), last, chainHash(last, ledgerFields(row))).lastInsertRowid,
    );
    db.prepare('UPDATE accounts SET balance = balance + 1, honour_total = honour_total + 1 WHERE household_id = ? AND passbook_id = 1').run(acc.household_id);
    expect(schemaVersion(db)).toBe(4);
    db.close();

    at004 = old;
    const file = join(dirs.dir, 'migrated.sqlite');
    copyFileSync(old, file);
    // Up to 006: 007 re-keys the chains and needs the key (tests/integration/migration-007.test.ts).
    migrated = openDatabase(file, { upTo: 6 }); // foreign keys on, as the app opens it
  });

  afterAll(() => {
    migrated.close();
    dirs.cleanup();
  });

  it('migrates to 006 and keeps every row exactly', () => {
    expect(schemaVersion(migrated)).toBe(6);
    const after = snapshot(migrated);
    // The source was made by today's code: its 007 and 008 tables are not part of the 006 shape.
    const later = new Set(['row_seals', 'chain_heads', 'entry_photos']);
    const old = Object.keys(before).filter((t) => !later.has(t));
    expect(Object.keys(after)).toEqual(old);
    for (const t of old) if (t !== 'ledger' && t !== 'accounts') expect(after[t], t).toEqual(before[t]);
    // The ledger gained the one row written in the old shape, and its account the point.
    const added = after.ledger!.filter((r) => !before.ledger!.includes(r));
    expect(added).toHaveLength(1);
    expect(added[0]).toContain('旧格式时间');
    expect(after.ledger).toHaveLength(before.ledger!.length + 1);
    expect(after.accounts!.filter((r) => !before.accounts!.includes(r))).toHaveLength(1);
  });

  it('stores instants as milliseconds and app-made request ids as 16 bytes, and reads them back as text', () => {
    const kinds = (sql: string) => Object.fromEntries((migrated.prepare(sql).raw().all() as [string, number][]).map(([k, n]) => [k, n]));
    expect(kinds('SELECT typeof(created), count(*) FROM ledger GROUP BY 1')).toMatchObject({ integer: expect.any(Number), text: 1 });
    expect(kinds('SELECT typeof(created), count(*) FROM stock_movements GROUP BY 1')).toEqual({ integer: expect.any(Number) });
    expect(kinds('SELECT typeof(request_id), count(*) FROM redemptions GROUP BY 1')).toMatchObject({ blob: 3, text: expect.any(Number) });
    expect(kinds('SELECT typeof(request_id), count(*) FROM voids GROUP BY 1')).toEqual({ blob: 1 });
    expect(migrated.prepare('SELECT created, created_at FROM ledger WHERE id = ?').get(oddLedgerId)).toEqual({
      created: '2026-11-30T09:00:00+08:00',
      created_at: '2026-11-30T09:00:00+08:00',
    });
    expect(migrated.prepare("SELECT count(*) FROM pragma_table_info('ledger') WHERE name = 'prev_hash'").pluck().get()).toBe(0);
    expect(migrated.prepare("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'prev_hash'").pluck().get()).toBe(0);
  });

  /** The 004 file opened by the core with the store's key: 005, 006, then 007 re-keys it. */
  function openLatest(name: string): Core {
    const dataDir = join(dirs.dir, name);
    mkdirSync(dataDir);
    copyFileSync(at004, join(dataDir, DB_FILE));
    return new Core({ dataDir, secret: Buffer.alloc(32, 7) });
  }

  it('migrated on to the latest version (007 re-keys it), passes the full verify with every business row unchanged', () => {
    const core = openLatest('latest');
    try {
      expect(schemaVersion(core.db)).toBe(migrations[migrations.length - 1]!.version);
      const r = verifyDatabase(core.db, { keyring: core.keyring, helper: 'off' });
      expect(r.problems).toEqual([]);
      expect(r.ok).toBe(true);
      expect(businessRows(core.db)).toEqual(businessRows(migrated));
      expect(core.db.prepare("SELECT COUNT(*) FROM ledger WHERE created_at = '2026-11-30T09:00:00+08:00'").pluck().get()).toBe(1);
    } finally {
      core.close();
    }
  });

  it('keeps the tables append-only', () => {
    for (const t of ['ledger', 'stock_movements', 'redemptions', 'voids', 'audit_log']) {
      expect(() => migrated.prepare(`DELETE FROM ${t}`).run(), t).toThrow(/append-only/);
      expect(() => migrated.prepare(`UPDATE ${t} SET id = id`).run(), t).toThrow(/append-only/);
    }
  });

  it('still names a removed row once keyed: the row after it no longer chains', () => {
    const core = openLatest('removed');
    try {
      const db = core.db;
      const removed = db.prepare("SELECT id FROM ledger WHERE kind = 'opening' ORDER BY id LIMIT 1 OFFSET 1").pluck().get() as number;
      const next = db.prepare('SELECT MIN(id) FROM ledger WHERE id > ?').pluck().get(removed) as number;
      expect(verifyDatabase(db, { keyring: core.keyring, helper: 'off' }).problems).toEqual([]);
      db.exec('DROP TRIGGER ledger_no_delete');
      db.prepare('DELETE FROM ledger WHERE id = ?').run(removed);
      const problems = verifyDatabase(db, { keyring: core.keyring, helper: 'off' }).problems.filter((p) => p.table === 'ledger');
      expect(problems.map((p) => Number(p.rowId))).toContain(next);
    } finally {
      core.close();
    }
  });

  it('on a full disk refuses with a clear message and leaves the 004 data exactly as it was', () => {
    const file = join(dirs.dir, 'full-disk.sqlite');
    copyFileSync(at004, file);
    const db = new Database(file);
    const unchanged = snapshot(db);
    // A disk with no room to grow: the rebuilt tables cannot be written beside the old ones.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    expect(() => migrate(db)).toThrow(/数据库升级（第 5 步）失败：磁盘空间不足。数据未改动/);
    expect(schemaVersion(db)).toBe(4);
    expect(snapshot(db)).toEqual(unchanged);
    db.close();
  });
});
