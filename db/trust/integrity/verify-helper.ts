import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Db } from '../../platform/open.js';
import { workerEntry } from '../../platform/threads/module-worker.js';
import { chainWalker, type ChainProblem } from './chain-walk.js';
import { requireBooksKey } from '../../books/hash-chain.js';

/**
 * The full verify's two heaviest jobs, `PRAGMA quick_check` and re-hashing every ledger
 * row, done on two cores: a helper thread with its own read-only connection runs the
 * quick_check and then takes chunks of the ledger's ids, while the main thread does the
 * verify's other checks and then takes chunks too, until none are left. Every row's
 * hash can be checked from the previous row's stored hash, so chunks are independent.
 *
 * `verifyDatabase` stays synchronous: the main thread blocks (Atomics.wait) only for the
 * helper's last chunk and reads its results with receiveMessageOnPort. Whatever the
 * helper did not deliver (it failed to start, failed, or stalled) the main thread does
 * itself, so the report never depends on the helper.
 */

// Slots of the shared control array.
export const NEXT_CHUNK = 0;
export const STATE = 1;
export const HEARTBEAT = 2;

export const IDLE = 0;
export const RUNNING = 1;
export const DONE = 2;
export const CANCELLED = 3;
export const FAILED = 4;

export interface HelperData {
  file: string;
  control: SharedArrayBuffer;
  port: MessagePort;
  minId: number;
  chunkRows: number;
  chunks: number;
  limit: number;
  /** The books' key blocks (HMAC inner and outer), so the helper checks the keyed chain. */
  keyInner: Uint8Array;
  keyOuter: Uint8Array;
}

export type HelperMessage = { kind: 'quick'; result: string } | { kind: 'chunk'; index: number; problems: ChainProblem[] } | { kind: 'failed'; error: string };

export interface ChainCheckOptions {
  /** 'auto': a helper thread for a ledger of AUTO_MIN_ROWS ids or more. */
  helper?: 'auto' | 'off' | 'force';
  chunkRows?: number;
  /** Tests: how the work was shared. */
  onStats?: (s: { helperStarted: boolean; helperChunks: number; mainChunks: number; quickOn: 'helper' | 'main' }) => void;
}

export interface ChainCheckResult {
  /** PRAGMA quick_check's first line ('ok' when all is well). */
  quick: string;
  /** The ledger chain's problems in row order, at most `limit`. */
  problems: ChainProblem[];
}

export interface ChainCheck {
  /** Joins the chunk work, waits for the helper, and merges. */
  finish(): ChainCheckResult;
  /** Stops handing out chunks and lets the helper go (when the verify fails midway). */
  abort(): void;
}

const AUTO_MIN_ROWS = 200_000;
const MIN_CHUNK_ROWS = 5_000;
const MAX_CHUNK_ROWS = 50_000;
const MAX_CHUNKS = 4096;
/** With no progress for this long (a quick_check of a huge file on a slow disk is the slowest step), the main thread stops waiting and does the rest itself. */
const STALL_MS = 120_000;

// Loaded in the worker: compiled .js next to this file in the app; under tsx or vitest
// the worker registers tsx first, as its parent's loader is not inherited (workerEntry).
const BOOT = `
const { workerData } = require('node:worker_threads');
const control = new Int32Array(workerData.control);
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  const m = await import(workerData.entry);
  m.runVerifyHelper(workerData);
})().catch((e) => {
  if (Atomics.compareExchange(control, ${STATE}, ${IDLE}, ${FAILED}) === ${IDLE}) {
    workerData.port.postMessage({ kind: 'failed', error: String((e && e.stack) || e) });
  }
  Atomics.notify(control, ${STATE});
});
`;

function startHelper(data: Omit<HelperData, 'port'>, port: MessagePort): Worker | null {
  try {
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: {
        ...data,
        port,
        ...workerEntry(import.meta.url, './verify-worker'),
      },
      transferList: [port],
    });
    // The helper must never keep the process alive (the CLI exits after a verify).
    worker.unref();
    // Its failures reach the main thread through the control array, not as events.
    worker.on('error', () => undefined);
    return worker;
  } catch {
    return null;
  }
}

