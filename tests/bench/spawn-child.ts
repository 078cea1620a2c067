/** Starts a child.ts job and waits for its JSON line, or gives up after `timeoutMs`. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './optional.js';

export type ChildOutcome<T> = { ok: true; value: T; ms: number } | { ok: false; timedOut: boolean; error: string; ms: number };

/** `entry`: a bundled plain-JS child to run instead of child.ts through tsx (its memory is then the job's own). */
export function runChild<T>(job: string, args: unknown, timeoutMs: number, entry?: string): Promise<ChildOutcome<T>> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      entry ? [entry, job, JSON.stringify(args)] : ['--import', 'tsx', join(ROOT, 'tests', 'bench', 'child.ts'), job, JSON.stringify(args)],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 4 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        const ms = performance.now() - t0;
        if (err) {
          const timedOut = err.killed === true || err.signal === 'SIGKILL';
          resolve({ ok: false, timedOut, error: timedOut ? `stopped after ${Math.round(timeoutMs / 1000)} s` : (stderr || err.message).slice(-500), ms });
          return;
        }
        resolve({ ok: true, value: JSON.parse(stdout.trim().split('\n').pop()!) as T, ms });
      },
    );
  });
}
