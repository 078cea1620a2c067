import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

/**
 * Statements prepared once per connection and reused: compiling SQL costs more than
 * running the counter's small indexed queries, and lookups run many times a minute.
 * Keyed by the SQL text, so a caller just passes its query. Only for statements used
 * with get/all/run (a plucked or raw statement changes the shared object's mode).
 */
const cache = new WeakMap<Db, Map<string, Statement>>();

export function prepared(db: Db, sql: string): Statement {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let s = byText.get(sql);
  if (!s) {
    s = db.prepare(sql);
    byText.set(sql, s);
  }
  return s;
}
