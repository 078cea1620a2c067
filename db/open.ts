import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

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
export function migrate(db: Db, list: readonly Migration[] = allMigrations, upTo = Infinity): number {
  let current = schemaVersion(db);
  const latest = list.length === 0 ? 0 : list[list.length - 1]!.version;
  if (current > latest) {
    throw new Error(`database schema ${current} is newer than this app (${latest}); update the app`);
  }
  for (const m of list) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    current = m.version;
  }
  return current;
}
