import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../../contract/errors.js';
import { describeBoth } from '../../contract/problems.js';
import type { BackupConfig, BackupOutcome, BackupReason, BackupStatus, RestoreOutcome, RestoreStatus } from '../../contract/views-trust.js';
import { DB_FILE, type Core } from '../../core.js';
import { runFullVerify, setStartupReport } from '../integrity/run.js';
import { cancelBackgroundVerify } from '../integrity/state.js';
import { audit } from '../../books/audit.js';
import { getSetting, setSetting } from '../../books/settings.js';
import { backupDatabase, copyBackupInto, inspectBackup, inspectStaged, removeStaging, stagePrivateCopy } from './copy.js';
import { backupFileName, isBackupName, planRotation, safetyFileName } from './rotation.js';

const KEYS = { folder: 'backup.folder', keepDaily: 'backup.keepDaily', keepMonthly: 'backup.keepMonthly', auto: 'backup.auto', last: 'backup.last' } as const;
export const DEFAULT_BACKUP_CONFIG: BackupConfig = { folder: null, keepDaily: 7, keepMonthly: 12, auto: true };

/** One backup or restore at a time per core; the counter keeps working meanwhile. */
const busy = new WeakMap<Core, 'backup' | 'restore'>();
const lastRestore = new WeakMap<Core, RestoreOutcome>();

export function backupConfig(core: Core): BackupConfig {
  return {
    folder: getSetting<string | null>(core.db, KEYS.folder, DEFAULT_BACKUP_CONFIG.folder),
    keepDaily: getSetting(core.db, KEYS.keepDaily, DEFAULT_BACKUP_CONFIG.keepDaily),
    keepMonthly: getSetting(core.db, KEYS.keepMonthly, DEFAULT_BACKUP_CONFIG.keepMonthly),
    auto: getSetting(core.db, KEYS.auto, DEFAULT_BACKUP_CONFIG.auto),
  };
}

/** A folder is usable when it exists, is a folder, and takes a file (a read-only stick does not). */
export function checkFolder(folder: string): string | null {
  if (!isAbsolute(folder)) return '必须是完整路径（例如 E:\\积分超市备份 或 /media/usb/备份）';
  try {
    if (!statSync(folder).isDirectory()) return '不是文件夹';
  } catch {
    return '文件夹不存在（U 盘是否已插好？）';
  }
  const probe = join(folder, `.points-store-probe-${process.pid}`);
  try {
    writeFileSync(probe, 'probe');
    rmSync(probe);
  } catch {
    return '无法写入此文件夹（是否只读或没有权限？）';
  }
  return null;
}

export function configureBackups(core: Core, operatorId: number, c: BackupConfig): BackupConfig {
  // Checked as typed: a relative path would silently mean "relative to wherever the app runs".
  const folder = c.folder === null ? null : isAbsolute(c.folder) ? resolve(c.folder) : c.folder;
  if (folder !== null) {
    const problem = checkFolder(folder);
    if (problem) throw new AppError('BACKUP_FOLDER_INVALID', { folder, detail: problem });
    if (resolve(folder) === resolve(core.dataDir)) throw new AppError('BACKUP_FOLDER_INVALID', { folder, detail: '不能放在数据文件夹本身里' });
  }
  const before = backupConfig(core);
  const { createdAt } = core.stamp();
  core.db.transaction(() => {
    setSetting(core.db, KEYS.folder, folder);
    setSetting(core.db, KEYS.keepDaily, c.keepDaily);
    setSetting(core.db, KEYS.keepMonthly, c.keepMonthly);
    setSetting(core.db, KEYS.auto, c.auto);
    audit(core.db, createdAt, operatorId, 'backup.configure', null, { before, after: { ...c, folder } });
  })();
  return backupConfig(core);
}

export function listBackupFiles(folder: string): { files: BackupStatus['files']; problem: string | null } {
  try {
    const files = readdirSync(folder)
      .filter(isBackupName)
      .map((name) => {
        const st = statSync(join(folder, name));
        return { name, path: join(folder, name), bytes: st.size, modifiedAt: st.mtime.toISOString() };
      })
      .sort((a, b) => b.name.localeCompare(a.name));
    return { files, problem: null };
  } catch {
    return { files: [], problem: '无法读取备份文件夹（U 盘是否已插好？）' };
  }
}

export function backupStatus(core: Core): BackupStatus {
  const config = backupConfig(core);
  const listed = config.folder ? listBackupFiles(config.folder) : { files: [], problem: null };
  return {
    config,
    running: busy.get(core) === 'backup',
    last: getSetting<BackupOutcome | null>(core.db, KEYS.last, null),
    files: listed.files,
    folderProblem: listed.problem,
  };
}

