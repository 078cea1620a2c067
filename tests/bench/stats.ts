/** Timing helpers and order statistics for the benchmark cases. */

export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted samples (p in 0..100). */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

/**
 * Milliseconds taken by a synchronous function: wall clock, and the CPU time this
 * process spent (user + system, all threads). On a machine shared with other work the
 * wall clock includes waiting for a core; the CPU time is close to what the same work
 * takes on an idle machine (it leaves out disk waits such as fsync, though).
 */
export function timeSync<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, value };
}

export function pickFrom<T>(rand: () => number, arr: readonly T[]): T {
  return arr[Math.floor(rand() * arr.length)]!;
}

/** Distinct sample of k items (k ≤ arr.length). */
export function sample<T>(rand: () => number, arr: readonly T[], k: number): T[] {
  const idx = new Set<number>();
  while (idx.size < Math.min(k, arr.length)) idx.add(Math.floor(rand() * arr.length));
  return [...idx].map((i) => arr[i]!);
}
