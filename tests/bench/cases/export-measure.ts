/**
 * Times one ledger export and reads the process's peak memory (maxRSS, Node itself
 * included; the size before the export is reported beside it). Kept free of heavy
 * imports so that the bundled child (export-main.ts) starts small.
 */
import { statSync } from 'node:fs';

export interface ExportJobArgs {
  dbFile: string;
  format: 'csv' | 'xlsx';
  from: string;
  to: string;
  out: string;
  timeZone: string;
}

export interface ExportJobResult {
  ms: number;
  cpuMs: number;
  rows: number;
  bytes: number;
  rssBefore: number;
  maxRss: number;
  via: string;
}

export async function measureExport(a: ExportJobArgs, via: string, run: (a: ExportJobArgs) => Promise<number>): Promise<ExportJobResult> {
  const rssBefore = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await run(a);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, rows, bytes: statSync(a.out).size, rssBefore, maxRss: process.resourceUsage().maxRSS * 1024, via };
}
