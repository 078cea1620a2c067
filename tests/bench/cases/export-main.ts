/**
 * The export child as a plain Node script: bundled by the bench with esbuild (see
 * export.ts), so that the measured process holds the app's export path and Node, not
 * tsx's compiler (which was about 80 MB of the 135 MB the tsx child had before it
 * started exporting).
 *   node export-main.mjs export '<json args>'
 */
import { exportToFile } from '../../../db/accounting/exports/run.js';
import { measureExport, type ExportJobArgs } from './export-measure.js';
import { rawCsvExport } from './export-raw.js';

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[3] ?? '{}') as ExportJobArgs & { bytesFile?: string };
  const out =
    process.argv[2] === 'export-raw'
      ? await rawCsvExport(args as ExportJobArgs & { bytesFile: string })
      : await measureExport(args, 'exportToFile', async (a) => (await exportToFile({ ...a, kind: 'ledger' })).rows);
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
