import Database from 'better-sqlite3';
import { chainWalker, type ChainProblem } from './chain-walk.js';
import { DONE, FAILED, HEARTBEAT, IDLE, NEXT_CHUNK, RUNNING, STATE, type HelperData, type HelperMessage } from './verify-helper.js';

/**
 * The full verify's helper thread (see verify-helper.ts): quick_check first, then ledger
 * chunks until none are left, each result posted as soon as it is known so that a
 * helper that fails midway has still delivered what it finished.
 */
export function runVerifyHelper(data: HelperData): void {
  const control = new Int32Array(data.control);
  // The main thread may have finished (and cancelled us) before this thread started.
  if (Atomics.compareExchange(control, STATE, IDLE, RUNNING) !== IDLE) return;
  const send = (m: HelperMessage) => data.port.postMessage(m);
  const beat = () => {
    Atomics.add(control, HEARTBEAT, 1);
    Atomics.notify(control, STATE);
  };
  let end = DONE;
  try {
    const db = new Database(data.file, { readonly: true, fileMustExist: true });
    try {
      // Read through a memory map: a walk of a gigabyte file otherwise spends a good part
      // of its time copying pages in through read() calls. Only this read-only
      // connection, which lives for one verify, is mapped.
      db.pragma('mmap_size = 17179869184');
      send({ kind: 'quick', result: String(db.pragma('quick_check', { simple: true })) });
      beat();
      const walker = chainWalker(db, 'ledger', { inner: Buffer.from(data.keyInner), outer: Buffer.from(data.keyOuter) });
      for (let i = Atomics.add(control, NEXT_CHUNK, 1); i < data.chunks; i = Atomics.add(control, NEXT_CHUNK, 1)) {
        const from = data.minId + i * data.chunkRows;
        const problems: ChainProblem[] = [];
        walker.walk(from, i === data.chunks - 1 ? null : from + data.chunkRows, walker.hashBefore(from), problems, data.limit);
        send({ kind: 'chunk', index: i, problems });
        beat();
      }
    } finally {
      db.close();
    }
  } catch (e) {
    end = FAILED;
    send({ kind: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
  Atomics.store(control, STATE, end);
  Atomics.notify(control, STATE);
  data.port.close();
}
