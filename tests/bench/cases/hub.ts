/**
 * The township hub at county scale: a year of day reports from 1,000 villages (365,000
 * generated reports in the real signed format, through the real ingest: signature,
 * continuity, summary check, facts), on a real PostgreSQL server and on the embedded
 * engine; then the dashboard's queries at that size (p95 over repeated runs).
 *
 * Sizes: BENCH_HUB_VILLAGES and BENCH_HUB_DAYS (default 1000 × 365; --quick 40 × 20);
 * BENCH_HUB_ENGINES=postgres,pglite; BENCH_HUB_PARALLEL (transactions in flight: 4 on the
 * server, 1 on PGlite) and BENCH_HUB_BATCH (reports per transaction, 25). `npm run bench:hub`
 * runs these cases alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../hub/db/engine.js';
import { openHub } from '../../../hub/db/open-hub.js';
import { dateRange, DemoVillage, demoVillageCode } from '../../../hub/demo/generate.js';
import { ingestRound } from '../../../hub/ingest/import-path.js';
import { registerStore } from '../../../hub/registry.js';
import { loadTable } from '../../../hub/server/tables.js';
import { postgresUnavailable, startTestPostgres } from '../../helpers/postgres.js';
import type { BenchConfig } from '../config.js';
import { ms, type CaseResult } from '../result.js';

const INGEST_TARGET = 200;
const QUERY_TARGET_MS = 200;

function sizes(cfg: BenchConfig): { villages: number; days: number } {
  const quick = cfg.mode === 'quick';
  return {
    villages: Number(process.env.BENCH_HUB_VILLAGES ?? (quick ? 40 : 1000)),
    days: Number(process.env.BENCH_HUB_DAYS ?? (quick ? 20 : 365)),
  };
}

function rowsIn(text: string): number {
  const body = JSON.parse((JSON.parse(text) as { body: string }).body) as { rows: Record<string, { rows: unknown[] }> };
  return Object.values(body.rows).reduce((n, t) => n + t.rows.length, 0);
}

async function ingestYear(engine: Engine, villages: number, days: number, concurrency: number, batch: number, log: (s: string) => void) {
  const gen = Array.from(
    { length: villages },
    // 99 villages to a township: a village committee code is 201-299, three digits.
    (_v, i) => new DemoVillage(demoVillageCode(1 + Math.floor(i / 99), 1 + (i % 99)), `村${i + 1}`, '基准镇', 300, 5000 + i, 1),
  );
  for (const v of gen) await registerStore(engine, v.registrationText);
  const dates = dateRange('2025-01-01', days);
  let reports = 0;
  let rows = 0;
  let ingestMs = 0;
  const months = new Set<string>();
  for (const [d, date] of dates.entries()) {
    // Generated (and signed) outside the timing: the figure is the hub's work alone.
    const texts = gen.map((v) => v.report(date));
    for (const t of texts) rows += rowsIn(t);
    const t0 = performance.now();
    // The import's own path: reports of distinct villages share transactions.
    const outs = await ingestRound(engine, texts.length, (k) => texts[k]!, months, { parallel: concurrency, batch });
    const wrong = outs.find((o) => o.outcome !== 'accepted');
    if (wrong) throw new Error(`bench report not accepted: ${JSON.stringify(wrong)}`);
    ingestMs += performance.now() - t0;
    reports += texts.length;
    if (d % 30 === 29) log(`    ${date}: ${reports.toLocaleString('en')} reports, ${(reports / (ingestMs / 1000)).toFixed(0)} reports/s so far`);
  }
  return { reports, rows, ingestMs, from: dates[0]!, to: dates.at(-1)! };
}

async function queryTimes(engine: Engine, from: string, to: string, rounds: number) {
  const month = { from: to.slice(0, 8) + '01', to };
  const queries: [string, () => Promise<unknown>][] = [
    ['villages', () => loadTable(engine, 'villages', { limit: 50, offset: 0 })],
    ['totals (all time)', () => loadTable(engine, 'totals', { limit: 50, offset: 0 })],
    ['totals (last month)', () => loadTable(engine, 'totals', { ...month, limit: 50, offset: 0 })],
    ['alerts page', () => loadTable(engine, 'alerts', { limit: 10, offset: 0 })],
    ['rules (last month)', () => loadTable(engine, 'rules', { ...month, limit: 10, offset: 0 })],
    ['honour board (last month)', () => loadTable(engine, 'honour', { ...month, limit: 10, offset: 0 })],
    ['daily chart (year)', () => loadTable(engine, 'daily', { from, to, limit: 400, offset: 0 })],
  ];
  const per: Record<string, number> = {};
  const all: number[] = [];
  for (const [name, q] of queries) {
    await q();
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      await q();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    per[name] = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!;
    all.push(...times);
  }
  all.sort((a, b) => a - b);
  return { p95: all[Math.min(all.length - 1, Math.floor(all.length * 0.95))]!, per };
}

export async function hubCases(cfg: BenchConfig, log: (s: string) => void): Promise<CaseResult[]> {
  const { villages, days } = sizes(cfg);
  const engines = (process.env.BENCH_HUB_ENGINES ?? 'postgres,pglite').split(',');
  const results: CaseResult[] = [];
  for (const kind of engines) {
    if (kind === 'postgres' && postgresUnavailable()) {
      log(`  hub on PostgreSQL not measured: ${postgresUnavailable()}`);
      continue;
    }
    const dir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
    const server = kind === 'postgres' ? await startTestPostgres() : null;
    const engine = await openHub(server ? { db: server.url } : { data: join(dir, 'hub') });
    const label = kind === 'postgres' ? 'PostgreSQL server' : 'embedded PGlite';
    try {
      // Four connections on the server (stores ingest independently); PGlite is one.
      const concurrency = Number(process.env.BENCH_HUB_PARALLEL ?? (kind === 'postgres' ? 4 : 1));
      const batch = Number(process.env.BENCH_HUB_BATCH ?? 25);
      const r = await ingestYear(engine, villages, days, concurrency, batch, log);
      const perSec = r.reports / (r.ingestMs / 1000);
      const size = `${villages.toLocaleString('en')} villages × ${days} days = ${r.reports.toLocaleString('en')} reports, ${r.rows.toLocaleString('en')} rows`;
      results.push({
        id: `hub-ingest-${kind}`,
        title: `Hub ingest, ${label}`,
        size,
        target: `≥ ${INGEST_TARGET} reports/s`,
        figure: `${perSec.toFixed(0)} reports/s, ${(r.rows / (r.ingestMs / 1000)).toFixed(0)} rows/s`,
        met: perSec >= INGEST_TARGET,
        note: `${concurrency} transaction(s) in flight of up to ${batch} reports; ${(r.ingestMs / 1000).toFixed(0)} s ingesting`,
        data: { ...r, perSec, concurrency, batch },
      });
      const q = await queryTimes(engine, r.from, r.to, cfg.mode === 'quick' ? 5 : 20);
      results.push({
        id: `hub-dashboard-${kind}`,
        title: `Hub dashboard queries, ${label}`,
        size,
        target: `p95 ≤ ${QUERY_TARGET_MS} ms`,
        figure: `p95 ${ms(q.p95)}`,
        met: q.p95 <= QUERY_TARGET_MS,
        note: Object.entries(q.per)
          .map(([k, v]) => `${k} ${ms(v)}`)
          .join(', '),
        data: q,
      });
    } finally {
      await engine.close();
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
