/** The registered villages with their last reported day, whether they are overdue, and their gaps. */
import type { Sql } from '../db/engine.js';

export interface VillageView {
  code: string;
  name: string;
  township: string;
  fingerprint: string;
  lastDay: string | null;
  /** No report for longer than the allowed days (or none at all). */
  overdue: boolean;
  daysSinceLast: number | null;
  held: number;
}

export interface GapView {
  code: string;
  name: string;
  lastAccepted: string | null;
  /** The days the held reports wait for (each names one as the day before it). */
  missingDays: string[];
  heldDays: string[];
}

export async function villages(sql: Sql, opts: { today: string; overdueAfterDays: number }): Promise<VillageView[]> {
  const rows = await sql.query<{
    code: string;
    name: string;
    township: string;
    fingerprint: string;
    last_day: string | null;
    since: number | null;
    held: number;
  }>(
    `SELECT s.village_code AS code, s.village_name AS name, s.township_name AS township, s.fingerprint,
            l.d::text AS last_day, ($1::date - l.d)::int AS since,
            (SELECT count(*)::int FROM reports h WHERE h.village_code = s.village_code AND h.status = 'held') AS held
     FROM stores s
     LEFT JOIN LATERAL (SELECT max(business_date) AS d FROM village_days v WHERE v.village_code = s.village_code) l ON true
     ORDER BY s.village_code`,
    [opts.today],
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    township: r.township,
    fingerprint: r.fingerprint,
    lastDay: r.last_day,
    daysSinceLast: r.since,
    overdue: r.since === null || r.since > opts.overdueAfterDays,
    held: r.held,
  }));
}

export async function gaps(sql: Sql): Promise<GapView[]> {
  const rows = await sql.query<{ code: string; name: string; last_accepted: string | null; held_days: string[]; prev_dates: string[] }>(
    `SELECT s.village_code AS code, s.village_name AS name,
            (SELECT max(business_date)::text FROM reports a WHERE a.village_code = s.village_code AND a.status = 'accepted') AS last_accepted,
            array_agg(h.business_date::text ORDER BY h.business_date) AS held_days,
            array_agg(h.prev_date::text ORDER BY h.business_date) AS prev_dates
     FROM stores s JOIN reports h ON h.village_code = s.village_code AND h.status = 'held'
     GROUP BY s.village_code, s.village_name ORDER BY s.village_code`,
  );
  return rows.map((r) => {
    const held = new Set(r.held_days);
    const missing = [...new Set(r.prev_dates.filter((d) => d !== null && !held.has(d)))].sort();
    return { code: r.code, name: r.name, lastAccepted: r.last_accepted, missingDays: missing, heldDays: r.held_days };
  });
}
