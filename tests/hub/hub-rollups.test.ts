/**
 * The dashboard's rule items and honour board read monthly roll-ups (rule_months,
 * household_months) kept at ingest, and the alerts page reads forks and the rest as two
 * parts. On both engines, after importing two months of reports of three villages,
 * including a day replaced by a version that gained an award and a fork, each of them
 * returns exactly what the row-level queries they replaced return (kept below as the
 * reference), for whole months, ranges cutting into months, and no range at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportId, type ReportBody } from '../../db/reporting/format/report.js';
import type { Engine } from '../../hub/db/engine.js';
import { dateRange, DemoVillage, demoVillageCode } from '../../hub/demo/generate.js';
import { ingestTexts } from '../../hub/ingest/ingest.js';
import { alerts } from '../../hub/queries/alerts.js';
import { honourBoard, topRules, type Range } from '../../hub/queries/board.js';
import { registerStore } from '../../hub/registry.js';
import { tempDir } from '../helpers/core.js';
import { postgresUnavailable } from '../helpers/postgres.js';
import { openTestHub } from '../helpers/test-hub.js';

const work = tempDir('hub-rollups-');
afterAll(() => work.cleanup());

const pgMissing = postgresUnavailable();
if (pgMissing && (process.env.CI || process.env.HUB_REQUIRE_POSTGRES)) throw new Error(`the hub's PostgreSQL tests cannot run in CI: ${pgMissing}`);

const days = dateRange('2026-03-18', 26); // 2026-03-18 … 2026-04-12: two months, both cut
const inRange = (col: string) => `($1::date IS NULL OR ${col} >= $1::date) AND ($2::date IS NULL OR ${col} <= $2::date)`;

// The row-level queries the roll-ups replaced (hub/queries/board.ts before migration 4),
// with a tie-breaker added to the rule items' order so that both sides sort alike.
const OLD_RULES = `SELECT rule_code, min(rule_title) AS rule_title, direction, sum(entries)::float8 AS entries, sum(points)::float8 AS points,
    count(DISTINCT village_code)::int AS villages
  FROM rule_days WHERE ${inRange('business_date')} GROUP BY rule_code, direction ORDER BY entries DESC, points DESC, rule_code, direction LIMIT $3`;
const OLD_BOARD_COUNT = `SELECT count(*)::int AS n FROM (SELECT 1 FROM household_days WHERE ${inRange('business_date')} GROUP BY village_code, household_id) x`;
const OLD_BOARD = `SELECT h.village_code, s.village_name, h.number, h.head_name, h.awarded FROM (
    SELECT village_code, household_id, max(number) AS number, max(head_name) AS head_name, sum(awarded)::float8 AS awarded
    FROM household_days WHERE ${inRange('business_date')} GROUP BY village_code, household_id) h
  JOIN stores s ON s.village_code = h.village_code
  ORDER BY h.awarded DESC, h.village_code, h.number LIMIT $3 OFFSET $4`;
const OLD_ALERTS = `SELECT a.id::int AS id, a.village_code AS code, s.village_name AS name, a.business_date::text AS date, a.kind, a.report_id, a.detail
  FROM alerts a JOIN stores s ON s.village_code = a.village_code
  WHERE ($1::text IS NULL OR a.kind = $1)
  ORDER BY (a.kind = 'fork') DESC, a.business_date DESC, a.id DESC LIMIT $2 OFFSET $3`;

/** The version 1 of a day that its version 2 (the generated day) extends: the ledger cut before its last award. */
function withoutLastAward(body: ReportBody): void {
  const L = body.rows.ledger;
  const kind = L.columns.indexOf('kind');
  const amount = L.columns.indexOf('amount');
  const i = L.rows.findLastIndex((r) => r[kind] === 'award');
  if (i < 0) throw new Error('the generated day has no award to drop');
  for (const row of L.rows.splice(i)) {
    const a = Number(row[amount]);
    body.summary.points.rows -= 1;
    if (a > 0) body.summary.points.posted -= a;
    else body.summary.points.deducted += a;
    body.summary.points.net -= a;
  }
}

/** Three villages' days; village 0 reports a day of each month twice (version 1 short of an award, then version 2), village 2 forks once. */
function reports(): { registrations: string[]; texts: string[] } {
  const villages = Array.from({ length: 3 }, (_v, i) => new DemoVillage(demoVillageCode(5, 1 + i), `卷${i + 1}村`, '汇总镇', 12, 900 + i));
  // The same store generated again (same seed and key): it signs the days' second versions.
  const twin = new DemoVillage(villages[0]!.code, villages[0]!.name, '汇总镇', 12, 900, 1, villages[0]);
  const replaced = new Set(['2026-03-25', '2026-04-06']);
  const texts: string[] = [];
  for (const date of days) {
    for (const [i, v] of villages.entries()) {
      if (i === 2 && date === '2026-04-08') v.forgeSealHead();
      texts.push(v.report(date, i === 0 && replaced.has(date) ? withoutLastAward : undefined));
    }
    const second = twin.report(date, (body) => {
      body.version = 2;
      body.reportId = reportId(body.villageCode, date, 2);
      body.replaces = reportId(body.villageCode, date, 1);
    });
    if (replaced.has(date)) texts.push(second);
  }
  return { registrations: villages.map((v) => v.registrationText), texts };
}