function messageOf(e: unknown): string {
  if (e instanceof AppError) return e.message;
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return '备份位置空间不足';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '无法写入备份文件夹';
  return '备份失败：' + (e instanceof Error ? e.message : String(e)).slice(0, 160);
}

/**
 * Makes one verified backup in the configured folder, rotates old ones, records the
 * outcome (shown on the backup screen) and audits it. Never throws: an automatic backup
 * that fails must not take the counter down, it is reported instead.
 */
export async function runBackup(core: Core, reason: Exclude<BackupReason, 'before-restore'>, operatorId: number | null): Promise<BackupOutcome> {
  const started = performance.now();
  const at = core.clock.now();
  const config = backupConfig(core);
  const fail = (error: string): BackupOutcome => ({
    ok: false,
    reason,
    at: at.toISOString(),
    file: null,
    bytes: 0,
    ms: Math.round(performance.now() - started),
    error,
  });
  let outcome: BackupOutcome;
  if (busy.has(core)) return fail(new AppError('BACKUP_RUNNING').message);
  if (!config.folder) outcome = fail(new AppError('BACKUP_NOT_CONFIGURED').message);
  else {
    const problem = checkFolder(config.folder);
    if (problem) outcome = fail(new AppError('BACKUP_FOLDER_INVALID', { folder: config.folder, detail: problem }).message);
    else {
      busy.set(core, 'backup');
      const file = join(config.folder, backupFileName(at, reason));
      try {
        const { bytes } = await backupDatabase(core.db, file, core.keyring);
        for (const old of planRotation(readdirSync(config.folder), config.keepDaily, config.keepMonthly)) rmSync(join(config.folder, old), { force: true });
        outcome = { ok: true, reason, at: at.toISOString(), file, bytes, ms: Math.round(performance.now() - started), error: null };
      } catch (e) {
        outcome = fail(messageOf(e));
      } finally {
        busy.delete(core);
      }
    }
  }
  try {
    core.db.transaction(() => {
      setSetting(core.db, KEYS.last, outcome);
      audit(core.db, core.stamp().createdAt, operatorId, outcome.ok ? 'backup.create' : 'backup.failed', outcome.file ? basename(outcome.file) : null, {
        reason,
        bytes: outcome.bytes,
        error: outcome.error,
      });
    })();
  } catch (e) {
    console.error('[backup] could not record the outcome:', e instanceof Error ? e.message : e);
  }
  return outcome;
}

/** Starts a backup without waiting for it (the UI polls backup.status). */
export function startBackup(core: Core, operatorId: number): void {
  if (busy.has(core)) throw new AppError('BACKUP_RUNNING');
  if (!backupConfig(core).folder) throw new AppError('BACKUP_NOT_CONFIGURED');
  void runBackup(core, 'manual', operatorId);
}

/**
 * For the day close: call after a day is closed. Backs up when automatic backups are on
 * and a folder is set; reports the outcome, never throws.
 */
export function backupAfterDayClose(core: Core, operatorId: number): Promise<BackupOutcome | null> {
  const c = backupConfig(core);
  if (!c.auto || !c.folder) return Promise.resolve(null);
  return runBackup(core, 'day-close', operatorId);
}

/**
 * Checks every half hour whether today's automatic backup exists and makes it if not
 * (the app may run for weeks, or be started late in the day). Returns a stop function.
 */
