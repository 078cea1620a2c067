/**
 * Sizes and repetitions for `npm run bench`. The full run is what the README's table
 * comes from; `--quick` (or BENCH_QUICK=1) shrinks everything so the whole suite can be
 * tried in a minute or two while working on it.
 */
export interface BenchConfig {
  mode: 'full' | 'quick';
  households: number;
  /** Ledger rows in the generated history (openings, awards, deductions, redemptions). */
  ledgerRows: number;
  /** Days the history spans: five years, so one year holds about a fifth of the rows. */
  historyDays: number;
  /** Redemptions through the core on the bench day (the busy day that is then closed). */
  redemptions: number;
  lookupsPerKind: number;
  searchRounds: number;
  browserScans: number;
  startups: number;
  dayCloseRuns: number;
  exportCsvRuns: number;
  exportXlsxRuns: number;
  verifyRuns: number;
  /** Keep the generated database folder after the run (for profiling by hand). */
  keep: boolean;
}

export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): BenchConfig {
  const cfg = sizes(argv, env);
  // `--redemptions=5000 --households=20000` with --quick: the full run's busy day (what the
  // start-up fast path and the day close are measured on) on the quick database, for
  // profiling those two (each cart needs a household of its own, the raw baseline's too).
  return { ...cfg, households: whole(argv, 'households') ?? cfg.households, redemptions: whole(argv, 'redemptions') ?? cfg.redemptions };
}

function whole(argv: readonly string[], name: string): number | undefined {
  const arg = argv.find((a) => a.startsWith(`--${name}=`));
  if (arg === undefined) return undefined;
  const n = Number(arg.slice(name.length + 3));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} wants a whole number, not ${arg}`);
  return n;
}

function sizes(argv: readonly string[], env: NodeJS.ProcessEnv): BenchConfig {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const keep = argv.includes('--keep') || env.BENCH_KEEP === '1';
  if (quick) {
    return {
      mode: 'quick',
      households: 5_000,
      ledgerRows: 200_000,
      historyDays: 365,
      redemptions: 300,
      lookupsPerKind: 300,
      searchRounds: 3,
      browserScans: 20,
      startups: 2,
      dayCloseRuns: 3,
      exportCsvRuns: 1,
      exportXlsxRuns: 1,
      verifyRuns: 1,
      keep,
    };
  }
  return {
    mode: 'full',
    households: 100_000,
    ledgerRows: 5_000_000,
    historyDays: 1_826,
    redemptions: 5_000,
    lookupsPerKind: 2_000,
    searchRounds: 5,
    browserScans: 100,
    startups: 5,
    dayCloseRuns: 7,
    exportCsvRuns: 3,
    exportXlsxRuns: 2,
    verifyRuns: 2,
    keep,
  };
}