const RANGES: Range[] = [
  { from: null, to: null },
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-04-01', to: '2026-04-12' },
  { from: '2026-04-01', to: '2026-04-06' },
  { from: '2026-03-20', to: '2026-04-03' },
  { from: '2026-03-25', to: '2026-03-25' },
  { from: '2026-04-07', to: null },
  { from: null, to: '2026-03-24' },
];

describe.each([
  { engine: 'pglite', skip: false },
  { engine: 'postgres', skip: pgMissing !== null },
])('monthly roll-ups on $engine', ({ engine: kind, skip }) => {
  let hub: Engine;
  let closeHub: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    if (skip) return;
    ({ hub, close: closeHub } = await openTestHub(kind, work.dir));
    const { registrations, texts } = reports();
    for (const r of registrations) await registerStore(hub, r);
    const out = await ingestTexts(hub, texts);
    const outcomes = out.map((o) => o.outcome);
    // Every day accepted (the two second versions too), but the forked store's day and the ones after it.
    expect(outcomes.filter((o) => o === 'fork')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(texts.length - 1 - 4);
  }, 240_000);

  afterAll(async () => {
    await closeHub?.();
  });

  it.skipIf(skip)('the replaced days are version 2, and the roll-ups are what grouping the day rows gives', async () => {
    const versions = await hub.query<{ d: string; version: number; status: string }>(
      `SELECT business_date::text AS d, version, status FROM reports WHERE village_code = $1 AND business_date IN ('2026-03-25', '2026-04-06') ORDER BY 1, 2`,
      [demoVillageCode(5, 1)],
    );
    expect(versions.map((r) => `${r.d} ${r.version} ${r.status}`)).toEqual([
      '2026-03-25 1 superseded',
      '2026-03-25 2 accepted',
      '2026-04-06 1 superseded',
      '2026-04-06 2 accepted',
    ]);
    const [n] = await hub.query<{ rules: number; households: number }>(
      'SELECT (SELECT count(*)::int FROM rule_months) AS rules, (SELECT count(*)::int FROM household_months) AS households',
    );
    expect(n!.rules).toBeGreaterThan(0);
    expect(n!.households).toBeGreaterThan(0);
    // What ingest kept equals what migration 4 builds from the day rows.
    expect(await hub.query('SELECT * FROM rule_months ORDER BY village_code, month, rule_code, direction')).toEqual(
      await hub.query(`SELECT village_code, date_trunc('month', business_date)::date AS month, rule_code, direction, min(rule_title) AS rule_title,
           sum(entries)::bigint AS entries, sum(points)::bigint AS points, min(business_date) AS first_day, max(business_date) AS last_day
           FROM rule_days GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`),
    );
    expect(await hub.query('SELECT * FROM household_months ORDER BY village_code, month, household_id')).toEqual(
      await hub.query(`SELECT village_code, date_trunc('month', business_date)::date AS month, household_id, max(number) AS number, max(head_name) AS head_name,
           sum(awarded)::bigint AS awarded, min(business_date) AS first_day, max(business_date) AS last_day
           FROM household_days GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    );
  });

  it.skipIf(skip)(
    'rule items and the honour board equal the row-level queries for every range',
    async () => {
      for (const range of RANGES) {
        const args = [range.from ?? null, range.to ?? null];
        expect(await topRules(hub, range, 1000), JSON.stringify(range)).toEqual(await hub.query(OLD_RULES, [...args, 1000]));
        const [count] = await hub.query<{ n: number }>(OLD_BOARD_COUNT, args);
        expect(count!.n).toBeGreaterThan(0);
        for (const page of [
          { limit: 10_000, offset: 0 },
          { limit: 7, offset: 5 },
          { limit: 5, offset: count!.n - 3 },
          { limit: 5, offset: count!.n + 2 },
        ]) {
          const board = await honourBoard(hub, range, page);
          expect(board, `${JSON.stringify(range)} ${JSON.stringify(page)}`).toEqual({
            total: count!.n,
            rows: await hub.query(OLD_BOARD, [...args, page.limit, page.offset]),
          });
        }
      }
    },
    120_000,
  );

  it.skipIf(skip)(
    'the alerts page lists forks first, then the rest newest first, page by page as the one sorted query did',
    async () => {
      const [n] = await hub.query<{ n: number; forks: number }>("SELECT count(*)::int AS n, count(*) FILTER (WHERE kind = 'fork')::int AS forks FROM alerts");
      expect(n!.forks).toBe(1);
      expect(n!.n).toBeGreaterThan(3);
      const gapsFirst = (await alerts(hub, { kind: 'gap', limit: 1000 })).total;
      for (const kind of [null, 'fork', 'after_hours']) {
        for (let offset = 0; offset < n!.n + gapsFirst + 2; offset += 3) {
          const page = await alerts(hub, { kind, limit: 3, offset });
          const shift = kind === null ? gapsFirst : 0;
          const old = await hub.query<{ id: number; code: string; name: string; date: string; kind: string; report_id: string; detail: unknown }>(OLD_ALERTS, [
            kind,
            3,
            Math.max(0, offset - shift),
          ]);
          const fromOld = old.map((r) => ({ id: r.id, code: r.code, name: r.name, date: r.date, kind: r.kind, reportId: r.report_id, detail: r.detail }));
          expect(
            page.rows.filter((r) => r.kind !== 'gap'),
            `${kind} ${offset}`,
          ).toEqual(fromOld.slice(0, 3 - page.rows.filter((r) => r.kind === 'gap').length));
        }
      }
    },
    120_000,
  );
});
