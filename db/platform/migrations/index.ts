/**
 * Numbered migrations, applied in order inside one transaction each, tracked by
 * PRAGMA user_version. Never edit a migration that has shipped: add the next number.
 */
import { sql as m001 } from './001_initial.js';
import { sql as m002 } from './002_printing.js';
import { sql as m003 } from './003_stock.js';
import { sql as m004 } from './004_points.js';
import { sql as m005 } from './005_compact.js';
import { sql as m006 } from './006_hub_reports.js';
import { sql as m007 } from './007_keyed_books.js';
import { sql as m008 } from './008_entry_photos.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Rebuilds tables that others reference: run with foreign keys off, then checked whole before commit. */
  foreignKeysOff?: boolean;
  /** Needs code with the installation's key after its SQL (MigrationContext.upgrade). */
  keyed?: boolean;
}

/**
 * What a keyed migration needs from whoever opens the store: code that runs inside the
 * migration's transaction after its SQL (the re-keying of the chains, db/trust/integrity/rekey.ts).
 * Without it, a keyed migration runs only on a store with no history.
 */
export interface MigrationContext {
  upgrade?: (db: import('better-sqlite3').Database, version: number) => void;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: m001 },
  { version: 2, name: 'printing', sql: m002 },
  { version: 3, name: 'stock', sql: m003 },
  { version: 4, name: 'points', sql: m004 },
  { version: 5, name: 'compact', sql: m005, foreignKeysOff: true },
  { version: 6, name: 'hub reports', sql: m006 },
  { version: 7, name: 'keyed books', sql: m007, keyed: true },
  { version: 8, name: 'entry photos', sql: m008 },
];
