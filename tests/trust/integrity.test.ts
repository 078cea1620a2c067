import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_FILE } from '../../db/core.js';
import { CHECKPOINT_KEY, currentHeads, writeCheckpoint } from '../../db/trust/integrity/checkpoint.js';
import { fastVerify } from '../../db/trust/integrity/fast-verify.js';
import { integrityStatus, runFullVerify, runStartupCheck } from '../../db/trust/integrity/run.js';
import { chainHash, GENESIS } from '../../db/books/hash-chain.js';
import { ledgerFields, type LedgerRowForHash } from '../../db/books/ledger.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { verifyCommand } from '../../hosts/cli/verify.js';
import { fillLedger, postMore } from '../helpers/big-ledger.js';
import { freshCore, login } from '../helpers/core.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** What someone with the sqlite3 shell would do: drop the guard, edit, (maybe) put it back. */
function tamper(db: Database.Database, sql: string, ...args: unknown[]): void {
  db.exec('DROP TRIGGER IF EXISTS ledger_no_update; DROP TRIGGER IF EXISTS ledger_no_delete; DROP TRIGGER IF EXISTS audit_log_no_update;');
  db.prepare(sql).run(...args);
}

function someRedemptionLedgerId(db: Database.Database): number {
  return db.prepare("SELECT id FROM ledger WHERE kind = 'redemption' ORDER BY id DESC LIMIT 1").pluck().get() as number;
}

