/** The dashboard's other tables: rule items most awarded, the honour board, points per day. */
import type { Sql } from '../db/engine.js';

export interface Range {
  from?: string | null;
  to?: string | null;
}

const inRange = (col: string) => `($1::date IS NULL OR ${col} >= $1::date) AND ($2::date IS NULL OR ${col} <= $2::date)`;

export async function topRules(sql: Sql, range: Range, limit = 20) {
  return sql.query<{ rule_code: string; rule_title: string; direction: string; entries: number; points: number; villages: number }>(
    `SELECT rule_code, min(rule_title) AS rule_title, direction, sum(entries)::float8 AS entries, sum(points)::float8 AS points,
            count(DISTINCT village_code)::int AS villages
     FROM rule_days WHERE ${inRange('business_date')} GROUP BY rule_code, direction ORDER BY entries DESC, points DESC LIMIT $3`,
    [range.from ?? null, range.to ?? null, limit],
  );
}

export async function honourBoard(sql: Sql, range: Range, page: { limit: number; offset: number }) {
  const [count] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM household_days WHERE ${inRange('business_date')} GROUP BY village_code, household_id) x`,
    [range.from ?? null, range.to ?? null],
  );
  const rows = await sql.query<{ village_code: string; village_name: string; number: string; head_name: string; awarded: number }>(
    `SELECT h.village_code, s.village_name, h.number, h.head_name, h.awarded FROM (
       SELECT village_code, household_id, max(number) AS number, max(head_name) AS head_name, sum(awarded)::float8 AS awarded
       FROM household_days WHERE ${inRange('business_date')} GROUP BY village_code, household_id) h
     JOIN stores s ON s.village_code = h.village_code
     ORDER BY h.awarded DESC, h.village_code, h.number LIMIT $3 OFFSET $4`,
    [range.from ?? null, range.to ?? null, page.limit, page.offset],
  );
  return { total: count?.n ?? 0, rows };
}

export async function daily(sql: Sql, range: Range) {
  return sql.query<{ date: string; receipts: number; redeemed: number; awarded: number; villages: number }>(
    `SELECT business_date::text AS date, sum(receipts)::float8 AS receipts, sum(redeemed)::float8 AS redeemed,
            sum(awarded)::float8 AS awarded, count(*)::int AS villages
     FROM village_days WHERE ${inRange('business_date')} GROUP BY business_date ORDER BY business_date`,
    [range.from ?? null, range.to ?? null],
  );
}
