// npm run test:soak [-- --runs N] — `npm test` N times in a row (3 by default) while another
// process keeps one core busy, the way a loaded CI machine behaves. Exits non-zero if any run
// failed, and prints each run's time. Kept out of `npm test`: it takes N times as long.
import { spawn } from 'node:child_process';

const i = process.argv.indexOf('--runs');
const runs = i > 0 ? Number(process.argv[i + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs takes a whole number ≥ 1');
  process.exit(2);
}

// The load: one core spinning for as long as the soak lasts.
const busy = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
const stop = () => busy.kill('SIGKILL');
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = [];
for (let n = 1; n <= runs; n++) {
  const started = Date.now();
  console.log(`\n=== soak run ${n}/${runs} (one core kept busy by pid ${busy.pid}) ===`);
  const code = await new Promise((resolve) => {
    const child = spawn(npm, ['test'], { stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? 'true' } });
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 128 : 1)));
  });
  results.push({ run: n, code, seconds: Math.round((Date.now() - started) / 1000) });
}
stop();
console.log('\nsoak summary:');
for (const r of results) console.log(`  run ${r.run}: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds} s`);
const failed = results.filter((r) => r.code !== 0).length;
console.log(`${runs - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
