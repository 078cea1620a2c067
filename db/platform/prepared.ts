import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

/**
 * Statements prepared once per connection and reused: compiling SQL costs more than
 * running the counter's small indexed queries, and lookups run many times a minute.
 * Keyed by the SQL text, so a caller just passes its query. The statements are shared:
 * never switch one's mode (pluck, raw, expand); ask preparedPluck for first-column reads.
 */
const cache = new WeakMap<Db, Map<string, Statement>>();
// SQL built from a filter (a WHERE with or without a clause) comes in a few shapes, but a
// bug that put values into the text would grow the cache without end: the oldest goes.
const MAX_STATEMENTS = 1000;

export function prepared(db: Db, sql: string): Statement {
  return cached(db, sql, false);
}

/** Like prepared(), for statements that return their first column only. */
export function preparedPluck(db: Db, sql: string): Statement {
  return cached(db, sql, true);
}

function cached(db: Db, sql: string, pluck: boolean): Statement {
  const key = pluck ? `pluck\u0000${sql}` : sql;
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let s = byText.get(key);
  if (!s) {
    s = pluck ? db.prepare(sql).pluck() : db.prepare(sql);
    if (byText.size >= MAX_STATEMENTS) byText.delete(byText.keys().next().value!);
    byText.set(key, s);
  }
  return s;
}
