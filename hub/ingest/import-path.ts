/** `hub import PATH`: a report file, or every report file in a folder (oldest day first). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPORT_SUFFIX } from '../../db/reporting/format/report.js';
import type { Engine } from '../db/engine.js';
import { ingestTexts, type BatchOutcome } from './ingest.js';

export type FileOutcome = { file: string } & BatchOutcome;

export function reportFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  // Names carry village code, date and version, so sorting them orders each store's days.
  return readdirSync(path)
    .filter((f) => f.endsWith(REPORT_SUFFIX) && !f.startsWith('.'))
    .sort()
    .map((f) => join(path, f));
}

/** The store a report file belongs to, by its name (`CODE-DATE-vN.dayreport.json`); any other name is its own. */
function storeOfFile(file: string): string {
  const name = basename(file);
  const m = /^(\d{12})-\d{4}-\d{2}-\d{2}-v\d+/.exec(name);
  return m ? m[1]! : name;
}

export interface ImportOptions {
  /** Reports of distinct stores stored in one transaction. */
  batch?: number;
  /** Transactions in flight at once (the server: several connections; PGlite: one). */
  parallel?: number;
}

/**
 * Imports every report file under `path`. Each store's files go in the order of their
 * names (day by day); stores are interleaved, the first file of every store, then the
 * second, and so on, so that each round's reports are of distinct stores and share
 * transactions (ingestChecked). While one transaction waits on the database, the next
 * files are read and checked. Outcomes come back in the files' order.
 */
export async function importPath(engine: Engine, path: string, opts: ImportOptions = {}): Promise<FileOutcome[]> {
  const files = reportFiles(path);
  const byStore = new Map<string, number[]>();
  for (const [i, f] of files.entries()) {
    const k = storeOfFile(f);
    byStore.set(k, [...(byStore.get(k) ?? []), i]);
  }
  const stores = [...byStore.values()];
  const rounds = Math.max(0, ...stores.map((s) => s.length));
  const out: FileOutcome[] = new Array<FileOutcome>(files.length);
  const months = new Set<string>();
  for (let r = 0; r < rounds; r++) {
    const round = stores.flatMap((s) => (r < s.length ? [s[r]!] : []));
    const got = await ingestRound(engine, round.length, (k) => readFileSync(files[round[k]!]!, 'utf8'), months, opts);
    for (const [k, i] of round.entries()) out[i] = { file: basename(files[i]!), ...got[k]! };
  }
  return out;
}

/**
 * `count` reports, of distinct stores as a rule (`text(k)` reads the k-th when its turn
 * comes): in transactions of `batch`, `parallel` of them in flight.
 */
export async function ingestRound(
  engine: Engine,
  count: number,
  text: (k: number) => string,
  months: Set<string>,
  opts: ImportOptions = {},
): Promise<BatchOutcome[]> {
  const batch = opts.batch ?? 25;
  const parallel = opts.parallel ?? (engine.kind === 'postgres' ? 4 : 1);
  const out: BatchOutcome[] = new Array<BatchOutcome>(count);
  const chunks = Math.ceil(count / batch);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, chunks) }, async () => {
      while (next < chunks) {
        const from = next++ * batch;
        const ks = Array.from({ length: Math.min(batch, count - from) }, (_v, j) => from + j);
        const got = await ingestTexts(
          engine,
          ks.map((k) => text(k)),
          months,
        );
        for (const [j, k] of ks.entries()) out[k] = got[j]!;
      }
    }),
  );
  return out;
}