export function startAutoBackups(core: Core, everyMs = 30 * 60_000): () => void {
  const tick = () => {
    const c = backupConfig(core);
    if (!c.auto || !c.folder || busy.has(core)) return;
    const last = getSetting<BackupOutcome | null>(core.db, KEYS.last, null);
    const today = core.stamp().businessDate;
    const lastOkDay = last?.ok ? new Intl.DateTimeFormat('en-CA', { timeZone: core.settings().timeZone }).format(new Date(last.at)) : null;
    if (lastOkDay === today) return;
    // A failed attempt is retried at the next tick, not in a tight loop.
    if (last && !last.ok && core.clock.now().getTime() - new Date(last.at).getTime() < everyMs) return;
    void runBackup(core, 'daily', null);
  };
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

export function restoreStatus(core: Core): RestoreStatus {
  return { running: busy.get(core) === 'restore', last: lastRestore.get(core) ?? null };
}

/**
 * Restores a backup into the running core. The chosen file is first copied to a private
 * staging file (0600) in the data folder; that copy, and only that copy, is checked
 * (key fingerprint and signed checkpoint required, brought to the current schema, full
 * verify with the key) and then restored: a file swapped after the check is never what
 * goes live. A copy of the current data is kept first; if the full verify after the
 * restore fails, the safety copy is put back by itself and the restore reports that.
 */
export async function restoreBackup(core: Core, file: string, operatorId: number | null): Promise<RestoreOutcome> {
  const at = core.clock.now().toISOString();
  if (busy.has(core)) throw new AppError(busy.get(core) === 'restore' ? 'RESTORE_RUNNING' : 'BACKUP_RUNNING');
  busy.set(core, 'restore');
  let staging: string | null = null;
  let safetyCopy: string | null = null;
  try {
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch {
      throw new AppError('BACKUP_FILE_MISSING', { file });
    }
    staging = stagePrivateCopy(file, core.dataDir);
    const preview = inspectStaged(staging, core.keyring);
    if (preview.sameKey === false) throw new AppError('BACKUP_OTHER_KEY');
    if (!preview.verified.ok) {
      throw new AppError('BACKUP_VERIFY_FAILED', { detail: describeBoth(preview.verified.problems[0]!) });
    }
    const folder = backupConfig(core).folder;
    const safetyDir = folder && checkFolder(folder) === null ? folder : join(core.dataDir, 'backups');
    mkdirSync(safetyDir, { recursive: true });
    safetyCopy = join(safetyDir, safetyFileName(core.clock.now()));
    // The data being replaced may be what failed its checks (a restore is the way out of
    // the alarm): its copy is kept even then, as evidence, and the audit row says so.
    const safety = await backupDatabase(core.db, safetyCopy, core.keyring, { keepUnverified: true });
    core.sessions.endAll();
    // A full verify after start-up still reading the data being replaced would report on
    // data that is gone (and raise a stale alarm): stopped; the restore verifies afresh.
    cancelBackgroundVerify(core);
    const live = join(core.dataDir, DB_FILE);
    await copyBackupInto(staging, live);
    if ((core.db.pragma('journal_mode', { simple: true }) as string) !== 'wal') core.db.pragma('journal_mode = WAL');
    core.settingsChanged();
    audit(core.db, core.stamp().createdAt, operatorId, 'backup.restore', basename(file), {
      safetyCopy: basename(safetyCopy),
      safetyCopyVerified: safety.problem === null,
      backupLastActivity: preview.lastActivityAt,
    });
    let verified = runFullVerify(core, operatorId);
    let error: string | null = null;
    if (!verified.ok) {
      // The restored data does not hold (it changed between the check and now, or the
      // check missed something): put the data as it was before back, by itself.
      await copyBackupInto(safetyCopy, live);
      core.settingsChanged();
      audit(core.db, core.stamp().createdAt, operatorId, 'backup.restore.rolledBack', basename(file), { problems: verified.problems.length });
      verified = runFullVerify(core, operatorId);
      error = '恢复后校验未通过，已自动退回恢复前的数据 / the restored data did not verify; the data from before the restore was put back';
    }
    setStartupReport(core, verified);
    const outcome: RestoreOutcome = { ok: error === null && verified.ok, at, file, safetyCopy, error };
    lastRestore.set(core, outcome);
    return outcome;
  } catch (e) {
    const outcome: RestoreOutcome = { ok: false, at, file, safetyCopy, error: messageOf(e) };
    lastRestore.set(core, outcome);
    throw e;
  } finally {
    if (staging) removeStaging(staging);
    busy.delete(core);
  }
}

/**
 * The UI's restore: checks synchronously, then runs in the background (status via
 * restore.status). No operator only before set-up (`setup.restore`).
 */
export function startRestore(core: Core, file: string, operatorId: number | null): void {
  if (busy.has(core)) throw new AppError(busy.get(core) === 'restore' ? 'RESTORE_RUNNING' : 'BACKUP_RUNNING');
  const preview = inspectBackup(file, core.keyring);
  if (!preview.verified.ok) {
    throw new AppError('BACKUP_VERIFY_FAILED', { detail: describeBoth(preview.verified.problems[0]!) });
  }
  if (preview.sameKey === false) throw new AppError('BACKUP_OTHER_KEY');
  const running = restoreBackup(core, file, operatorId).catch((e: unknown) => console.error('[restore] failed:', e instanceof Error ? e.message : e));
  restoresRunning.set(core, running);
}

const restoresRunning = new WeakMap<Core, Promise<unknown>>();

/**
 * Waits for the restore that `backup.restore` started to end, then says how it went: the
 * CLI runs the same operation as the screen and must not exit (closing the database)
 * while the restore is still copying.
 */
export async function restoreSettled(core: Core): Promise<RestoreStatus> {
  await restoresRunning.get(core);
  return restoreStatus(core);
}
