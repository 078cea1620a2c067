/** One row of the results table: a case, what was measured, and how it compares. */
export interface CaseResult {
  id: string;
  title: string;
  size: string;
  target: string;
  /** The figure the target is about, already formatted ("0.21 ms", "12.4 s"). */
  figure: string;
  met: boolean | null;
  /** The same figure in CPU time (≈ an idle machine), where it can be measured. */
  cpuFigure?: string;
  metOnCpu?: boolean | null;
  /** Ratio against raw better-sqlite3 doing the same SQL work, where measured. */
  vsRaw?: string;
  note?: string;
  /** Everything measured, for the JSON file. */
  data: Record<string, unknown>;
}

export const ms = (x: number): string => (x < 10 ? `${x.toFixed(2)} ms` : x < 1000 ? `${x.toFixed(0)} ms` : `${(x / 1000).toFixed(1)} s`);
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
