/**
 * A year's ledger exported to CSV and to XLSX, each run in a child process so that its
 * peak memory is measured on its own (the kernel's VmHWM, which includes Node itself: the process's
 * size before the export is reported beside it). The child is export-main.ts bundled
 * with esbuild and run by plain Node, as the app runs its export path; through tsx the
 * child held about 135 MB before exporting, 80 MB of it tsx's compiler. If bundling
 * fails, the tsx child (export-job.ts) runs instead and says so. Repeated while the
 * time budget lasts; a run far past its target is stopped and reported as such.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForNode } from '../../helpers/bundle.js';
import { ROOT } from '../optional.js';
import type { BenchDb } from '../build/database.js';
import { TIME_ZONE } from '../build/database.js';
import type { BenchConfig } from '../config.js';
import { mb, ms, type CaseResult } from '../result.js';
import { runChild } from '../spawn-child.js';
import { summarize } from '../stats.js';
import type { ExportJobResult } from './export-measure.js';

export async function exportCases(bench: BenchDb, cfg: BenchConfig): Promise<CaseResult[]> {
  // The history's last 365 days: a year of the store's ledger.
  const to = bench.dates[bench.dates.length - 1]!;
  const from = bench.dates[Math.max(0, bench.dates.length - 365)]!;
  const results: CaseResult[] = [];
  let child: ReturnType<typeof bundleForNode> | null = null;
  try {
    child = bundleForNode(join(ROOT, 'tests', 'bench', 'cases', 'export-main.ts'));
  } catch (e) {
    console.error(`export child not bundled, running it through tsx: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    results.push(...(await exportRuns(bench, cfg, from, to, child?.file)));
  } finally {
    child?.cleanup();
  }
  return results;
}

async function exportRuns(bench: BenchDb, cfg: BenchConfig, from: string, to: string, entry: string | undefined): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [format, runsWanted, limitMs] of [
    ['csv', cfg.exportCsvRuns, 5_000],
    ['xlsx', cfg.exportXlsxRuns, 30_000],
  ] as const) {
    const out = join(bench.dataDir, `ledger-year.${format}`);
    const runs: ExportJobResult[] = [];
    const rawRuns: ExportJobResult[] = [];
    let stopped: string | null = null;
    let spent = 0;
    // Up to the wanted runs, but stop repeating once the runs took 4× the target.
    while (runs.length < runsWanted && spent < 4 * limitMs) {
      const r = await runChild<ExportJobResult>('export', { dbFile: bench.file, format, from, to, out, timeZone: TIME_ZONE }, 10 * limitMs, entry);
      // CSV: the raw baseline right after (same SELECT, the same bytes written), in the bundled child.
      if (r.ok && format === 'csv' && entry) {
        const raw = await runChild<ExportJobResult>(
          'export-raw',
          { dbFile: bench.file, format, from, to, out: `${out}.raw`, bytesFile: out, timeZone: TIME_ZONE },
          10 * limitMs,
          entry,
        );
        if (raw.ok) rawRuns.push(raw.value);
        rmSync(`${out}.raw`, { force: true });
      }
      rmSync(out, { force: true });
      spent += r.ms;
      if (!r.ok) {
        stopped = r.error;
        break;
      }
      runs.push(r.value);
    }
    const base = { id: `export-${format}`, target: `≤ ${limitMs / 1000} s, peak memory ≤ 300 MB` };
    if (runs.length === 0) {
      results.push({
        ...base,
        title: `Export a year's ledger, ${format.toUpperCase()}`,
        size: `${from} … ${to}`,
        figure: `did not finish: ${stopped ?? '?'}`,
        met: false,
        data: { stopped },
      });
      continue;
    }
    const t = summarize(runs.map((r) => r.ms));
    const cpu = summarize(runs.map((r) => r.cpuMs));
    const peak = Math.max(...runs.map((r) => r.maxRss));
    const first = runs[0]!;
    const raw = rawRuns.length > 0 ? { t: summarize(rawRuns.map((x) => x.ms)), cpu: summarize(rawRuns.map((x) => x.cpuMs)) } : null;
    const ratio = raw ? t.median / raw.t.median : null;
    const wanted = format === 'csv' ? { ms: 3_000, peak: 200 * 1024 * 1024, ratio: 1.5 } : { ms: 10_000, peak: 250 * 1024 * 1024, ratio: Infinity };
    results.push({
      ...base,
      title: `Export a year's ledger, ${format.toUpperCase()} (${first.via})`,
      size: `${first.rows.toLocaleString('en')} rows (${from} … ${to})`,
      figure: `median ${ms(t.median)} (${runs.length} run${runs.length > 1 ? 's' : ''}); peak RSS ${mb(peak)}`,
      target: `≤ ${wanted.ms / 1000} s, peak memory ≤ ${wanted.peak / 1024 / 1024} MB${format === 'csv' ? ', ≤ 1.5× raw' : ''}`,
      met: t.median <= wanted.ms && peak <= wanted.peak && (ratio ?? 0) <= wanted.ratio,
      cpuFigure: `median ${ms(cpu.median)} (all threads)`,
      metOnCpu: cpu.median <= wanted.ms && peak <= wanted.peak && (raw ? cpu.median / raw.cpu.median : 0) <= wanted.ratio,
      ...(raw && ratio !== null
        ? {
            vsRaw: `wall ${ratio.toFixed(2)}× raw (${ms(raw.t.median)}), CPU ${(cpu.median / raw.cpu.median).toFixed(2)}× raw (${ms(raw.cpu.median)}): same SELECT, same bytes written`,
          }
        : {}),
      note: `file ${mb(first.bytes)}; the process was ${mb(first.rssBefore)} before the export started${stopped ? `; a later run ${stopped}` : ''}`,
      data: { runs, summary: t, peakRss: peak, from, to, stopped, rawRuns },
    });
  }
  return results;
}
