/**
 * `npm run bench:hub`: only the township hub's cases (tests/bench/cases/hub.ts), without
 * building the store's county database. `--quick` for small sizes.
 */
import { readConfig } from './config.js';
import { describeMachine } from './machine.js';
import { markdownTable } from './report.js';
import { hubCases } from './cases/hub.js';

const log = (s: string) => process.stdout.write(s + '\n');
const cfg = readConfig(process.argv.slice(2), process.env);
const m = describeMachine();
log(`hub bench (${cfg.mode}): ${m.nproc} cores, ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}`);
hubCases(cfg, log).then(
  (results) => {
    for (const r of results) log(`  ${r.title}: ${r.figure} (${r.size}; ${r.note ?? ''}) → ${r.met ? 'met' : 'MISSED'} (target ${r.target})`);
    log('');
    log(markdownTable(results));
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
