/**
 * The store's files are for its operators only (issue 12): on POSIX the data folder is
 * 0700 and the database (with its -wal and -shm), the key, backups and exports are 0600,
 * whatever the process's umask. On Windows the per-user profile folder the data lives in
 * is already private to the user; chmod there only toggles read-only, so it is skipped.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';

const POSIX = process.platform !== 'win32';

/** Creates the folder if needed and makes it 0700. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) chmodSync(dir, 0o700);
}

/** Makes an existing file 0600; a missing one is left alone. */
export function privateFile(file: string): void {
  if (POSIX && existsSync(file)) chmodSync(file, 0o600);
}

/**
 * Creates an empty 0600 file before SQLite opens it, so that SQLite, which gives a new
 * -wal and -shm the database file's own mode, never makes them readable by others.
 */
export function precreatePrivate(file: string): void {
  if (existsSync(file)) return privateFile(file);
  try {
    writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  privateFile(file);
}

/** The database and its sidecars, 0600. */
export function privateDatabase(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) privateFile(f);
}