describe('tamper evidence: start-up fast path, full verify, signed checkpoint', () => {
  let env: ReturnType<typeof freshCore>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 30 });
  });
  afterEach(() => env.close());

  it('a new store is signed at creation; every start takes the fast path', () => {
    // Keyed books: the first checkpoint is written when the store is made (there is no
    // "no checkpoint: verify everything and sign it" fallback any more, which signed forgeries).
    const first = runStartupCheck(env.core);
    expect(first).toMatchObject({ ok: true, mode: 'fast' });
    expect(env.core.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(CHECKPOINT_KEY)).toBeTruthy();
    const k = login(env.core, 'keeper');
    const hh = env.core.db.prepare('SELECT household_id FROM accounts ORDER BY balance DESC LIMIT 1').pluck().get() as number;
    const goods = k.call('goods.catalog', {}).goods.find((g) => g.stock > 5 && g.pointsPrice <= 20)!;
    k.call('redemption.create', { requestId: 'fastpath-1', householdId: hh, passbookId: 1, lines: [{ goodsId: goods.id, quantity: 1 }] });
    const second = runStartupCheck(env.core);
    expect(second).toMatchObject({ ok: true, mode: 'fast', problems: [] });
    expect(second.checked.ledgerRows).toBe(1);
    expect(second.checked.goods).toBe(1);
    expect(integrityStatus(env.core).startup).toEqual(second);
    expect(login(env.core, 'keeper').call('integrity.status', {}).startup?.ok).toBe(true);
  });

  it('the fast path names a ledger row changed after the checkpoint, and the banner status says so', () => {
    runStartupCheck(env.core);
    const k = login(env.core, 'keeper');
    const hh = env.core.db.prepare('SELECT household_id FROM accounts ORDER BY balance DESC LIMIT 1').pluck().get() as number;
    const goods = k.call('goods.catalog', {}).goods.find((g) => g.stock > 5 && g.pointsPrice <= 20)!;
    k.call('redemption.create', { requestId: 'tamper-1', householdId: hh, passbookId: 1, lines: [{ goodsId: goods.id, quantity: 1 }] });
    const id = someRedemptionLedgerId(env.core.db);
    tamper(env.core.db, 'UPDATE ledger SET amount = amount + 1 WHERE id = ?', id);
    const r = runStartupCheck(env.core);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'ledger', rowId: String(id) })]));
    // Everyone sees it (the UI shows a banner); the checkpoint did not move past the damage.
    expect(login(env.core, 'keeper').call('integrity.status', {}).startup?.ok).toBe(false);
    expect(runStartupCheck(env.core).ok).toBe(false);
    expect(env.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'integrity.startup.failed'").pluck().get()).toBe(2);
  });

  it('the fast path catches a balance cache edited for an account that changed since', () => {
    runStartupCheck(env.core);
    const hh = env.core.db.prepare('SELECT household_id FROM accounts ORDER BY balance DESC LIMIT 1').pluck().get() as number;
    const k = login(env.core, 'keeper');
    const goods = k.call('goods.catalog', {}).goods.find((g) => g.stock > 5 && g.pointsPrice <= 20)!;
    k.call('redemption.create', { requestId: 'cache-req-1', householdId: hh, passbookId: 1, lines: [{ goodsId: goods.id, quantity: 1 }] });
    env.core.db.prepare('UPDATE accounts SET balance = balance + 500 WHERE household_id = ? AND passbook_id = 1').run(hh);
    env.core.db.prepare('UPDATE goods SET stock = stock + 3 WHERE id = ?').run(goods.id);
    const r = fastVerify(env.core.db, env.core.keyring);
    expect(r.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ table: 'accounts', rowId: `${hh}:1` }), expect.objectContaining({ table: 'goods', rowId: goods.id })]),
    );
  });

  it('a chain rewritten wholesale (every hash recomputed) is caught by the signed checkpoint', () => {
    runStartupCheck(env.core);
    const db = env.core.db;
    const target = someRedemptionLedgerId(db) - 5;
    tamper(db, 'UPDATE ledger SET note = ? WHERE id = ?', '改过的备注', target);
    // Recompute every hash from the edited row on, as a careful forger would.
    const rows = db.prepare('SELECT * FROM ledger ORDER BY id').all() as (LedgerRowForHash & { id: number })[];
    let prev: Buffer = GENESIS;
    const upd = db.prepare('UPDATE ledger SET hash = ? WHERE id = ?');
    for (const r of rows) {
      const h = chainHash(prev, ledgerFields(r));
      upd.run(h, r.id);
      prev = h;
    }
    // The chains are keyed: a plain SHA-256 recomputation fails at the first row it touched.
    const full = verifyDatabase(db, { keyring: env.core.keyring });
    expect(full.ok).toBe(false);
    expect(full.problems[0]).toMatchObject({ table: 'ledger', code: 'ROW_CHANGED' });
    expect(full.problems).toContainEqual(expect.objectContaining({ table: 'ledger', code: 'CHECKPOINT_DIFFERS' }));
    expect(runStartupCheck(env.core).ok).toBe(false);
  });

  it('a forged checkpoint (moved forward without the key) is refused', () => {
    runStartupCheck(env.core);
    const raw = JSON.parse(env.core.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(CHECKPOINT_KEY) as string) as { ledgerId: number };
    raw.ledgerId += 0;
    env.core.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify({ ...raw, at: '2030-01-01T00:00:00Z' }), CHECKPOINT_KEY);
    const r = fastVerify(env.core.db, env.core.keyring);
    expect(r.outcome).toBe('problems');
    expect(r.problems[0]).toMatchObject({ table: 'settings', rowId: 'integrity.checkpoint' });
  });

  it('full verify (admin op) passes on good data, and reports problems after an edit', () => {
    const admin = login(env.core, 'admin');
    expect(admin.call('integrity.verify', {})).toMatchObject({ ok: true, mode: 'full' });
    const id = someRedemptionLedgerId(env.core.db);
    // created_at is read from `created` (migration 005): the stored instant is what gets edited.
    tamper(env.core.db, 'UPDATE ledger SET created = ? WHERE id = ?', '2020-01-01T00:00:00.000Z', id);
    const r = admin.call('integrity.verify', {});
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ table: 'ledger', rowId: String(id) }));
    expect(integrityStatus(env.core).lastFull?.ok).toBe(false);
  });

  it('a closed day: a row changed in it afterwards, or its summary edited, is named by its close', () => {
    const acc = login(env.core, 'accountant');
    const yesterday = env.core.db.prepare('SELECT MAX(business_date) FROM ledger WHERE business_date < ?').pluck().get(env.core.stamp().businessDate) as string;
    acc.call('dayClose.close', { date: yesterday, pin: '5678' });
    expect(verifyDatabase(env.core.db).problems).toEqual([]);
    const closeId = env.core.db.prepare("SELECT id FROM day_closes WHERE action = 'close'").pluck().get() as number;
    const row = env.core.db.prepare('SELECT id FROM stock_movements WHERE business_date = ? LIMIT 1').pluck().get(yesterday) as number;
    env.core.db.exec('DROP TRIGGER stock_movements_no_update');
    env.core.db.prepare('UPDATE stock_movements SET note = ? WHERE id = ?').run('改', row);
    expect(verifyDatabase(env.core.db).problems).toContainEqual(
      expect.objectContaining({ table: 'day_closes', rowId: closeId, code: 'CLOSED_DAY_CHANGED', params: { date: yesterday } }),
    );
    env.core.db.exec('DROP TRIGGER day_closes_no_update');
    env.core.db.prepare(`UPDATE day_closes SET summary = replace(summary, '"redemptions"', '"redemptionz"') WHERE id = ?`).run(closeId);
    expect(verifyDatabase(env.core.db).problems).toContainEqual(expect.objectContaining({ table: 'day_closes', rowId: closeId, code: 'CLOSE_SUMMARY_EDITED' }));
  });

  it('`verify` CLI: exit 0 when all holds; edit a ledger row in the file and it exits 1 naming the row', async () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'hosts/cli/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    // In-process for the cheap cases; one real child process for the exit code that matters.
    // The CLI reads the key from the data folder (freshCore passes it in memory).
    writeFileSync(join(env.dir, 'secret.key'), Buffer.alloc(32, 7).toString('hex') + '\n', { mode: 0o600 });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await verifyCommand.run(['--data', env.dir])).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toContain('校验通过');
      expect(() => verifyCommand.run(['--data', join(env.dir, 'nowhere')])).toThrow(/data folder not found/);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    const id = someRedemptionLedgerId(env.core.db);
    // Edit the file through a separate connection, as an outsider would.
    const other = new Database(join(env.dir, DB_FILE));
    tamper(other, 'UPDATE ledger SET amount = -1 WHERE id = ?', id);
    other.close();
    const bad = cli('verify', '--data', env.dir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`ledger row ${id}:`);
  }, 60_000);
});

describe('the start-up fast path does not grow with the ledger', () => {
  it('100k old rows + 2,000 new: checks only the new ones', () => {
    const env = freshCore();
    try {
      fillLedger(env.core, 100_000);
      writeCheckpoint(env.core.db, env.core.keyring, currentHeads(env.core.db, env.core.clock.now().toISOString()));
      postMore(env.core, 2000);
      // What it checked, not how long it took: the count of rows re-checked is the property
      // (tests/bench/startup-verify.ts measures the time at 5M rows, alone on the machine).
      const r = fastVerify(env.core.db, env.core.keyring);
      expect(r.outcome).toBe('ok');
      expect(r.checked.ledgerRows).toBe(2000);
      // The full verify reads the bulk rows too (their random hashes fail): it is the thorough one.
      expect(runFullVerify(env.core, null).ok).toBe(false);
    } finally {
      env.close();
    }
  }, 60_000);
});
