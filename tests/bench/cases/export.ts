/**
 * A year's ledger exported to CSV and to XLSX, each in a child process so that its peak
 * memory is measured on its own (maxRSS, which includes Node itself: reported beside it).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchDb } from '../build/database.js';
import { TIME_ZONE } from '../build/database.js';
import type { BenchConfig } from '../config.js';
import { ROOT } from '../optional.js';
import { mb, ms, type CaseResult } from '../result.js';
import { summarize } from '../stats.js';

interface ChildResult {
  ms: number;
  rows: number;
  bytes: number;
  rssBefore: number;
  maxRss: number;
  via: string;
}

const PEAK_LIMIT = 300 * 1024 * 1024;

function runChild(args: Record<string, unknown>): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'bench', 'export-child.ts'), JSON.stringify(args)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

export function exportCases(bench: BenchDb, cfg: BenchConfig): CaseResult[] {
  // The history's last 365 days: a year of the store's ledger.
  const to = bench.dates[bench.dates.length - 1]!;
  const from = bench.dates[Math.max(0, bench.dates.length - 365)]!;
  const results: CaseResult[] = [];
  for (const [format, runsWanted, limitMs] of [
    ['csv', cfg.exportCsvRuns, 5_000],
    ['xlsx', cfg.exportXlsxRuns, 30_000],
  ] as const) {
    const out = join(bench.dataDir, `ledger-year.${format}`);
    const runs: ChildResult[] = [];
    for (let i = 0; i < runsWanted; i++) {
      runs.push(runChild({ dbFile: bench.file, format, from, to, out, timeZone: TIME_ZONE }));
      rmSync(out, { force: true });
    }
    const t = summarize(runs.map((r) => r.ms));
    const peak = Math.max(...runs.map((r) => r.maxRss));
    const first = runs[0]!;
    results.push({
      id: `export-${format}`,
      title: `Export a year's ledger, ${format.toUpperCase()} (${first.via})`,
      size: `${first.rows.toLocaleString('en')} rows (${from} … ${to})`,
      target: `≤ ${limitMs / 1000} s, peak memory ≤ 300 MB`,
      figure: `median ${ms(t.median)}; peak RSS ${mb(peak)}`,
      met: t.median <= limitMs && peak <= PEAK_LIMIT,
      note: `file ${mb(first.bytes)}; process RSS before the export ${mb(first.rssBefore)}`,
      data: { runs, summary: t, peakRss: peak, from, to },
    });
  }
  return results;
}
