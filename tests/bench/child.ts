/**
 * Runs one heavy job in its own process: its peak memory (VmHWM, see export-measure.ts) is then its own, and
 * the parent can stop it when it runs far past its target instead of blowing the whole
 * run's time budget. Prints one JSON line.
 *   node --import tsx tests/bench/child.ts <job> '<json args>'
 */
import { dayCloseJob, type DayCloseJobArgs } from './cases/day-close-job.js';
import { exportJob, type ExportJobArgs } from './cases/export-job.js';

async function main(): Promise<void> {
  const [job, json] = process.argv.slice(2);
  const args: unknown = JSON.parse(json ?? '{}');
  let out: unknown;
  if (job === 'export') out = await exportJob(args as ExportJobArgs);
  else if (job === 'day-close') out = await dayCloseJob(args as DayCloseJobArgs);
  else throw new Error(`unknown job ${job}`);
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
