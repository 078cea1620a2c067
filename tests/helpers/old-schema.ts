/**
 * For the migration tests: a database made by today's code, written back into an older
 * schema (then migrated forward by the code under test), and its business rows read for a
 * before/after comparison.
 */
import Database from 'better-sqlite3';
import { SEALED_TABLES } from '../../db/books/seals.js';
import { migrations } from '../../db/platform/migrations/index.js';
import { migrate } from '../../db/platform/open.js';

export interface CopyOptions {
  /** The SQL that fills column `column` of `table` from the source row `x` (default `x.column`). */
  expr?: (table: string, column: string) => string;
  /** Runs inside the copy's transaction, triggers still off (rehash the chains, say). */
  inTransaction?: (db: Database.Database) => void;
}

/**
 * Writes the rows of the database `src` into a new file `dst` at schema `version`, table by
 * table, with the triggers off while copying (they refuse rows a store of that age wrote
 * differently) and back on after. Generated columns are not inserted.
 */
export function copyIntoSchema(src: string, dst: string, version: number, opts: CopyOptions = {}): void {
  const db = new Database(dst);
  db.pragma('foreign_keys = OFF');
  migrate(db, migrations, version);
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  db.prepare('ATTACH DATABASE ? AS s').run(src);
  const tables = db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const expr = opts.expr ?? ((_t: string, c: string) => `x.${c}`);
  db.transaction(() => {
    for (const t of tables) {
      const cols = db.prepare(`SELECT name FROM pragma_table_xinfo('${t}') WHERE hidden = 0`).pluck().all() as string[];
      db.exec(`INSERT INTO main.${t} (${cols.join(', ')}) SELECT ${cols.map((c) => expr(t, c)).join(', ')} FROM s.${t} x`);
    }
    opts.inTransaction?.(db);
  })();
  db.exec('DETACH DATABASE s');
  for (const t of triggers) db.exec(t.sql);
  db.close();
}

/** Every sealed table's rows and the balances, in key order: what a migration must keep as it was. */
export function sealedBusinessRows(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of SEALED_TABLES) out[t.table] = db.prepare(`SELECT * FROM ${t.table} ORDER BY ${t.key.join(', ')}`).all();
  out.accounts = db.prepare('SELECT * FROM accounts ORDER BY household_id, passbook_id').all();
  return out;
}
