import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_FILE } from '../../db/core.js';
import { keyedChainHash, requireBooksKey, GENESIS } from '../../db/books/hash-chain.js';
import { ledgerFields, type LedgerRowForHash } from '../../db/books/ledger.js';
import { checkWitness, parseWitness } from '../../db/books/witness.js';
import { receiptView } from '../../db/books/receipts.js';
import { receiptDocument } from '../../db/printing/layout.js';
import { backupDatabase } from '../../db/trust/backup/copy.js';
import { restoreBackup } from '../../db/trust/backup/service.js';
import { verifyCommand } from '../../hosts/cli/verify.js';
import { freshCore, login, tempDir } from '../helpers/core.js';

function sell(env: ReturnType<typeof freshCore>, requestId: string): number {
  const k = login(env.core, 'keeper');
  const hh = env.core.db.prepare('SELECT household_id FROM accounts ORDER BY balance DESC LIMIT 1').pluck().get() as number;
  const goods = k.call('goods.catalog', {}).goods.find((g) => g.stock > 5 && g.pointsPrice <= 20)!;
  return k.call('redemption.create', { requestId, householdId: hh, passbookId: 1, lines: [{ goodsId: goods.id, quantity: 1 }] }).id;
}

describe('witness codes: paper that says whether the books still hold its history', () => {
  let env: ReturnType<typeof freshCore>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 10 });
  });
  afterEach(() => env.close());

  it('the receipt carries the code; found, rewritten (even with the key), cut', async () => {
    const id = sell(env, 'witness-sale-1');
    const view = receiptView(env.core, id);
    expect(view.witness).toMatch(/^#\d+ [0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const code = view.witness!;
    expect(JSON.stringify(receiptDocument(view, env.core.settings(), 58).lines)).toContain(code.split(' ')[1]!);
    sell(env, 'witness-sale-2');
    expect(checkWitness(env.core.db, code)).toMatchObject({ outcome: 'held' });
    // Typed back from paper: lower case, no '#', O for 0 still reads.
    expect(checkWitness(env.core.db, code.toLowerCase().replace('#', '').replace(/0/g, 'o'))).toMatchObject({ outcome: 'held' });
    expect(checkWitness(env.core.db, 'not a code')).toMatchObject({ outcome: 'invalid' });

    // The CLI: exit 0 when the code holds, 1 when it does not; it names the outcome.
    writeFileSync(join(env.dir, 'secret.key'), Buffer.alloc(32, 7).toString('hex') + '\n', { mode: 0o600 });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await verifyCommand.run(['--data', env.dir, '--witness', code])).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toContain('账本仍包含这段历史');
    } finally {
      log.mockRestore();
    }

    // Someone holding the key rewrites an older row and re-hashes the whole chain with it:
    // everything verifies locally, but the paper no longer matches.
    const ledgerId = parseWitness(code)!.ledgerId;
    const db = env.core.db;
    db.exec('DROP TRIGGER ledger_no_update');
    db.prepare("UPDATE ledger SET note = 'rewritten' WHERE id = ?").run(ledgerId - 3);
    const rows = db.prepare('SELECT * FROM ledger ORDER BY id').all() as (LedgerRowForHash & { id: number })[];
    let prev: Buffer = GENESIS;
    for (const r of rows) {
      prev = keyedChainHash(requireBooksKey(db), prev, ledgerFields(r));
      db.prepare('UPDATE ledger SET hash = ? WHERE id = ?').run(prev, r.id);
    }
    expect(checkWitness(db, code)).toMatchObject({ outcome: 'rewritten', ledgerId });
    const log2 = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await verifyCommand.run(['--data', env.dir, '--witness', code])).toBe(1);
      expect(log2.mock.calls.flat().join('\n')).toContain(`第 ${ledgerId} 行或之前被改写`);
    } finally {
      log2.mockRestore();
    }
    // Cut back before the witnessed row.
    db.exec('DROP TRIGGER ledger_no_delete');
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM ledger WHERE id >= ?').run(ledgerId);
    expect(checkWitness(db, code)).toMatchObject({ outcome: 'cut', ledgerId, lastId: ledgerId - 1 });
  });
});

describe('restore: one private staging copy, checked and restored', () => {
  let env: ReturnType<typeof freshCore>;
  let stick: ReturnType<typeof tempDir>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 10 });
    stick = tempDir('vps-usb-');
  });
  afterEach(() => {
    env.close();
    stick.cleanup();
  });

  it('a file swapped after the check is not what is restored', async () => {
    const good = join(stick.dir, 'good.sqlite');
    await backupDatabase(env.core.db, good, env.core.keyring);
    const balances = env.core.db.prepare('SELECT household_id, balance FROM accounts ORDER BY household_id, passbook_id').all();
    // The forged file: the same backup with +99,999 points on one account.
    const forged = join(stick.dir, 'forged.sqlite');
    writeFileSync(forged, readFileSync(good));
    const f = new Database(forged);
    f.exec('DROP TRIGGER IF EXISTS accounts_no_update');
    f.prepare('UPDATE accounts SET balance = balance + 99999 WHERE household_id = (SELECT MIN(household_id) FROM accounts)').run();
    f.close();
    sell(env, 'after-backup-1');
    // Start the restore, then swap the file under it before it gets anywhere near the copy.
    const restoring = restoreBackup(env.core, good, null);
    writeFileSync(good, readFileSync(forged));
    const r = await restoring;
    expect(r).toMatchObject({ ok: true, error: null });
    expect(env.core.db.prepare('SELECT household_id, balance FROM accounts ORDER BY household_id, passbook_id').all()).toEqual(balances);
    expect(env.core.db.prepare('SELECT MAX(balance) FROM accounts').pluck().get()).toBeLessThan(99_999);
  });

  it('a backup without the key fingerprint is refused and the live data stays', async () => {
    const file = join(stick.dir, 'nofp.sqlite');
    await backupDatabase(env.core.db, file, env.core.keyring);
    const d = new Database(file);
    d.prepare("DELETE FROM settings WHERE key = 'security.keyFingerprint'").run();
    d.close();
    const before = statSync(join(env.dir, DB_FILE)).mtimeMs;
    const ledgerRows = env.core.db.prepare('SELECT COUNT(*) FROM ledger').pluck().get();
    await expect(restoreBackup(env.core, file, null)).rejects.toThrow(/密钥指纹/);
    expect(env.core.db.prepare('SELECT COUNT(*) FROM ledger').pluck().get()).toBe(ledgerRows);
    expect(statSync(join(env.dir, DB_FILE)).mtimeMs).toBeGreaterThanOrEqual(before);
  });
});
