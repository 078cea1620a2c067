import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration, type MigrationContext } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) a store database with the pragmas the ledger relies on:
 * WAL for concurrent readers, synchronous=FULL so an acknowledged redemption survives a
 * power cut (better-sqlite3's WAL default, NORMAL, can lose the last commits), foreign
 * keys on, and a busy timeout for the CLI running beside the app.
 */
export function openDatabase(file: string, opts: { readonly?: boolean; migrate?: boolean; upTo?: number } = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  if (!opts.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (opts.migrate !== false && !opts.readonly) migrate(db, allMigrations, opts.upTo);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the current user_version (up to `upTo`, for tests). */
export function migrate(db: Db, list: readonly Migration[] = allMigrations, upTo = Infinity, ctx: MigrationContext = {}): number {
  let current = schemaVersion(db);
  const latest = list.length === 0 ? 0 : list[list.length - 1]!.version;
  if (current > latest) {
    throw new Error(`database schema ${current} is newer than this app (${latest}); update the app`);
  }
  for (const m of list) {
    if (m.version <= current || m.version > upTo) continue;
    // SQLite ignores this pragma inside a transaction, so it is switched around it (the
    // documented way to rebuild a table that others reference).
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.keyed) {
          if (ctx.upgrade) ctx.upgrade(db, m.version);
          else if (hasBooksHistory(db))
            throw new Error(`migration ${m.version} re-keys the books and needs the installation's key: open the store through the app or the CLI`);
        }
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
          if (broken.length > 0)
            throw new Error(
              `migration ${m.version} would break ${broken.length} references, e.g. ${broken[0]!.table} row ${broken[0]!.rowid} → ${broken[0]!.parent}`,
            );
        }
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (e) {
      // The transaction rolled back: the data is as it was. Say so, and what to do; a
      // rebuilding migration (005) needs about as much free space as the tables it copies.
      if (e instanceof Error && (e as { code?: string }).code === 'SQLITE_FULL') {
        throw new Error(
          `数据库升级（第 ${m.version} 步）失败：磁盘空间不足。数据未改动；请腾出至少与数据文件同样大小的空间后重新打开。` +
            ` / Upgrading the database (step ${m.version}) failed: the disk is full. Nothing was changed; free at least as much space as the data file and open the app again.`,
          { cause: e },
        );
      }
      throw e;
    } finally {
      if (m.foreignKeysOff) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
    current = m.version;
  }
  return current;
}

/** Whether any of the books' chained tables holds a row (a keyed migration then needs the key). */
export function hasBooksHistory(db: Db): boolean {
  return (
    db
      .prepare(
        'SELECT EXISTS (SELECT 1 FROM ledger) OR EXISTS (SELECT 1 FROM audit_log) OR EXISTS (SELECT 1 FROM stock_movements) OR EXISTS (SELECT 1 FROM day_closes) OR EXISTS (SELECT 1 FROM point_entries)',
      )
      .pluck()
      .get() === 1
  );
}
