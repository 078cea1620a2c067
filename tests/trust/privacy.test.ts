/**
 * No identity number in clear anywhere on disk: after loading households with ID
 * numbers, looking people up by ID (also with a mistyped one), exporting the audit log,
 * backing up and restoring, no file in the data folder or the backup folder holds an ID
 * number (nor its birth-date-and-sequence middle), in UTF-8 or UTF-16; and nothing the
 * app logs does either.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runBackup, configureBackups, restoreBackup } from '../../db/trust/backup/service.js';
import { demoPlan, withWrongCheckChar } from '../../db/demo/village.js';
import { runStartupCheck } from '../../db/trust/integrity/run.js';
import { freshCore, login, tempDir } from '../helpers/core.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('privacy on disk', () => {
  it('no ID number in clear in any file of the data folder or the backups, nor in logs', async () => {
    const logged: string[] = [];
    const spies = (['log', 'error', 'warn', 'info'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(' '))),
    );
    const env = freshCore({ demo: true, households: 25 });
    const usb = tempDir('vps-usb-');
    try {
      const ids = demoPlan({ households: 25 }).households.flatMap((h) => h.members.map((m) => m.idNumber));
      expect(ids.length).toBeGreaterThan(25);
      runStartupCheck(env.core);
      const keeper = login(env.core, 'keeper');
      for (const id of ids.slice(0, 10)) expect(keeper.call('counter.lookup', { query: id }).kind).toBe('household');
      for (const id of ids.slice(10, 15)) expect(keeper.call.raw('counter.lookup', { query: withWrongCheckChar(id) }).ok).toBe(false);
      const admin = login(env.core, 'admin');
      const csv = admin.call('audit.export', {});
      writeFileSync(join(env.dir, 'audit-export.csv'), Buffer.from(csv.base64, 'base64'));
      configureBackups(env.core, admin.operatorId, { folder: usb.dir, keepDaily: 7, keepMonthly: 12, auto: true });
      const b = await runBackup(env.core, 'manual', admin.operatorId);
      expect(b.ok).toBe(true);
      await restoreBackup(env.core, b.file!, admin.operatorId);
      env.core.db.pragma('wal_checkpoint(TRUNCATE)');

      const files = [...filesUnder(env.dir), ...filesUnder(usb.dir)];
      expect(files.some((f) => f.endsWith('.sqlite'))).toBe(true);
      const needles = ids.flatMap((id) => [id, id.slice(6, 17), id.toLowerCase()]);
      for (const f of files) {
        const bytes = readFileSync(f);
        const utf8 = bytes.toString('latin1');
        const utf16 = bytes.toString('utf16le');
        for (const n of needles) {
          expect(utf8.includes(n), `${n} in ${f}`).toBe(false);
          expect(utf16.includes(n), `${n} (UTF-16) in ${f}`).toBe(false);
        }
      }
      const allLogs = logged.join('\n');
      for (const n of needles) expect(allLogs.includes(n)).toBe(false);
      // What is stored: a keyed hash and the masked form only.
      const m = env.core.db.prepare('SELECT id_hash, id_masked FROM members WHERE id_hash IS NOT NULL LIMIT 1').get() as { id_hash: Buffer; id_masked: string };
      expect(m.id_hash).toHaveLength(32);
      expect(m.id_masked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    } finally {
      for (const s of spies) s.mockRestore();
      env.close();
      usb.cleanup();
    }
  });
});
