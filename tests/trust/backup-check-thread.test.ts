/**
 * A backup copy is checked (integrity_check and a full verify) on a worker thread, so
 * the counter's thread keeps serving while a county-sized copy is read; the worker's
 * verdict is the same as the check on the main thread, and a tampered copy is refused.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../db/trust/backup/copy.js';
import { checkCopyFile, checkCopyOffThread } from '../../db/trust/backup/check-copy.js';
import { freshCore, tempDir } from '../helpers/core.js';

const secret = Buffer.alloc(32, 7); // freshCore's fixed test key

describe('backup copy check off the main thread', () => {
  let env: ReturnType<typeof freshCore>;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 20 });
    dir = tempDir('vps-check-');
  });
  afterEach(() => {
    env.close();
    dir.cleanup();
  });

  it("answers after the event loop has run (a worker did it), with the main thread's verdict", async () => {
    const good = join(dir.dir, 'good.sqlite');
    await backupDatabase(env.core.db, good, env.core.keyring);
    let loopRan = false;
    setImmediate(() => {
      loopRan = true;
    });
    let ranOn = '';
    const verdict = await checkCopyOffThread(good, secret, { ranOn: (w) => (ranOn = w) });
    expect(verdict).toBeNull();
    expect(ranOn).toBe('worker');
    // On the main thread the check would have finished before any macrotask.
    expect(loopRan).toBe(true);
    expect(checkCopyFile(good, secret)).toBeNull();
  });

  it('refuses a copy whose ledger row was changed behind the app, naming the row', async () => {
    const good = join(dir.dir, 'good.sqlite');
    await backupDatabase(env.core.db, good, env.core.keyring);
    const bad = join(dir.dir, 'bad.sqlite');
    copyFileSync(good, bad);
    const db = new Database(bad);
    const id = db.prepare("SELECT id FROM ledger WHERE kind = 'award' ORDER BY id LIMIT 1").pluck().get() as number;
    db.exec('DROP TRIGGER ledger_no_update');
    db.prepare('UPDATE ledger SET amount = amount + 100 WHERE id = ?').run(id);
    db.close();
    let ranOn = '';
    const verdict = await checkCopyOffThread(bad, secret, { ranOn: (w) => (ranOn = w) });
    expect(ranOn).toBe('worker');
    expect(verdict).toBe(checkCopyFile(bad, secret));
    expect(verdict).toContain(`ledger #${id}:`);
    expect(verdict).toContain(`台账 #${id}：`);
  });
});
