import Database from 'better-sqlite3';
import { precreatePrivate, privateFile } from '../../platform/private-files.js';
import { chmodSync, closeSync, fsyncSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../contract/errors.js';
import type { BackupPreview } from '../../contract/views-trust.js';
import { Keyring } from '../../platform/crypto/secret.js';
import { chainKeyFrom } from '../../books/hash-chain.js';
import { installBooksKey } from '../../books/seals.js';
import { keyedBooksUpgrade } from '../integrity/rekey.js';
import { readCheckpoint } from '../integrity/checkpoint.js';
import { migrate } from '../../platform/open.js';
import { storedKeyFingerprint } from '../integrity/checkpoint.js';
import { migrations } from '../../platform/migrations/index.js';
import type { Db } from '../../platform/open.js';
import { DEFAULT_SETTINGS, getSetting } from '../../books/settings.js';
import { verifyDatabase } from '../integrity/verify.js';
import { describeProblem, type VerifyProblem } from '../../contract/problems.js';
import { checkCopyOffThread } from './check-copy.js';
import { query } from '../../platform/query.js';

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
export async function backupDatabase(
  db: Db,
  outFile: string,
  keyring: Keyring,
  opts: { keepUnverified?: boolean } = {},
): Promise<{ bytes: number; problem: string | null }> {
  const partial = outFile + '.partial';
  removeQuietly(partial);
  try {
    // 0600 from the first byte (issue 12): a backup holds every household's data.
    precreatePrivate(partial);
    await db.backup(partial);
    const copy = new Database(partial);
    try {
      // The live file is WAL; a backup on a USB stick should be one file with no sidecars.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const problem = await checkCopyOffThread(partial, secretOf(keyring));
    // `keepUnverified`: the safety copy a restore takes of data that failed its checks (the
    // way out of the alarm) is kept all the same: it is the evidence of what was there. It
    // can never be restored (a restore checks every file first) and is reported as such.
    if (problem && !opts.keepUnverified) throw new AppError('BACKUP_VERIFY_FAILED', { detail: problem });
    fsyncFile(partial);
    renameSync(partial, outFile);
    privateFile(outFile);
    return { bytes: statSync(outFile).size, problem };
  } catch (e) {
    removeQuietly(partial);
    throw e;
  }
}

const count = (db: Db, table: string) => query(db).scalar<number>(`SELECT count(*) FROM ${table}`);

export const secretOf = (keyring: Keyring): Buffer => Buffer.from(keyring.exportHex(), 'hex');

/**
 * Copies a chosen backup file into a private staging file (0600, created new, in `dir`):
 * everything after this reads the copy only, so a file swapped after the check cannot be
 * what is restored.
 */
export function stagePrivateCopy(file: string, dir: string): string {
  const staging = join(dir, `.restore-staging-${randomBytes(6).toString('hex')}.sqlite`);
  try {
    const src = openSync(file, 'r');
    try {
      const out = openSync(staging, 'wx', 0o600);
      try {
        const buf = Buffer.allocUnsafe(1 << 20);
        for (let n = readSync(src, buf, 0, buf.length, null); n > 0; n = readSync(src, buf, 0, buf.length, null)) writeSync(out, buf, 0, n);
        fsyncSync(out);
      } finally {
        closeSync(out);
      }
    } finally {
      closeSync(src);
    }
    chmodSync(staging, 0o600);
    return staging;
  } catch (e) {
    // A file that cannot be read whole (gone, a folder, a device, an I/O error) or a disk
    // that fills up: nothing half-copied is left behind, and the refusal says why.
    rmSync(staging, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') throw new AppError('BACKUP_FILE_MISSING', { file });
    if (code === 'ENOSPC') throw new AppError('DISK_FULL');
    throw new AppError('BACKUP_FILE_INVALID', { detail: `无法读取 / cannot be read: ${code || (e as Error).message}`.slice(0, 120) });
  }
}

/** Removes a staging copy and its sidecars. */
export function removeStaging(file: string): void {
  removeQuietly(file);
}

/**
 * Opens a backup and says what it holds, whether it verifies, and whether it was made
 * with this installation's key. The check runs on a private staging copy (deleted
 * after): see inspectStaged.
 */
export function inspectBackup(file: string, keyring: Keyring | null): BackupPreview {
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new AppError('BACKUP_FILE_MISSING', { file });
  }
  const dir = mkdtempSync(join(tmpdir(), 'vps-inspect-'));
  try {
    return { ...inspectStaged(stagePrivateCopy(file, dir), keyring), file };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Checks a staged copy of a backup: a sound SQLite file of this app, made with this
 * key (its fingerprint is required: a backup without one is refused), with a signed
 * checkpoint (required too), brought up to the current schema in place (an older
 * backup's chains are re-keyed, after they verify), and then fully verified with the key.
 * Anything that is not a sound backup is refused with a clear message.
 */
export function inspectStaged(file: string, keyring: Keyring | null): BackupPreview {
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch {
    throw new AppError('BACKUP_FILE_MISSING', { file });
  }
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch {
    throw new AppError('BACKUP_FILE_INVALID', { detail: 'cannot open' });
  }
  try {
    let schemaVersion: number;
    try {
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
      const hasLedger = query(db).get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger'");
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
    if (fp === null)
      throw new AppError('BACKUP_VERIFY_FAILED', {
        detail: '备份中没有密钥指纹（security.keyFingerprint），无法确认它属于本机账本 / the backup has no key fingerprint',
      });
    const sameKey = keyring === null ? null : fp === keyring.fingerprint();
    let v: { ok: boolean; problems: VerifyProblem[] };
    if (keyring === null || sameKey !== true) {
      v = { ok: false, problems: [{ table: 'settings', rowId: 'security.keyFingerprint', code: keyring === null ? 'KEY_NONE' : 'KEY_OTHER' }] };
    } else {
      if (readCheckpoint(db, keyring, { legacy: true }).kind !== 'ok') {
        throw new AppError('BACKUP_VERIFY_FAILED', { detail: '备份中没有有效的签名检查点 / the backup has no valid signed checkpoint' });
      }
      installBooksKey(db, chainKeyFrom(secretOf(keyring)));
      try {
        migrate(db, migrations, Infinity, { upgrade: keyedBooksUpgrade(keyring, () => new Date().toISOString()) });
      } catch (e) {
        throw new AppError('BACKUP_VERIFY_FAILED', { detail: (e instanceof Error ? e.message : String(e)).slice(0, 300) });
      }
      v = verifyDatabase(db, { keyring });
    }
    // The newest row by id is the latest instant (the tables are append-only); MAX over
    // created_at would compute it for every row, since it is derived from `created`.
    const dates = query(db).one<{ first: string | null; last: string | null; at: string | null }>(
      'SELECT MIN(business_date) AS first, MAX(business_date) AS last, (SELECT created_at FROM ledger ORDER BY id DESC LIMIT 1) AS at FROM ledger',
    );
    const lastAudit = query(db).value<string>('SELECT created_at FROM audit_log ORDER BY id DESC LIMIT 1') ?? null;
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
      lastActivityAt:
        [dates.at, lastAudit]
          .filter((x): x is string => x !== null)
          .sort()
          .pop() ?? null,
      verified: { ok: v.ok, problems: v.problems.slice(0, 20).map((p) => ({ ...p, rowId: String(p.rowId), message: describeProblem(p, 'zh') })) },
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
  const src = new Database(file, { fileMustExist: true });
  try {
    await src.backup(liveDbFile);
  } finally {
    src.close();
  }
}
