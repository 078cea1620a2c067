/**
 * The results as JSON (bench-results/latest.json) and as a markdown section
 * (bench-results/latest.md), which `--readme` also puts into README.md under
 * "## Performance" — that section only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchConfig } from './config.js';
import type { Machine } from './machine.js';
import type { CaseResult } from './result.js';

export interface BenchReport {
  config: BenchConfig;
  machine: Machine & { loadAvgAtEnd: number[] };
  build: Record<string, number>;
  history: Record<string, unknown>;
  totalSeconds: number;
  results: CaseResult[];
}

const cell = (s: string | undefined) => (s ?? '').replaceAll('|', '\\|');
const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : '**missed**');

export function markdownTable(results: readonly CaseResult[]): string {
  const lines = [
    '| Case | Size | Target | Measured (wall clock) | CPU time (≈ idle machine) | vs raw better-sqlite3 | Target (wall / CPU) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const cpu = r.metOnCpu === undefined ? '' : ` / ${verdict(r.metOnCpu)}`;
    lines.push(
      `| ${cell(r.title)} | ${cell(r.size)} | ${cell(r.target)} | ${cell(r.figure)} | ${cell(r.cpuFigure ?? '—')} | ${cell(r.vsRaw ?? '—')} | ${verdict(r.met)}${cpu} |`,
    );
  }
  return lines.join('\n');
}

export function markdownSection(rep: BenchReport, findings: readonly string[]): string {
  const m = rep.machine;
  const b = rep.build;
  const s = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(0)} s`;
  const notes = rep.results.filter((r) => r.note).map((r) => `- *${r.title}*: ${r.note}`);
  return [
    '## Performance',
    '',
    `\`npm run bench\` (${rep.config.mode} run, ${rep.totalSeconds.toFixed(0)} s in all) on ${m.nproc} cores (${m.cpu}), ` +
      `${m.memoryGiB} GiB memory, Node ${m.node}, SQLite ${m.sqlite}, ${m.platform}; ${m.date.slice(0, 10)}. ` +
      `Load average ${m.loadAvgAtStart.join(' / ')} at the start and ${m.loadAvgAtEnd.join(' / ')} at the end ` +
      '(the machine is shared with other work, so figures are pessimistic rather than best-case).',
    '',
    `The county database is generated for each run: ${rep.config.households.toLocaleString('en')} households (generated ID numbers only) through a bulk path that writes the same rows as the app's insertHousehold ` +
      `(a test compares them), then ${rep.config.ledgerRows.toLocaleString('en')} ledger rows of history over ${rep.config.historyDays} days ` +
      `in bulk (same rows, same hash chain), built in ${s(b.totalMs)} (households ${s(b.householdsMs)}, history ${s(b.historyMs)}). ` +
      'Latency cases give the median and p99 (p95 for the browser); "vs raw" is raw better-sqlite3 doing the same SQL work with the same pragmas in the same run. ' +
      "The CPU-time column is the process's own user + system time for the same work: on a shared machine it is the better guide to an idle one " +
      "(it leaves out waiting for the disk, which matters only for the redemption's fsync).",
    '',
    markdownTable(rep.results),
    '',
    ...notes,
    ...(findings.length ? ['', '### What the benchmark found', '', ...findings] : []),
    '',
  ].join('\n');
}

export function writeReport(dir: string, rep: BenchReport, findings: readonly string[]): { json: string; md: string; section: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'latest.json');
  const md = join(dir, 'latest.md');
  const section = markdownSection(rep, findings);
  writeFileSync(json, JSON.stringify(rep, null, 2) + '\n');
  writeFileSync(md, section);
  return { json, md, section };
}

/** Replaces README.md's "## Performance" section (up to the next "## " heading), or appends it. */
export function updateReadme(readmeFile: string, section: string): void {
  const text = readFileSync(readmeFile, 'utf8');
  const start = text.search(/^## Performance\s*$/m);
  if (start < 0) {
    writeFileSync(readmeFile, text.replace(/\s*$/, '\n\n') + section);
    return;
  }
  const rest = text.slice(start + 1);
  const next = rest.search(/^## /m);
  const end = next < 0 ? text.length : start + 1 + next;
  writeFileSync(readmeFile, text.slice(0, start) + section + (next < 0 ? '' : '\n' + text.slice(end)));
}
