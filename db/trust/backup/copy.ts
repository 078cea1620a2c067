import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { AppError } from '../../contract/errors.js';
import type { BackupPreview } from '../../contract/views-trust.js';
import type { Keyring } from '../../platform/crypto/secret.js';
import { storedKeyFingerprint } from '../integrity/checkpoint.js';
import { migrations } from '../../platform/migrations/index.js';
import type { Db } from '../../platform/open.js';
import { DEFAULT_SETTINGS, getSetting } from '../../books/settings.js';
import { verifyDatabase } from '../integrity/verify.js';
import { describeProblem } from '../integrity/verify-messages.js';
import { checkCopyOffThread } from './check-copy.js';

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  for (const f of [file, file + '-wal', file + '-shm', file + '-journal']) rmSync(f, { force: true });
}

/**
 * Copies the live database with SQLite's online backup (the counter keeps working while
 * it runs), makes the copy a self-contained single file, checks it on a worker thread
 * (integrity_check and a full verify of the copy), flushes it to the device, and only
 * then gives it its final name: a half-written or bad copy never looks like a backup.
 */
export async function backupDatabase(db: Db, outFile: string): Promise<{ bytes: number }> {
  const partial = outFile + '.partial';
  removeQuietly(partial);
  try {
    await db.backup(partial);
    const copy = new Database(partial);
    try {
      // The live file is WAL; a backup on a USB stick should be one file with no sidecars.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const problem = await checkCopyOffThread(partial);
    if (problem) throw new AppError('BACKUP_VERIFY_FAILED', { detail: problem });
    fsyncFile(partial);
    renameSync(partial, outFile);
    return { bytes: statSync(outFile).size };
  } catch (e) {
    removeQuietly(partial);
    throw e;
  }
}

const count = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/**
 * Opens a backup read-only and says what it holds, whether it verifies, and whether it
 * was made with this installation's key. Anything that is not a sound backup of this app
 * (not SQLite, truncated, corrupted, from a newer app) is refused with a clear message.
 */
export function inspectBackup(file: string, keyring: Keyring | null): BackupPreview {
  let bytes: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    bytes = st.size;
  } catch {
    throw new AppError('BACKUP_FILE_MISSING', { file });
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('BACKUP_FILE_INVALID', { detail: 'cannot open' });
  }
  try {
    let schemaVersion: number;
    try {
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
      const hasLedger = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger'").get();
      if (schemaVersion < 1 || !hasLedger) throw new AppError('BACKUP_FILE_INVALID', { detail: 'not a points store database' });
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('BACKUP_FILE_INVALID', { detail: 'not a SQLite database' });
    }
    const latest = migrations[migrations.length - 1]!.version;
    if (schemaVersion > latest) throw new AppError('BACKUP_TOO_NEW', { version: schemaVersion, latest });
    let integrity: string;
    try {
      integrity = db.pragma('integrity_check', { simple: true }) as string;
    } catch {
      integrity = 'corrupted';
    }
    if (integrity !== 'ok') throw new AppError('BACKUP_FILE_INVALID', { detail: `integrity_check: ${integrity}`.slice(0, 120) });
    const fp = storedKeyFingerprint(db);
    const sameKey = keyring === null || fp === null ? null : fp === keyring.fingerprint();
    const v = verifyDatabase(db, sameKey === true && keyring ? { keyring } : {});
    // The newest row by id is the latest instant (the tables are append-only); MAX over
    // created_at would compute it for every row, since it is derived from `created`.
    const dates = db
      .prepare('SELECT MIN(business_date) AS first, MAX(business_date) AS last, (SELECT created_at FROM ledger ORDER BY id DESC LIMIT 1) AS at FROM ledger')
      .get() as { first: string | null; last: string | null; at: string | null };
    const lastAudit = (db.prepare('SELECT created_at FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? null;
    return {
      file,
      bytes,
      schemaVersion,
      villageName: getSetting(db, 'store.villageName', DEFAULT_SETTINGS.villageName),
      storeName: getSetting(db, 'store.storeName', DEFAULT_SETTINGS.storeName),
      counts: {
        households: count(db, 'households'),
        members: count(db, 'members'),
        operators: count(db, 'operators'),
        goods: count(db, 'goods'),
        ledgerRows: count(db, 'ledger'),
        redemptions: count(db, 'redemptions'),
        auditRows: count(db, 'audit_log'),
      },
      firstBusinessDate: dates.first,
      lastBusinessDate: dates.last,
      lastActivityAt: [dates.at, lastAudit].filter((x): x is string => x !== null).sort().pop() ?? null,
      verified: { ok: v.ok, problems: v.problems.slice(0, 20).map((p) => ({ table: p.table, rowId: String(p.rowId), problem: p.problem, message: describeProblem(p) })) },
      sameKey,
    };
  } finally {
    db.close();
  }
}

/**
 * Copies a checked backup into the live database file through SQLite's backup API, so
 * every open connection (this app, a CLI beside it) sees the restored data through
 * SQLite's own locking, and a failure part-way leaves the live data as it was.
 */
export async function copyBackupInto(file: string, liveDbFile: string): Promise<void> {
  const src = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await src.backup(liveDbFile);
  } finally {
    src.close();
  }
}
