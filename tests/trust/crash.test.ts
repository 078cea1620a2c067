/**
 * Pulling the plug mid-redemption: a child process redeems in a tight loop and is killed
 * with SIGKILL at random moments, again and again. After each kill the database must
 * verify (no half-written redemption, every cache and chain intact) and hold every
 * redemption the child acknowledged before it died.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/platform/open.js';
import { Keyring } from '../../db/platform/crypto/secret.js';
import { chainKeyFrom } from '../../db/books/hash-chain.js';
import { installBooksKey } from '../../db/books/seals.js';
import { DB_FILE } from '../../db/core.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { bundleForNode } from '../helpers/bundle.js';
import { freshCore } from '../helpers/core.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CHILD = join(ROOT, 'tests', 'helpers', 'crash-child.ts');
const ROUNDS = 12;
let worker: ReturnType<typeof bundleForNode>;
// Bundled once: plain node starts in a fraction of the time tsx needs on every restart.
beforeAll(() => {
  worker = bundleForNode(CHILD);
});
afterAll(() => worker.cleanup());

/** Runs one child; kills it `afterMs` after it is ready (or while starting); returns its ACKs. */
function runAndKill(dataDir: string, round: number, afterMs: number, killDuringStart: boolean): Promise<{ acked: string[]; internal: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [worker.file, dataDir, String(round)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    let internal = 0;
    let buf = '';
    const kill = () => child.kill('SIGKILL');
    if (killDuringStart) setTimeout(kill, afterMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'READY' && !killDuringStart) setTimeout(kill, afterMs);
        else if (line.startsWith('ACK ')) acked.push(line.slice(4));
        else if (line.startsWith('ERR ')) internal++;
      }
    });
    child.on('error', fail);
    child.on('exit', () => done({ acked, internal }));
  });
}

describe('crash safety', () => {
  it(`survives ${ROUNDS} SIGKILLs mid-redemption: verify passes and no acknowledged redemption is lost`, async () => {
    const env = freshCore({ demo: true, households: 60 });
    const dataDir = env.dir;
    env.core.close();
    const allAcked: string[] = [];
    let kills = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // Mostly mid-stream; now and then while the app is still opening the database.
        const duringStart = round % 5 === 4;
        const { acked, internal } = await runAndKill(dataDir, round, duringStart ? 150 + Math.random() * 400 : 30 + Math.random() * 400, duringStart);
        kills++;
        expect(internal, `round ${round}: internal errors`).toBe(0);
        allAcked.push(...acked);
        const db = openDatabase(join(dataDir, DB_FILE));
        // The books are keyed: the check uses the fixed test key the child runs with.
        const secret = Buffer.alloc(32, 7);
        installBooksKey(db, chainKeyFrom(secret));
        try {
          const report = verifyDatabase(db, { keyring: new Keyring(secret) });
          expect(report.problems, `round ${round}`).toEqual([]);
          const present = new Set(db.prepare('SELECT receipt_no FROM redemptions').pluck().all() as string[]);
          const lost = allAcked.filter((no) => !present.has(no));
          expect(lost, `round ${round}: acknowledged but lost`).toEqual([]);
          // Every redemption is whole: lines, ledger row and stock movements all there.
          const partial = db
            .prepare(
              `SELECT r.id FROM redemptions r WHERE NOT EXISTS (SELECT 1 FROM redemption_lines l WHERE l.redemption_id = r.id)
                 OR NOT EXISTS (SELECT 1 FROM stock_movements m WHERE m.ref_type = 'redemption' AND m.ref_id = r.id)`,
            )
            .all();
          expect(partial).toEqual([]);
        } finally {
          db.close();
        }
      }
    } finally {
      env.close();
    }
    expect(kills).toBe(ROUNDS);
    // The loop did real work between kills.
    expect(allAcked.length).toBeGreaterThan(ROUNDS);
  }, 90_000);
});
