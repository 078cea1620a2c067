/**
 * What an accepted report adds to the dashboard's tables: the day's totals, its ledger
 * rows and receipts (partitioned by month), awards per rule item and per household, and
 * the signs of trouble found in its rows, and the day added to the monthly roll-ups of rule
 * items and households. A new version of a day replaces that day's derived rows and
 * rebuilds its month's roll-ups; the raw rows only grow (a re-closed day can only have
 * gained rows).
 */
import { localDateTime } from '../../db/domain/clock.js';
import type { ReportBody } from '../../db/reporting/format/report.js';
import type { Sql } from '../db/engine.js';
import { ensureMonth } from '../db/migrate.js';
import { col } from './read.js';

/** Thresholds for the alerts found in a day's rows. */
export const ALERT_RULES = {
  /** Voided receipts above this share of the day's receipts. */
  voidShare: 0.2,
  /** The store's opening hours (local time, HH:MM); a sale outside them is flagged. */
  opensAt: '07:00',
  closesAt: '21:00',
};

export const DATA_ALERT_KINDS = ['void_share', 'award_without_notice', 'deduction_at_floor', 'after_hours', 'own_household'] as const;

export interface DayTotals {
  households: number;
  awarded: number;
  deducted: number;
  redeemed: number;
  net: number;
  receipts: number;
  receiptPoints: number;
  voids: number;
  voidedPoints: number;
  ledgerRows: number;
  /** Stock value at the day's end (from the signed summary), or null when the store did not send it. */
  stockPoints: number | null;
  stockFen: number | null;
}

export function dayTotals(b: ReportBody): DayTotals {
  const L = b.rows.ledger;
  const kind = col(L, 'kind');
  const amount = col(L, 'amount');
  const t: DayTotals = {
    households: b.households,
    awarded: 0,
    deducted: 0,
    redeemed: 0,
    net: 0,
    receipts: 0,
    receiptPoints: 0,
    voids: 0,
    voidedPoints: 0,
    ledgerRows: L.rows.length,
    stockPoints: b.summary.closingStock?.points ?? null,
    stockFen: b.summary.closingStock?.fen ?? null,
  };
  for (const r of L.rows) {
    const a = Number(r[amount]);
    t.net += a;
    if (r[kind] === 'award') t.awarded += a;
    else if (r[kind] === 'deduction') t.deducted -= a;
    else if (r[kind] === 'redemption' || r[kind] === 'void') t.redeemed -= a;
  }
  const R = b.rows.redemptions;
  const total = col(R, 'total');
  t.receipts = R.rows.length;
  for (const r of R.rows) t.receiptPoints += Number(r[total]);
  t.voids = b.rows.voids.rows.length;
  for (const v of b.summary.voids as { points?: number }[]) t.voidedPoints += Number(v.points ?? 0);
  return t;
}

interface FoundAlert {
  kind: (typeof DATA_ALERT_KINDS)[number];
  detail: Record<string, unknown>;
}

