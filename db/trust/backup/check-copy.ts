import Database from 'better-sqlite3';
import type { Db } from '../../platform/open.js';
import { verifyDatabase } from '../integrity/verify.js';
import { describeBoth } from '../../contract/problems.js';
import { Keyring } from '../../platform/crypto/secret.js';
import { chainKeyFrom } from '../../books/hash-chain.js';
import { installBooksKey } from '../../books/seals.js';
import { startModuleWorker } from '../../platform/threads/module-worker.js';

/** integrity_check (the thorough one) and a full verify of a backup copy; null when both hold. */
export function checkCopy(copy: Db, secret: Buffer): string | null {
  const integrity = copy.pragma('integrity_check', { simple: true }) as string;
  if (integrity !== 'ok') return `integrity_check: ${integrity}`;
  installBooksKey(copy, chainKeyFrom(secret));
  const v = verifyDatabase(copy, { keyring: new Keyring(secret) });
  if (!v.ok) return describeBoth(v.problems[0]!);
  return null;
}

export function checkCopyFile(file: string, secret: Buffer): string | null {
  const copy = new Database(file, { readonly: true });
  try {
    return checkCopy(copy, secret);
  } finally {
    copy.close();
  }
}

export type CheckCopyMessage = { kind: 'done'; problem: string | null } | { kind: 'failed'; error: string };

/**
 * The same check on a worker thread. At county scale it reads the whole copy (a minute
 * or more for millions of rows); on the main thread that froze the counter, and the daily
 * backup starts a minute after the shop opens. If the worker cannot run, the check runs
 * here instead: a backup is never kept unchecked.
 */
export function checkCopyOffThread(file: string, secret: Buffer, opts: { ranOn?: (where: 'worker' | 'main') => void } = {}): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      opts.ranOn?.('main');
      // Runs from a worker's event: a throw here would be uncaught, so a copy that cannot
      // even be opened (removed meanwhile, disk gone) is a failed check, never a crash.
      try {
        resolve(checkCopyFile(file, secret));
      } catch (e) {
        resolve(`the copy could not be opened: ${(e as Error).message}`);
      }
    };
    let worker;
    try {
      worker = startModuleWorker(import.meta.url, './check-copy-worker', { file, secret });
    } catch {
      fallback();
      return;
    }
    worker.once('message', (m: CheckCopyMessage) => {
      if (m.kind === 'done' && !settled) {
        settled = true;
        opts.ranOn?.('worker');
        resolve(m.problem);
      } else fallback();
      void worker.terminate();
    });
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
}
