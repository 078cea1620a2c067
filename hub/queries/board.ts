/** The dashboard's other tables: rule items most awarded, the honour board, points per day. */
import type { Sql } from '../db/engine.js';

export interface Range {
  from?: string | null;
  to?: string | null;
}

const inRange = (col: string) => `($1::date IS NULL OR ${col} >= $1::date) AND ($2::date IS NULL OR ${col} <= $2::date)`;

/**
 * The monthly roll-ups' rows (rule_months, household_months: schema migration 4) that a
 * range needs, as SQL over `$1` (from) and `$2` (to): each month row whose days the range
 * covers is read whole; for one the range cuts into (a month's first or last days outside
 * it), that row's day rows inside the range are read instead. So the result equals
 * grouping the day rows of the range, for any range, while a month's query reads about
 * one row per village and item (or household) instead of one per day.
 */
function rolledUp(months: string, days: string, key: string[], cols: string[]): string {
  const covered = `($1::date IS NULL OR m.first_day >= $1::date) AND ($2::date IS NULL OR m.last_day <= $2::date)`;
  return `WITH m AS (
      SELECT * FROM ${months} m
      WHERE ($1::date IS NULL OR m.month >= date_trunc('month', $1::date)::date) AND ($2::date IS NULL OR m.month <= $2::date)
        AND ($1::date IS NULL OR m.last_day >= $1::date) AND ($2::date IS NULL OR m.first_day <= $2::date)
    ), picked AS (
      SELECT ${['village_code', ...key, ...cols].map((c) => `m.${c}`).join(', ')} FROM m WHERE ${covered}
      UNION ALL
      SELECT ${['village_code', ...key, ...cols].map((c) => `d.${c}`).join(', ')}
      FROM m JOIN ${days} d ON d.village_code = m.village_code AND ${key.map((k) => `d.${k} = m.${k}`).join(' AND ')}
        AND d.business_date >= m.first_day AND d.business_date <= m.last_day
      WHERE NOT (${covered}) AND ${inRange('d.business_date')}
    )`;
}

export async function topRules(sql: Sql, range: Range, limit = 20) {
  return sql.query<{ rule_code: string; rule_title: string; direction: string; entries: number; points: number; villages: number }>(
    `${rolledUp('rule_months', 'rule_days', ['rule_code', 'direction'], ['rule_title', 'entries', 'points'])}
     SELECT rule_code, min(rule_title) AS rule_title, direction, sum(entries)::float8 AS entries, sum(points)::float8 AS points,
            count(DISTINCT village_code)::int AS villages
     FROM picked GROUP BY rule_code, direction ORDER BY entries DESC, points DESC, rule_code, direction LIMIT $3`,
    [range.from ?? null, range.to ?? null, limit],
  );
}

/**
 * The month a range's board can read straight from household_months: from and to in the
 * same month, and no day reported in that month outside them (every household day has
 * its village day, so village_days' first and last day of the month bound them all). The
 * month's rows are then the board's rows, one per household, and its first page is the
 * first entries of the household_months_board index.
 */
async function wholeMonth(sql: Sql, range: Range): Promise<string | null> {
  const { from, to } = range;
  if (!from || !to || from.slice(0, 7) !== to.slice(0, 7) || from > to) return null;
  const month = `${from.slice(0, 7)}-01`;
  const [span] = await sql.query<{ lo: string | null; hi: string | null }>(
    `SELECT min(business_date)::text AS lo, max(business_date)::text AS hi FROM village_days
     WHERE business_date >= $1::date AND business_date < ($1::date + interval '1 month')::date`,
    [month],
  );
  if (span?.lo && span.hi && (from > span.lo || to < span.hi)) return null;
  return month;
}

/** The honour board's page and the number of households on it. */
export async function honourBoard(sql: Sql, range: Range, page: { limit: number; offset: number }) {
  const month = await wholeMonth(sql, range);
  if (month) {
    const [count] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM household_months WHERE month = $1', [month]);
    const rows = await sql.query<{ village_code: string; village_name: string; number: string; head_name: string; awarded: number }>(
      `SELECT h.village_code, s.village_name, h.number, h.head_name, h.awarded::float8 AS awarded
       FROM household_months h JOIN stores s ON s.village_code = h.village_code
       WHERE h.month = $1 ORDER BY h.awarded DESC, h.village_code, h.number LIMIT $2 OFFSET $3`,
      [month, page.limit, page.offset],
    );
    return { total: count?.n ?? 0, rows };
  }
  // Any other range groups the roll-ups' rows it needs, counting the board in the same pass (count(*) OVER ()).
  const args = [range.from ?? null, range.to ?? null];
  const rows = await sql.query<{ village_code: string; village_name: string; number: string; head_name: string; awarded: number; total: number }>(
    `${rolledUp('household_months', 'household_days', ['household_id'], ['number', 'head_name', 'awarded'])}
     SELECT h.village_code, s.village_name, h.number, h.head_name, h.awarded, count(*) OVER ()::int AS total FROM (
       SELECT village_code, household_id, max(number) AS number, max(head_name) AS head_name, sum(awarded)::float8 AS awarded
       FROM picked GROUP BY village_code, household_id) h
     JOIN stores s ON s.village_code = h.village_code
     ORDER BY h.awarded DESC, h.village_code, h.number LIMIT $3 OFFSET $4`,
    [...args, page.limit, page.offset],
  );
  let total = rows[0]?.total;
  if (total === undefined) {
    // A page past the end has no row to carry the count.
    const [count] = await sql.query<{ n: number }>(
      `${rolledUp('household_months', 'household_days', ['household_id'], ['awarded'])}
       SELECT count(DISTINCT (village_code, household_id))::int AS n FROM picked`,
      args,
    );
    total = count?.n ?? 0;
  }
  return { total, rows: rows.map(({ total: _t, ...r }) => r) };
}

export async function daily(sql: Sql, range: Range) {
  return sql.query<{ date: string; receipts: number; redeemed: number; awarded: number; villages: number }>(
    `SELECT business_date::text AS date, sum(receipts)::float8 AS receipts, sum(redeemed)::float8 AS redeemed,
            sum(awarded)::float8 AS awarded, count(*)::int AS villages
     FROM village_days WHERE ${inRange('business_date')} GROUP BY business_date ORDER BY business_date`,
    [range.from ?? null, range.to ?? null],
  );
}
