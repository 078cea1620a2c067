import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../../contract/errors.js';
import { describeBoth } from '../../contract/problems.js';
import type { BackupConfig, BackupOutcome, BackupReason, BackupStatus, RestoreOutcome, RestoreStatus } from '../../contract/views-trust.js';
import { DB_FILE, type TrustContext } from '../../books/context.js';
import { runFullVerify, setStartupReport } from '../integrity/run.js';
import { cancelBackgroundVerify } from '../integrity/state.js';
import { audit } from '../../books/audit.js';
import { getSetting, setSetting } from '../../books/settings.js';
import { backupDatabase, copyBackupInto, inspectBackup, inspectStaged, removeStaging, stagePrivateCopy } from './copy.js';
import { backupFileName, isBackupName, planRotation, safetyFileName } from './rotation.js';

const KEYS = { folder: 'backup.folder', keepDaily: 'backup.keepDaily', keepMonthly: 'backup.keepMonthly', auto: 'backup.auto', last: 'backup.last' } as const;
export const DEFAULT_BACKUP_CONFIG: BackupConfig = { folder: null, keepDaily: 7, keepMonthly: 12, auto: true };

/** One backup or restore at a time per core; the counter keeps working meanwhile. */
const busy = new WeakMap<TrustContext, 'backup' | 'restore'>();
const lastRestore = new WeakMap<TrustContext, RestoreOutcome>();

