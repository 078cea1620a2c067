/**
 * Times one ledger export and reads the process's peak memory (VmHWM, Node itself
 * included; the size before the export is reported beside it). Kept free of heavy
 * imports so that the bundled child (export-main.ts) starts small.
 */
import { readFileSync, statSync } from 'node:fs';

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

/**
 * This process's own peak memory. Not `resourceUsage().maxRSS`: on Linux getrusage's
 * high-water mark survives exec, so a child forked from the bench (which holds the
 * county's data, about 360 MB) reported the parent's size, whatever it exported. The
 * kernel's VmHWM belongs to the address space, which exec replaces.
 */
export function peakRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS * 1024;
}

export async function measureExport(a: ExportJobArgs, via: string, run: (a: ExportJobArgs) => Promise<number>): Promise<ExportJobResult> {
  const rssBefore = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await run(a);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, rows, bytes: statSync(a.out).size, rssBefore, maxRss: peakRss(), via };
}
