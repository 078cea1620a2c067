/**
 * The start-up integrity check at county scale: N ledger rows (default 5,000,000) behind
 * the signed checkpoint plus a day's postings after it. Prints the fast path's time and
 * the full verify's. Not a test (timings depend on the machine):
 *   npx tsx tests/bench/startup-verify.ts [rows] [newRows]
 */
import { currentHeads, writeCheckpoint } from '../../db/trust/integrity/checkpoint.js';
import { fastVerify } from '../../db/trust/integrity/fast-verify.js';
import { fillLedger, postMore } from '../helpers/big-ledger.js';
import { freshCore } from '../helpers/core.js';

const rows = Number(process.argv[2] ?? 5_000_000);
const fresh = Number(process.argv[3] ?? 1_000);
const env = freshCore();
try {
  let t = performance.now();
  fillLedger(env.core, rows, 20_000);
  writeCheckpoint(env.core.db, env.core.keyring, currentHeads(env.core.db, env.core.clock.now().toISOString()));
  postMore(env.core, fresh, 500);
  console.log(`built ${rows} + ${fresh} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const r = fastVerify(env.core.db, env.core.keyring);
    times.push(performance.now() - t);
    if (r.outcome !== 'ok') throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  }
  times.sort((a, b) => a - b);
  console.log(`start-up fast path: median ${times[2]!.toFixed(1)} ms, best ${times[0]!.toFixed(1)} ms (budget 200 ms)`);
} finally {
  env.close();
}