export function backupConfig(ctx: TrustContext): BackupConfig {
  return {
    folder: getSetting<string | null>(ctx.db, KEYS.folder, DEFAULT_BACKUP_CONFIG.folder),
    keepDaily: getSetting(ctx.db, KEYS.keepDaily, DEFAULT_BACKUP_CONFIG.keepDaily),
    keepMonthly: getSetting(ctx.db, KEYS.keepMonthly, DEFAULT_BACKUP_CONFIG.keepMonthly),
    auto: getSetting(ctx.db, KEYS.auto, DEFAULT_BACKUP_CONFIG.auto),
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

export function configureBackups(ctx: TrustContext, operatorId: number, c: BackupConfig): BackupConfig {
  // Checked as typed: a relative path would silently mean "relative to wherever the app runs".
  const folder = c.folder === null ? null : isAbsolute(c.folder) ? resolve(c.folder) : c.folder;
  if (folder !== null) {
    const problem = checkFolder(folder);
    if (problem) throw new AppError('BACKUP_FOLDER_INVALID', { folder, detail: problem });
    if (resolve(folder) === resolve(ctx.dataDir)) throw new AppError('BACKUP_FOLDER_INVALID', { folder, detail: '不能放在数据文件夹本身里' });
  }
  const before = backupConfig(ctx);
  const { createdAt } = ctx.stamp();
  ctx.db.transaction(() => {
    setSetting(ctx.db, KEYS.folder, folder);
    setSetting(ctx.db, KEYS.keepDaily, c.keepDaily);
    setSetting(ctx.db, KEYS.keepMonthly, c.keepMonthly);
    setSetting(ctx.db, KEYS.auto, c.auto);
    audit(ctx.db, createdAt, operatorId, 'backup.configure', null, { before, after: { ...c, folder } });
  })();
  return backupConfig(ctx);
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

export function backupStatus(ctx: TrustContext): BackupStatus {
  const config = backupConfig(ctx);
  const listed = config.folder ? listBackupFiles(config.folder) : { files: [], problem: null };
  return {
    config,
    running: busy.get(ctx) === 'backup',
    last: getSetting<BackupOutcome | null>(ctx.db, KEYS.last, null),
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
export async function runBackup(ctx: TrustContext, reason: Exclude<BackupReason, 'before-restore'>, operatorId: number | null): Promise<BackupOutcome> {
  const started = performance.now();
  const at = ctx.clock.now();
  const config = backupConfig(ctx);
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
  if (busy.has(ctx)) return fail(new AppError('BACKUP_RUNNING').message);
  if (!config.folder) outcome = fail(new AppError('BACKUP_NOT_CONFIGURED').message);
  else {
    const problem = checkFolder(config.folder);
    if (problem) outcome = fail(new AppError('BACKUP_FOLDER_INVALID', { folder: config.folder, detail: problem }).message);
    else {
      busy.set(ctx, 'backup');
      const file = join(config.folder, backupFileName(at, reason));
      try {
        const { bytes } = await backupDatabase(ctx.db, file, ctx.keyring);
        for (const old of planRotation(readdirSync(config.folder), config.keepDaily, config.keepMonthly)) rmSync(join(config.folder, old), { force: true });
        outcome = { ok: true, reason, at: at.toISOString(), file, bytes, ms: Math.round(performance.now() - started), error: null };
      } catch (e) {
        outcome = fail(messageOf(e));
      } finally {
        busy.delete(ctx);
      }
    }
  }
  try {
    ctx.db.transaction(() => {
      setSetting(ctx.db, KEYS.last, outcome);
      audit(ctx.db, ctx.stamp().createdAt, operatorId, outcome.ok ? 'backup.create' : 'backup.failed', outcome.file ? basename(outcome.file) : null, {
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
export function startBackup(ctx: TrustContext, operatorId: number): void {
  if (busy.has(ctx)) throw new AppError('BACKUP_RUNNING');
  if (!backupConfig(ctx).folder) throw new AppError('BACKUP_NOT_CONFIGURED');
  void runBackup(ctx, 'manual', operatorId);
}

/** How a backup to a named file went (the CLI's `backup --out FILE`). */
export interface BackupToFileOutcome {
  ok: boolean;
  file: string;
  bytes: number;
  error: string | null;
}

const backupsToFile = new WeakMap<TrustContext, Promise<BackupToFileOutcome>>();

/**
 * A verified backup into a file the caller names, outside the backup folder's rotation:
 * never over an existing file, audited with the operator who asked (reason 'cli', as the
 * command line's backup always was). Checks synchronously, then copies in the background;
 * `backupToFileSettled` waits for the outcome.
 */
export function startBackupToFile(ctx: TrustContext, file: string, operatorId: number): void {
  const out = resolve(file);
  if (busy.has(ctx)) throw new AppError(busy.get(ctx) === 'restore' ? 'RESTORE_RUNNING' : 'BACKUP_RUNNING');
  if (existsSync(out)) throw new AppError('BACKUP_FILE_EXISTS', { file: out });
  busy.set(ctx, 'backup');
  const run = (async (): Promise<BackupToFileOutcome> => {
    let outcome: BackupToFileOutcome;
    try {
      const { bytes } = await backupDatabase(ctx.db, out, ctx.keyring);
      outcome = { ok: true, file: out, bytes, error: null };
    } catch (e) {
      outcome = { ok: false, file: out, bytes: 0, error: messageOf(e) };
    } finally {
      busy.delete(ctx);
    }
    audit(ctx.db, ctx.stamp().createdAt, operatorId, outcome.ok ? 'backup.create' : 'backup.failed', basename(out), {
      reason: 'cli',
      bytes: outcome.bytes,
      ...(outcome.error === null ? {} : { error: outcome.error }),
    });
    return outcome;
  })();
  backupsToFile.set(ctx, run);
}

/** Waits for the backup `startBackupToFile` started (null if none was started). */
export async function backupToFileSettled(ctx: TrustContext): Promise<BackupToFileOutcome | null> {
  return (await backupsToFile.get(ctx)) ?? null;
}

/**
 * For the day close: call after a day is closed. Backs up when automatic backups are on
 * and a folder is set; reports the outcome, never throws.
 */
export function backupAfterDayClose(ctx: TrustContext, operatorId: number): Promise<BackupOutcome | null> {
  const c = backupConfig(ctx);
  if (!c.auto || !c.folder) return Promise.resolve(null);
  return runBackup(ctx, 'day-close', operatorId);
}

/**
 * Checks every half hour whether today's automatic backup exists and makes it if not
 * (the app may run for weeks, or be started late in the day). Returns a stop function.
 */
export function startAutoBackups(ctx: TrustContext, everyMs = 30 * 60_000): () => void {
  const tick = () => {
    const c = backupConfig(ctx);
    if (!c.auto || !c.folder || busy.has(ctx)) return;
    const last = getSetting<BackupOutcome | null>(ctx.db, KEYS.last, null);
    const today = ctx.stamp().businessDate;
    const lastOkDay = last?.ok ? new Intl.DateTimeFormat('en-CA', { timeZone: ctx.settings().timeZone }).format(new Date(last.at)) : null;
    if (lastOkDay === today) return;
    // A failed attempt is retried at the next tick, not in a tight loop.
    if (last && !last.ok && ctx.clock.now().getTime() - new Date(last.at).getTime() < everyMs) return;
    void runBackup(ctx, 'daily', null);
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

export function restoreStatus(ctx: TrustContext): RestoreStatus {
  return { running: busy.get(ctx) === 'restore', last: lastRestore.get(ctx) ?? null };
}

/**
 * Restores a backup into the running core. The chosen file is first copied to a private
 * staging file (0600) in the data folder; that copy, and only that copy, is checked
 * (key fingerprint and signed checkpoint required, brought to the current schema, full
 * verify with the key) and then restored: a file swapped after the check is never what
 * goes live. A copy of the current data is kept first; if the full verify after the
 * restore fails, the safety copy is put back by itself and the restore reports that.
 */
export async function restoreBackup(ctx: TrustContext, file: string, operatorId: number | null): Promise<RestoreOutcome> {
  const at = ctx.clock.now().toISOString();
  if (busy.has(ctx)) throw new AppError(busy.get(ctx) === 'restore' ? 'RESTORE_RUNNING' : 'BACKUP_RUNNING');
  busy.set(ctx, 'restore');
  let staging: string | null = null;
  let safetyCopy: string | null = null;
  try {
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch {
      throw new AppError('BACKUP_FILE_MISSING', { file });
    }
    staging = stagePrivateCopy(file, ctx.dataDir);
    const preview = inspectStaged(staging, ctx.keyring);
    if (preview.sameKey === false) throw new AppError('BACKUP_OTHER_KEY');
    if (!preview.verified.ok) {
      throw new AppError('BACKUP_VERIFY_FAILED', { detail: describeBoth(preview.verified.problems[0]!) });
    }
    const folder = backupConfig(ctx).folder;
    const safetyDir = folder && checkFolder(folder) === null ? folder : join(ctx.dataDir, 'backups');
    mkdirSync(safetyDir, { recursive: true });
    safetyCopy = join(safetyDir, safetyFileName(ctx.clock.now()));
    // The data being replaced may be what failed its checks (a restore is the way out of
    // the alarm): its copy is kept even then, as evidence, and the audit row says so.
    const safety = await backupDatabase(ctx.db, safetyCopy, ctx.keyring, { keepUnverified: true });
    ctx.sessions.endAll();
    // A full verify after start-up still reading the data being replaced would report on
    // data that is gone (and raise a stale alarm): stopped; the restore verifies afresh.
    cancelBackgroundVerify(ctx);
    const live = join(ctx.dataDir, DB_FILE);
    await copyBackupInto(staging, live);
    if ((ctx.db.pragma('journal_mode', { simple: true }) as string) !== 'wal') ctx.db.pragma('journal_mode = WAL');
    ctx.settingsChanged();
    audit(ctx.db, ctx.stamp().createdAt, operatorId, 'backup.restore', basename(file), {
      safetyCopy: basename(safetyCopy),
      safetyCopyVerified: safety.problem === null,
      backupLastActivity: preview.lastActivityAt,
    });
    let verified = runFullVerify(ctx, operatorId);
    let error: string | null = null;
    if (!verified.ok) {
      // The restored data does not hold (it changed between the check and now, or the
      // check missed something): put the data as it was before back, by itself.
      await copyBackupInto(safetyCopy, live);
      ctx.settingsChanged();
      audit(ctx.db, ctx.stamp().createdAt, operatorId, 'backup.restore.rolledBack', basename(file), { problems: verified.problems.length });
      verified = runFullVerify(ctx, operatorId);
      error = '恢复后校验未通过，已自动退回恢复前的数据 / the restored data did not verify; the data from before the restore was put back';
    }
    setStartupReport(ctx, verified);
    const outcome: RestoreOutcome = { ok: error === null && verified.ok, at, file, safetyCopy, error };
    lastRestore.set(ctx, outcome);
    return outcome;
  } catch (e) {
    const outcome: RestoreOutcome = { ok: false, at, file, safetyCopy, error: messageOf(e) };
    lastRestore.set(ctx, outcome);
    throw e;
  } finally {
    if (staging) removeStaging(staging);
    busy.delete(ctx);
  }
}

/**
 * The UI's restore: checks synchronously, then runs in the background (status via
 * restore.status). No operator only before set-up (`setup.restore`).
 */
export function startRestore(ctx: TrustContext, file: string, operatorId: number | null): void {
  if (busy.has(ctx)) throw new AppError(busy.get(ctx) === 'restore' ? 'RESTORE_RUNNING' : 'BACKUP_RUNNING');
  const preview = inspectBackup(file, ctx.keyring);
  if (!preview.verified.ok) {
    throw new AppError('BACKUP_VERIFY_FAILED', { detail: describeBoth(preview.verified.problems[0]!) });
  }
  if (preview.sameKey === false) throw new AppError('BACKUP_OTHER_KEY');
  const running = restoreBackup(ctx, file, operatorId).catch((e: unknown) => console.error('[restore] failed:', e instanceof Error ? e.message : e));
  restoresRunning.set(ctx, running);
}

const restoresRunning = new WeakMap<TrustContext, Promise<unknown>>();

/**
 * Waits for the restore that `backup.restore` started to end, then says how it went: the
 * CLI runs the same operation as the screen and must not exit (closing the database)
 * while the restore is still copying.
 */
export async function restoreSettled(ctx: TrustContext): Promise<RestoreStatus> {
  await restoresRunning.get(ctx);
  return restoreStatus(ctx);
}
