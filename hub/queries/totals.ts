/**
 * Totals per village and overall, for a period: what `hub totals --json` prints and the
 * dashboard shows. Sums come from village_days (one row per village and day); the
 * outstanding points and households are those at the end of each village's last reported
 * day up to the period's end, and so is the stock value (Σ stock × price at that day's end, as
 * the store's signed day-close summary gives it; null for a village whose last day came
 * from a store that did not send it yet). Yuan is the reference value in fen / 100.
 */
import type { Sql } from '../db/engine.js';

export interface VillageTotals {
  code: string;
  name: string;
  lastDay: string | null;
  households: number;
  awarded: number;
  deducted: number;
  redeemed: number;
  outstanding: number;
  receipts: number;
  voids: number;
  stockPoints: number | null;
  stockFen: number | null;
  stockYuan: number | null;
}

export type Sums = Omit<VillageTotals, 'code' | 'name' | 'lastDay' | 'stockPoints' | 'stockFen' | 'stockYuan'> & {
  /** Σ over the villages whose value is known. */
  stockPoints: number;
  stockFen: number;
  stockYuan: number;
};

export interface TotalsResult {
  villages: VillageTotals[];
  total: Sums & { lastDay: string | null };
}

export async function totals(sql: Sql, range: { from?: string | null; to?: string | null } = {}): Promise<TotalsResult> {
  const rows = await sql.query<{
    code: string;
    name: string;
    last_day: string | null;
    households: number | null;
    awarded: number | null;
    deducted: number | null;
    redeemed: number | null;
    outstanding: number | null;
    receipts: number | null;
    voids: number | null;
    stock_points: number | null;
    stock_fen: number | null;
  }>(
    `WITH r AS (
       SELECT village_code, sum(awarded) AS awarded, sum(deducted) AS deducted, sum(redeemed) AS redeemed,
              sum(receipts) AS receipts, sum(voids) AS voids
       FROM village_days WHERE ($1::date IS NULL OR business_date >= $1::date) AND ($2::date IS NULL OR business_date <= $2::date)
       GROUP BY village_code)
     SELECT s.village_code AS code, s.village_name AS name, last.business_date::text AS last_day, last.households,
            r.awarded::float8 AS awarded, r.deducted::float8 AS deducted, r.redeemed::float8 AS redeemed,
            last.outstanding::float8 AS outstanding, r.receipts::float8 AS receipts, r.voids::float8 AS voids,
            last.stock_points::float8 AS stock_points, last.stock_fen::float8 AS stock_fen
     FROM stores s
     LEFT JOIN r ON r.village_code = s.village_code
     LEFT JOIN LATERAL (
       SELECT d.business_date, d.households, d.outstanding, d.stock_points, d.stock_fen FROM village_days d
       WHERE d.village_code = s.village_code AND ($2::date IS NULL OR d.business_date <= $2::date)
       ORDER BY d.business_date DESC LIMIT 1) last ON true
     ORDER BY s.village_code`,
    [range.from ?? null, range.to ?? null],
  );
  const villages: VillageTotals[] = rows.map((r) => ({
    code: r.code,
    name: r.name,
    lastDay: r.last_day,
    households: r.households ?? 0,
    awarded: r.awarded ?? 0,
    deducted: r.deducted ?? 0,
    redeemed: r.redeemed ?? 0,
    outstanding: r.outstanding ?? 0,
    receipts: r.receipts ?? 0,
    voids: r.voids ?? 0,
    stockPoints: r.stock_points,
    stockFen: r.stock_fen,
    stockYuan: r.stock_fen === null ? null : r.stock_fen / 100,
  }));
  const total: TotalsResult['total'] = {
    lastDay: null,
    households: 0,
    awarded: 0,
    deducted: 0,
    redeemed: 0,
    outstanding: 0,
    receipts: 0,
    voids: 0,
    stockPoints: 0,
    stockFen: 0,
    stockYuan: 0,
  };
  for (const v of villages) {
    for (const k of ['households', 'awarded', 'deducted', 'redeemed', 'outstanding', 'receipts', 'voids'] as const) total[k] += v[k];
    total.stockPoints += v.stockPoints ?? 0;
    total.stockFen += v.stockFen ?? 0;
    if (v.lastDay && (!total.lastDay || v.lastDay > total.lastDay)) total.lastDay = v.lastDay;
  }
  total.stockYuan = total.stockFen / 100;
  return { villages, total };
}