export function startChainCheck(db: Db, limit: number, opts: ChainCheckOptions = {}): ChainCheck {
  const walker = chainWalker(db, 'ledger');
  const range = db.prepare('SELECT MIN(id), MAX(id) FROM ledger').raw().get() as [number | null, number | null];
  const minId = range[0] ?? 1;
  const span = range[0] === null || range[1] === null ? 0 : range[1] - range[0] + 1;
  // Chunks are id ranges (a row count per chunk would cost a scan to find); their number
  // is capped so that ids far apart (only an edit behind the app's back makes them)
  // cannot make millions of empty chunks. The last chunk is open-ended.
  // By default about 64 chunks, so that the two threads finish close together.
  const wanted = opts.chunkRows ?? Math.min(MAX_CHUNK_ROWS, Math.max(MIN_CHUNK_ROWS, Math.ceil(span / 64)));
  const chunkRows = Math.max(1, wanted, Math.ceil(span / MAX_CHUNKS));
  const chunks = Math.ceil(span / chunkRows);
  const control = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  const helperWanted = opts.helper === 'force' || ((opts.helper ?? 'auto') === 'auto' && span >= AUTO_MIN_ROWS);
  // The helper reads the committed file: not usable for an in-memory database, or while
  // this connection holds a transaction whose writes the helper could not see.
  const file = db.memory || db.name === '' ? null : db.name;
  const channel = helperWanted && file !== null && !db.inTransaction ? new MessageChannel() : null;
  const worker =
    channel && file
      ? startHelper(
          {
            file,
            control: control.buffer as SharedArrayBuffer,
            minId,
            chunkRows,
            chunks,
            limit,
            keyInner: requireBooksKey(db).inner,
            keyOuter: requireBooksKey(db).outer,
          },
          channel.port2,
        )
      : null;
  if (worker === null) Atomics.store(control, STATE, CANCELLED);

  const problems: ChainProblem[] = [];
  const done = new Set<number>();
  let mainChunks = 0;
  let helperChunks = 0;
  let quick: string | null = null;

  const walkChunk = (index: number): void => {
    const from = minId + index * chunkRows;
    const found: ChainProblem[] = [];
    walker.walk(from, index === chunks - 1 ? null : from + chunkRows, walker.hashBefore(from), found, limit);
    for (const p of found) problems.push(p);
    done.add(index);
  };
  const receive = (m: HelperMessage): void => {
    if (m.kind === 'quick') quick = m.result;
    else if (m.kind === 'chunk') {
      for (const p of m.problems) problems.push(p);
      done.add(m.index);
      helperChunks++;
    }
  };
  const drain = (): void => {
    if (!channel) return;
    for (let m = receiveMessageOnPort(channel.port1); m !== undefined; m = receiveMessageOnPort(channel.port1)) receive(m.message as HelperMessage);
  };
  const release = (): void => {
    channel?.port1.close();
    if (worker) void worker.terminate().catch(() => undefined);
  };

  return {
    abort() {
      Atomics.store(control, NEXT_CHUNK, chunks);
      Atomics.compareExchange(control, STATE, IDLE, CANCELLED);
      release();
    },
    finish() {
      if (opts.helper === 'force' && worker) {
        // Tests: let the helper start, so that the shared path is the one exercised.
        const until = performance.now() + 30_000;
        while (Atomics.load(control, STATE) === IDLE && performance.now() < until) Atomics.wait(control, STATE, IDLE, 50);
      }
      for (let i = Atomics.add(control, NEXT_CHUNK, 1); i < chunks; i = Atomics.add(control, NEXT_CHUNK, 1)) {
        walkChunk(i);
        mainChunks++;
      }
      // A helper that has not started by now never will get any work: cancel it.
      const state = Atomics.compareExchange(control, STATE, IDLE, CANCELLED);
      if (state === RUNNING) {
        let beat = Atomics.load(control, HEARTBEAT);
        let since = performance.now();
        while (Atomics.load(control, STATE) === RUNNING) {
          Atomics.wait(control, STATE, RUNNING, 1000);
          const b = Atomics.load(control, HEARTBEAT);
          if (b !== beat) {
            beat = b;
            since = performance.now();
          } else if (performance.now() - since > STALL_MS) break;
        }
      }
      drain();
      release();
      // Whatever the helper did not deliver, the main thread does now.
      const quickOn = quick === null ? 'main' : 'helper';
      quick ??= String(db.pragma('quick_check', { simple: true }));
      for (let i = 0; i < chunks; i++) if (!done.has(i)) walkChunk(i);
      opts.onStats?.({ helperStarted: state === RUNNING || state === DONE, helperChunks, mainChunks, quickOn });
      problems.sort((a, b) => a.rowId - b.rowId || a.seq - b.seq);
      return { quick, problems: problems.slice(0, limit) };
    },
  };
}
