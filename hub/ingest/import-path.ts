/** `hub import PATH`: a report file, or every report file in a folder (oldest day first). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPORT_SUFFIX } from '../../db/reporting/format/report.js';
import type { Engine } from '../db/engine.js';
import { HubRefusal } from '../registry.js';
import { ingestText, type IngestOutcome } from './ingest.js';

export type FileOutcome = { file: string } & (IngestOutcome | { outcome: 'refused'; code: string; reason: string });

export function reportFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  // Names carry village code, date and version, so sorting them orders each store's days.
  return readdirSync(path)
    .filter((f) => f.endsWith(REPORT_SUFFIX) && !f.startsWith('.'))
    .sort()
    .map((f) => join(path, f));
}

export async function importPath(engine: Engine, path: string): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  const months = new Set<string>();
  for (const file of reportFiles(path)) {
    try {
      out.push({ file: basename(file), ...(await ingestText(engine, readFileSync(file, 'utf8'), months)) });
    } catch (e) {
      months.clear();
      if (!(e instanceof HubRefusal)) throw e;
      out.push({ file: basename(file), outcome: 'refused', code: e.code, reason: e.message });
    }
  }
  return out;
}
