/**
 * Issue 12, item 8 (files): on POSIX the data folder is 0700 and the database with its
 * -wal and -shm, the key, backups and exports are 0600, even under the usual umask 022
 * and for a folder that already existed as 0755.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core, DB_FILE } from '../../db/core.js';
import { exportToFile } from '../../db/accounting/exports/run.js';
import { backupDatabase } from '../../db/trust/backup/copy.js';
import { SECRET_FILE } from '../../db/platform/crypto/secret.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { TestClock } from '../helpers/core.js';

const mode = (f: string) => (statSync(f).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('file permissions on POSIX', () => {
  it('folder 0700; database, -wal, -shm, key, backup and exports 0600', async () => {
    const before = process.umask(0o022);
    const root = mkdtempSync(join(tmpdir(), 'vps-perm-'));
    try {
      const dir = join(root, 'data');
      mkdirSync(dir);
      chmodSync(dir, 0o755); // as an older version (or the user) left it
      const core = new Core({ dataDir: dir, clock: new TestClock() });
      try {
        initDemoIfEmpty(core, { households: 3 });
        expect(mode(dir)).toBe('700');
        for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, SECRET_FILE]) expect(mode(join(dir, f)), f).toBe('600');

        const backup = join(root, 'backup.sqlite');
        await backupDatabase(core.db, backup, core.keyring);
        expect(mode(backup)).toBe('600');

        for (const format of ['csv', 'xlsx'] as const) {
          const out = join(root, `ledger.${format}`);
          await exportToFile({ dbFile: join(dir, DB_FILE), out, timeZone: 'Asia/Shanghai', kind: 'ledger', from: '2026-01-01', to: '2026-12-31', format });
          expect(mode(out), format).toBe('600');
        }
      } finally {
        core.close();
      }
      // An existing store opened again is tightened too.
      chmodSync(dir, 0o755);
      chmodSync(join(dir, DB_FILE), 0o644);
      const again = new Core({ dataDir: dir, clock: new TestClock() });
      again.close();
      expect(mode(dir)).toBe('700');
      expect(mode(join(dir, DB_FILE))).toBe('600');
    } finally {
      process.umask(before);
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