export function findAlerts(b: ReportBody, t: DayTotals): FoundAlert[] {
  const out: FoundAlert[] = [];
  const L = b.rows.ledger;
  const [id, kind, amount, refType, balanceAfter] = ['id', 'kind', 'amount', 'ref_type', 'balance_after'].map((c) => col(L, c)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (t.voids > 0 && (t.receipts === 0 || t.voids / t.receipts > ALERT_RULES.voidShare)) {
    out.push({
      kind: 'void_share',
      detail: { voids: t.voids, receipts: t.receipts, share: t.receipts ? Math.round((t.voids / t.receipts) * 100) / 100 : null },
    });
  }
  const unnoticed = L.rows.filter((r) => r[kind] === 'award' && r[refType] !== 'entry');
  if (unnoticed.length) {
    out.push({
      kind: 'award_without_notice',
      detail: { rows: unnoticed.length, points: unnoticed.reduce((s, r) => s + Number(r[amount]), 0), firstRow: unnoticed[0]![id] },
    });
  }
  const floor = L.rows.filter((r) => r[kind] === 'deduction' && Number(r[balanceAfter]) === 0);
  const P = b.rows.entry_postings;
  const undeducted = P.rows.filter((r) => Number(r[col(P, 'undeducted_points')]) > 0).length;
  if (floor.length || undeducted) out.push({ kind: 'deduction_at_floor', detail: { rows: floor.length, undeducted, firstRow: floor[0]?.[id] ?? null } });

  const R = b.rows.redemptions;
  const [rNo, rAt, rOp, rHh] = ['receipt_no', 'created_at', 'operator_id', 'household_id'].map((c) => col(R, c)) as [number, number, number, number];
  const late = R.rows.filter((r) => {
    const hm = localDateTime(String(r[rAt]), b.timeZone).slice(11, 16);
    return hm < ALERT_RULES.opensAt || hm >= ALERT_RULES.closesAt;
  });
  if (late.length) out.push({ kind: 'after_hours', detail: { receipts: late.map((r) => r[rNo]), hours: `${ALERT_RULES.opensAt}–${ALERT_RULES.closesAt}` } });

  const opName = new Map(b.operators.map((o) => [o.id, o.name]));
  const people = new Map(b.householdsSeen.map((h) => [h.id, new Set([h.headName, ...h.memberNames])]));
  const own = R.rows.filter((r) => {
    const name = opName.get(Number(r[rOp]));
    return name !== undefined && (people.get(Number(r[rHh]))?.has(name) ?? false);
  });
  if (own.length)
    out.push({ kind: 'own_household', detail: { receipts: own.map((r) => r[rNo]), operators: [...new Set(own.map((r) => opName.get(Number(r[rOp]))))] } });
  return out;
}

/** The reports table's columns, in the order of a report row's values (ingest.ts, reportRow). */
export const REPORT_COLUMNS = 'village_code, business_date, version, report_id, status, prev_date, body_sha256, before_heads, after_heads, envelope';

/**
 * An accepted report's derived rows (and, given `report`, its reports row) as the parts of
 * one data-modifying CTE: each table's rows go in through unnest arrays, so a report costs
 * no round trip of its own however many tables it touches (a statement per table cost a
 * round trip each, most of an ingest's time). Values are added to `params`; `tag` keeps
 * the CTE names of several reports in one statement apart. `outstandingBefore`: the
 * balance sum at the end of the previous day. `rollUp`: add the day to the monthly
 * roll-ups (a replacement rebuilds its month's instead: rebuildMonth).
 */
function factParts(
  b: ReportBody,
  bodySha256: string,
  outstandingBefore: number,
  params: unknown[],
  tag: string,
  report?: unknown[],
  rollUp = true,
): { parts: string[]; totals: DayTotals } {
  const t = dayTotals(b);
  const p = (value: unknown) => `$${params.push(value)}`;
  const v = p(b.villageCode);
  const date = p(b.date);

  const L = b.rows.ledger;
  const lc = ['id', 'household_id', 'kind', 'amount', 'balance_after', 'operator_id', 'ref_type', 'ref_id', 'created_at', 'hash'].map((n) => col(L, n));
  const R = b.rows.redemptions;
  const rc = ['id', 'receipt_no', 'household_id', 'operator_id', 'total', 'created_at'].map((n) => col(R, n));

  // Rule items: the entries behind the day's postings.
  const E = b.rows.point_entries;
  const entries = new Map(E.rows.map((r) => [Number(r[col(E, 'id')]), r]));
  const rules = new Map<string, { code: string; title: string; direction: string; entries: number; points: number }>();
  const households = new Map<number, number>();
  const [kind, amount, refType, refId, hh] = ['kind', 'amount', 'ref_type', 'ref_id', 'household_id'].map((n) => col(L, n)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  for (const r of L.rows) {
    if (r[kind] === 'award') households.set(Number(r[hh]), (households.get(Number(r[hh])) ?? 0) + Number(r[amount]));
    if (r[refType] !== 'entry') continue;
    const e = entries.get(Number(r[refId]));
    if (!e) continue;
    const code = String(e[col(E, 'rule_code')]);
    const direction = String(e[col(E, 'direction')]);
    const k = `${code}\u0000${direction}`;
    const cur = rules.get(k) ?? { code, title: String(e[col(E, 'rule_title')]), direction, entries: 0, points: 0 };
    cur.entries++;
    cur.points += Math.abs(Number(r[amount]));
    rules.set(k, cur);
  }
  const ruleList = [...rules.values()];
  const seen = new Map(b.householdsSeen.map((h) => [h.id, h]));
  const hhIds = [...households.keys()];
  const found = findAlerts(b, t);

  const parts: string[] = [];
  if (report)
    parts.push(
      `r${tag} AS (INSERT INTO reports (${REPORT_COLUMNS}) VALUES (${v}, ${date}, ${report
        .slice(2)
        .map((x) => p(x))
        .join(', ')}))`,
    );
  parts.push(`d${tag} AS (INSERT INTO village_days (village_code, business_date, version, households, awarded, deducted, redeemed, net, outstanding, receipts,
       receipt_points, voids, voided_points, ledger_rows, stock_points, stock_fen) VALUES (${v}, ${date}, ${[
         b.version,
         t.households,
         t.awarded,
         t.deducted,
         t.redeemed,
         t.net,
         outstandingBefore + t.net,
         t.receipts,
         t.receiptPoints,
         t.voids,
         t.voidedPoints,
         t.ledgerRows,
         t.stockPoints,
         t.stockFen,
       ]
         .map((x) => p(x))
         .join(', ')}))`);
  if (L.rows.length) {
    const types = ['bigint', 'bigint', 'text', 'bigint', 'bigint', 'bigint', 'text', 'bigint', 'text', 'text'];
    parts.push(`l${tag} AS (INSERT INTO ledger_rows (village_code, business_date, id, household_id, kind, amount, balance_after, operator_id, ref_type, ref_id, created_at, hash)
       SELECT ${v}, ${date}, * FROM unnest(${lc.map((i, j) => `${p(L.rows.map((r) => r[i]))}::${types[j]}[]`).join(', ')}) ON CONFLICT DO NOTHING)`);
  }
  if (R.rows.length) {
    const types = ['bigint', 'text', 'bigint', 'bigint', 'bigint', 'text'];
    parts.push(`c${tag} AS (INSERT INTO receipts (village_code, business_date, id, receipt_no, household_id, operator_id, total, created_at)
       SELECT ${v}, ${date}, * FROM unnest(${rc.map((i, j) => `${p(R.rows.map((r) => r[i]))}::${types[j]}[]`).join(', ')}) ON CONFLICT DO NOTHING)`);
  }
  if (ruleList.length) {
    const cols = `${p(ruleList.map((x) => x.code))}::text[], ${p(ruleList.map((x) => x.title))}::text[], ${p(ruleList.map((x) => x.direction))}::text[],
         ${p(ruleList.map((x) => x.entries))}::int[], ${p(ruleList.map((x) => x.points))}::bigint[]`;
    parts.push(`u${tag} AS (INSERT INTO rule_days (village_code, business_date, rule_code, rule_title, direction, entries, points)
       SELECT ${v}, ${date}, * FROM unnest(${cols}))`);
    // The month's roll-up gains the day (sums, the least title as min() would give, the day span).
    if (rollUp)
      parts.push(`um${tag} AS (INSERT INTO rule_months (village_code, month, rule_code, rule_title, direction, entries, points, first_day, last_day)
       SELECT ${v}, date_trunc('month', ${date}::date)::date, x.c, x.t, x.d, x.e, x.p, ${date}::date, ${date}::date FROM unnest(${cols}) AS x(c, t, d, e, p)
       ON CONFLICT (village_code, month, rule_code, direction) DO UPDATE SET rule_title = LEAST(rule_months.rule_title, EXCLUDED.rule_title),
         entries = rule_months.entries + EXCLUDED.entries, points = rule_months.points + EXCLUDED.points,
         first_day = LEAST(rule_months.first_day, EXCLUDED.first_day), last_day = GREATEST(rule_months.last_day, EXCLUDED.last_day))`);
  }
  if (hhIds.length) {
    const cols = `${p(hhIds)}::bigint[], ${p(hhIds.map((i) => seen.get(i)?.number ?? String(i)))}::text[],
         ${p(hhIds.map((i) => seen.get(i)?.headName ?? ''))}::text[], ${p(hhIds.map((i) => households.get(i)!))}::bigint[]`;
    parts.push(`h${tag} AS (INSERT INTO household_days (village_code, business_date, household_id, number, head_name, awarded)
       SELECT ${v}, ${date}, * FROM unnest(${cols}))`);
    if (rollUp)
      parts.push(`hm${tag} AS (INSERT INTO household_months (village_code, month, household_id, number, head_name, awarded, first_day, last_day)
       SELECT ${v}, date_trunc('month', ${date}::date)::date, x.i, x.n, x.h, x.a, ${date}::date, ${date}::date FROM unnest(${cols}) AS x(i, n, h, a)
       ON CONFLICT (village_code, month, household_id) DO UPDATE SET number = GREATEST(household_months.number, EXCLUDED.number),
         head_name = GREATEST(household_months.head_name, EXCLUDED.head_name), awarded = household_months.awarded + EXCLUDED.awarded,
         first_day = LEAST(household_months.first_day, EXCLUDED.first_day), last_day = GREATEST(household_months.last_day, EXCLUDED.last_day))`);
  }
  if (found.length) {
    parts.push(`a${tag} AS (INSERT INTO alerts (village_code, business_date, kind, report_id, body_sha256, detail)
       SELECT ${v}, ${date}, k, ${p(b.reportId)}, ${p(bodySha256)}, d::jsonb FROM unnest(${p(found.map((a) => a.kind))}::text[], ${p(found.map((a) => JSON.stringify(a.detail)))}::text[]) AS x(k, d)
       ON CONFLICT DO NOTHING)`);
  }
  return { parts, totals: t };
}

/**
 * Stores an accepted report's derived rows (and, given `report`, its reports row) in one
 * statement (factParts). `replacing`: a new version of a day, whose derived rows replace
 * the old version's.
 */
export async function applyFacts(
  tx: Sql,
  b: ReportBody,
  bodySha256: string,
  outstandingBefore: number,
  months: Set<string> | undefined,
  replacing: boolean,
  report?: unknown[],
): Promise<DayTotals> {
  await ensureMonth(tx, b.date, months);
  if (replacing) {
    // A new version of a day replaces that day's derived rows (rare: a reopened day).
    await tx.query(
      `WITH a AS (DELETE FROM village_days WHERE village_code = $1 AND business_date = $2),
            b AS (DELETE FROM rule_days WHERE village_code = $1 AND business_date = $2),
            c AS (DELETE FROM household_days WHERE village_code = $1 AND business_date = $2)
       DELETE FROM alerts WHERE village_code = $1 AND business_date = $2 AND kind = ANY($3::text[])`,
      [b.villageCode, b.date, [...DATA_ALERT_KINDS]],
    );
  }
  const params: unknown[] = [];
  const { parts, totals } = factParts(b, bodySha256, outstandingBefore, params, '', report, !replacing);
  await tx.query(`WITH ${parts.join(',\n')} SELECT 1`, params);
  if (replacing) await rebuildMonth(tx, b.villageCode, b.date);
  return totals;
}

/**
 * Rebuilds a village's monthly roll-ups for the month of `date` from its day rows: after
 * a replacement the old version's day can no longer be subtracted exactly (a least title
 * or a greatest name may have come from it), so the month is summed again (some thirty
 * days of one village's rows).
 */
export async function rebuildMonth(tx: Sql, villageCode: string, date: string): Promise<void> {
  const args = [villageCode, date];
  await tx.query(
    `WITH a AS (DELETE FROM rule_months WHERE village_code = $1 AND month = date_trunc('month', $2::date)::date)
     DELETE FROM household_months WHERE village_code = $1 AND month = date_trunc('month', $2::date)::date`,
    args,
  );
  await tx.query(
    `WITH a AS (INSERT INTO rule_months (village_code, month, rule_code, direction, rule_title, entries, points, first_day, last_day)
       SELECT village_code, date_trunc('month', business_date)::date, rule_code, direction, min(rule_title), sum(entries), sum(points),
              min(business_date), max(business_date)
       FROM rule_days WHERE village_code = $1 AND business_date >= date_trunc('month', $2::date)::date
         AND business_date < (date_trunc('month', $2::date) + interval '1 month')::date
       GROUP BY 1, 2, 3, 4)
     INSERT INTO household_months (village_code, month, household_id, number, head_name, awarded, first_day, last_day)
       SELECT village_code, date_trunc('month', business_date)::date, household_id, max(number), max(head_name), sum(awarded),
              min(business_date), max(business_date)
       FROM household_days WHERE village_code = $1 AND business_date >= date_trunc('month', $2::date)::date
         AND business_date < (date_trunc('month', $2::date) + interval '1 month')::date
       GROUP BY 1, 2, 3`,
    args,
  );
}

/**
 * Several new reports' rows, gathered and then stored in one statement: a shared ingest
 * transaction sends one statement for all its plainly accepted reports instead of one each.
 * Only reports of distinct stores, none of which anything later in the transaction reads.
 */
export class FactsBatch {
  private readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  async add(tx: Sql, b: ReportBody, bodySha256: string, outstandingBefore: number, months: Set<string> | undefined, report: unknown[]): Promise<void> {
    await ensureMonth(tx, b.date, months);
    this.parts.push(...factParts(b, bodySha256, outstandingBefore, this.params, `_${this.parts.length}`, report).parts);
  }

  async flush(tx: Sql): Promise<void> {
    if (!this.parts.length) return;
    await tx.query(`WITH ${this.parts.join(',\n')} SELECT 1`, this.params);
    this.parts.length = 0;
    this.params.length = 0;
  }
}
