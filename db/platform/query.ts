import type { RunResult } from 'better-sqlite3';
import type { Db } from './open.js';
import { prepared, preparedPluck } from './prepared.js';

/**
 * The one typed way to query the store's database: every statement comes from the
 * per-connection cache (prepared once, reused), and the row type is named once at the call
 * instead of a cast after it. `one`/`scalar` are for rows that must exist (a count, a row the
 * caller just wrote): a missing row is a bug, so it throws instead of returning undefined
 * and failing later somewhere less obvious.
 *
 * Statements that stream (`iterate`) or are bound once and run in a loop stay as
 * `db.prepare` at their call site: a cached statement is shared and cannot iterate while
 * the same SQL runs elsewhere.
 */
export interface Query {
  /** The first row, or undefined. */
  get<Row>(sql: string, ...params: unknown[]): Row | undefined;
  /** The first row, which must exist. */
  one<Row>(sql: string, ...params: unknown[]): Row;
  all<Row>(sql: string, ...params: unknown[]): Row[];
  /** The first column of the first row, or undefined. */
  value<T>(sql: string, ...params: unknown[]): T | undefined;
  /** The first column of the first row, which must exist (count(*), COALESCE(SUM…)). */
  scalar<T>(sql: string, ...params: unknown[]): T;
  /** The first column of every row. */
  column<T>(sql: string, ...params: unknown[]): T[];
  run(sql: string, ...params: unknown[]): RunResult;
}

const byDb = new WeakMap<Db, Query>();

export function query(db: Db): Query {
  let q = byDb.get(db);
  if (!q) {
    q = makeQuery(db);
    byDb.set(db, q);
  }
  return q;
}

function makeQuery(db: Db): Query {
  const must = <T>(v: T | undefined, sql: string): T => {
    if (v === undefined) throw new Error(`query returned no row: ${sql.replace(/\s+/g, ' ').slice(0, 120)}`);
    return v;
  };
  return {
    get: <Row>(sql: string, ...params: unknown[]) => prepared(db, sql).get(...params) as Row | undefined,
    one: <Row>(sql: string, ...params: unknown[]) => must(prepared(db, sql).get(...params) as Row | undefined, sql),
    all: <Row>(sql: string, ...params: unknown[]) => prepared(db, sql).all(...params) as Row[],
    value: <T>(sql: string, ...params: unknown[]) => preparedPluck(db, sql).get(...params) as T | undefined,
    scalar: <T>(sql: string, ...params: unknown[]) => must(preparedPluck(db, sql).get(...params) as T | undefined, sql),
    column: <T>(sql: string, ...params: unknown[]) => preparedPluck(db, sql).all(...params) as T[],
    run: (sql: string, ...params: unknown[]) => prepared(db, sql).run(...params),
  };
}
