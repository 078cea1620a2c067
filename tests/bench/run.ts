/**
 * `npm run bench` — speed at the counter and at county scale (issue 8).
 *
 *   npm run bench                 full run: 100k households, 5M ledger rows (~10-15 min)
 *   npm run bench -- --quick      small sizes, to try it out (also BENCH_QUICK=1)
 *   npm run bench -- --readme     also write the table into README.md's Performance section
 *   npm run bench -- --keep       keep the generated database folder (also BENCH_KEEP=1)
 *   npm run bench -- --quick --only=redemption,day-close
 *                                 only these steps (size, lookup, search, verify, redemption,
 *                                 fast-verify, day-close, export, browser, hub): for working on
 *                                 one case. The day close closes the redemption step's day, and
 *                                 without the verify step's checkpoint it runs a full verify:
 *                                 time it with --only=verify,redemption,day-close.
 *   npm run bench -- --quick --redemptions=5000 --households=20000 --keep --only=verify,redemption,fast-verify,day-close
 *                                 the full run's busy day (5,000 receipts) on the quick database:
 *                                 the start-up fast path and the day close at their real tail
 *   npm run bench -- --rewrite-readme
 *                                 re-render README.md's section from bench-results/latest.json
 *                                 (a full run's) and tests/bench/FINDINGS.md, without running
 *
 * Builds the county database once into a temporary folder, runs every case on it, prints
 * the table and writes bench-results/latest.json and latest.md. Never part of `npm test`;
 * a missed target is reported, never an exit code.
 */
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../db/core.js';
import { seededRandom } from '../../db/demo/village.js';
import { buildDatabase } from './build/database.js';
import { browserCases } from './cases/browser.js';
import { dayCloseCase } from './cases/day-close.js';
import { exportCases } from './cases/export.js';
import { lookupCase } from './cases/lookup.js';
import { redemptionCase } from './cases/redemption.js';
import { searchCase } from './cases/search.js';
import { sizeCase } from './cases/size.js';
import { fastVerifyCase, fullVerifyCase } from './cases/verify.js';
import { hubCases } from './cases/hub.js';
import { readConfig } from './config.js';
import { describeMachine } from './machine.js';
import { ROOT } from './optional.js';
import { markdownTable, updateReadme, writeReport, type BenchReport } from './report.js';
import type { CaseResult } from './result.js';

const log = (s: string) => process.stdout.write(s + '\n');

const RESULTS = join(ROOT, 'bench-results');
// The README keeps the table; what the benchmark found (profiles, causes, what remains)
// lives in docs/performance.md, written by hand after a run.
const findings = () => ['What each case costs, what was changed and what limits the rest: [docs/performance.md](docs/performance.md).'];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--rewrite-readme')) {
    const rep = JSON.parse(readFileSync(join(RESULTS, 'latest.json'), 'utf8')) as BenchReport;
    if (rep.config.mode !== 'full') throw new Error('bench-results/latest.json is not from a full run');
    updateReadme(join(ROOT, 'README.md'), writeReport(RESULTS, rep, findings()).section);
    log('updated README.md (Performance section) from bench-results/latest.json');
    return;
  }
  const cfg = readConfig(argv, process.env);
  const machine = describeMachine();
  const started = performance.now();
  log(`bench (${cfg.mode}): ${machine.nproc} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, SQLite ${machine.sqlite}`);

  log('building the county database…');
  const bench = buildDatabase(cfg, log);
  log(
    `  built in ${(bench.build.totalMs / 1000).toFixed(1)} s: ${bench.ledgerRows.toLocaleString('en')} ledger rows, ${(bench.build.fileBytes / 1024 / 1024).toFixed(0)} MB`,
  );

  const results: CaseResult[] = [];
  const rand = seededRandom(8);
  const onlyArg = argv.find((a) => a.startsWith('--only='));
  const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
  const step = async (name: string, id: string, fn: () => CaseResult | CaseResult[] | Promise<CaseResult | CaseResult[]>) => {
    if (only && !only.has(id)) return;
    log(`${name}…`);
    const t0 = performance.now();
    const r = await fn();
    for (const c of Array.isArray(r) ? r : [r]) {
      results.push(c);
      log(
        `  ${c.title}: ${c.figure}${c.vsRaw ? ` | vs raw: ${c.vsRaw}` : ''} → ${c.met === null ? 'not measured' : c.met ? 'met' : 'MISSED'} (target ${c.target})`,
      );
    }
    log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  };

  try {
    await step('size', 'size', () => sizeCase(bench));
    // The core exactly as a host opens it: the app's pragmas (WAL, synchronous=FULL).
    const core = new Core({ dataDir: bench.dataDir });
    try {
      await step('lookup', 'lookup', () => lookupCase(core, bench, cfg, rand));
      await step('search', 'search', () => searchCase(core, bench, cfg, rand));
      await step('full verify', 'verify', () => fullVerifyCase(core, bench, cfg));
      await step('redemption', 'redemption', () => redemptionCase(core, bench, cfg, rand));
      await step('start-up verify (fast path)', 'fast-verify', () => fastVerifyCase(core, bench, cfg));
    } finally {
      core.close();
    }
    await step('day close', 'day-close', () => dayCloseCase(bench, cfg));
    await step('export', 'export', () => exportCases(bench, cfg));
    await step('browser', 'browser', () => browserCases(bench, cfg, rand, join(ROOT, 'bench-results')));
    await step('township hub', 'hub', () => hubCases(cfg, log));
  } finally {
    if (!cfg.keep) rmSync(bench.dataDir, { recursive: true, force: true });
    else log(`kept ${bench.dataDir}`);
  }

  const rep: BenchReport = {
    config: cfg,
    machine: { ...machine, loadAvgAtEnd: loadavg().map((x) => Math.round(x * 100) / 100) },
    build: bench.build,
    history: {
      kinds: bench.history.kinds,
      redemptions: bench.history.redemptions,
      redemptionLines: bench.history.redemptionLines,
      stockMovements: bench.history.stockMovements,
      days: bench.dates.length,
      first: bench.dates[0],
      last: bench.dates[bench.dates.length - 1],
    },
    totalSeconds: (performance.now() - started) / 1000,
    results,
  };
  log('');
  log(markdownTable(results));
  log('');
  // A partial run's table is no report: bench-results/ keeps the last whole run's.
  if (only) {
    log(`only ${[...only].join(', ')}: bench-results/ left as it was (${rep.totalSeconds.toFixed(0)} s in all)`);
    return;
  }
  const out = writeReport(RESULTS, rep, findings());
  log(`wrote ${out.json} and ${out.md} (${rep.totalSeconds.toFixed(0)} s in all)`);
  if (argv.includes('--readme')) {
    if (cfg.mode !== 'full') log('not writing README.md: its table must come from a full run');
    else {
      updateReadme(join(ROOT, 'README.md'), out.section);
      log('updated README.md (Performance section)');
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
