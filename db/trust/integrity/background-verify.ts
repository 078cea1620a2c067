import type { Worker } from 'node:worker_threads';
import type { BackgroundVerifyStatus, IntegrityReport } from '../../contract/views-trust.js';
import type { TrustContext } from '../../books/context.js';
import { audit } from '../../books/audit.js';
import { formatProblem } from '../../contract/problems.js';
import { startModuleWorker } from '../../platform/threads/module-worker.js';
import { raiseAlarm } from './alarm.js';
import { buildReport } from './run.js';
import { integrityState } from './state.js';
import type { BackgroundVerifyMessage } from './background-verify-worker.js';
import { verifyLiveFile, type SnapshotVerify } from './verify-snapshot.js';

export interface BackgroundVerify {
  /** Settles with the final status (passed, failed or cancelled); never rejects. */
  done: Promise<BackgroundVerifyStatus>;
  /** Stops it (the host is closing); its result, if any comes, is dropped. */
  stop(): void;
}

/** The verify on this thread, when no worker could run it: a check is never skipped. */
function onThisThread(file: string, secret: Buffer): SnapshotVerify {
  try {
    return verifyLiveFile(file, secret);
  } catch (e) {
    // A file the verify cannot even read is a problem to report, not a crash.
    const message = e instanceof Error ? e.message : String(e);
    return {
      problems: [{ table: 'sqlite', rowId: '-', code: 'DATABASE_UNREADABLE', params: { detail: message } }],
      checked: { ledgerRows: 0, auditRows: 0, accounts: 0, goods: 0, redemptions: 0, closedDays: 0 },
      coveredThrough: { ledgerId: 0, auditId: 0 },
    };
  }
}

/**
 * The full verify every host starts right after the start-up check: the start-up check
 * reads only the rows since the signed checkpoint, so an older row edited without the
 * key is found here. It runs on a worker thread with its own read-only connection (one
 * read transaction: a consistent snapshot while the counter keeps writing), so the
 * counter is usable at once. Until it ends the app works normally; if it fails, the
 * books go into the same alarm as a failed start-up check and every further write is
 * refused. Writes accepted while it ran are kept (history is append-only; they are valid
 * rows written with the key) and the audit row says which rows the verify covered.
 */
export function startBackgroundVerify(ctx: TrustContext, opts: { worker?: boolean } = {}): BackgroundVerify {
  const s = integrityState(ctx);
  s.cancelBackground?.();
  const startedAt = ctx.clock.now().toISOString();
  const started = performance.now();
  const status: BackgroundVerifyStatus = { state: 'running', startedAt, finishedAt: null, ranOn: null, report: null, coveredThrough: null };
  s.background = status;
  const file = ctx.db.name;
  const secret = Buffer.from(ctx.keyring.exportHex(), 'hex');
  let worker: Worker | null = null;
  let settled = false;
  let resolveDone: (s: BackgroundVerifyStatus) => void = () => undefined;
  const done = new Promise<BackgroundVerifyStatus>((resolve) => {
    resolveDone = resolve;
  });

  const finish = (result: SnapshotVerify | null, ranOn: 'worker' | 'main'): void => {
    if (settled) return;
    settled = true;
    if (worker) void worker.terminate().catch(() => undefined);
    if (s.cancelBackground === stop) s.cancelBackground = null;
    if (result === null) {
      status.state = 'cancelled';
      status.finishedAt = ctx.clock.now().toISOString();
      resolveDone(status);
      return;
    }
    const report: IntegrityReport = buildReport(ctx, 'full', started, result.problems, result.checked);
    Object.assign(status, { state: report.ok ? 'passed' : 'failed', finishedAt: report.checkedAt, ranOn, report, coveredThrough: result.coveredThrough });
    s.lastFull = report;
    if (!report.ok) {
      raiseAlarm(ctx, 'background', report);
      console.error(`[integrity] the full verify after start-up found ${report.problems.length} problem(s); first: ${report.problems[0]?.message ?? ''}`);
    }
    try {
      audit(ctx.db, report.checkedAt, null, report.ok ? 'integrity.background' : 'integrity.background.failed', null, {
        problems: report.problems.length,
        first: report.problems[0] ? `${report.problems[0].table} ${report.problems[0].rowId}: ${formatProblem(report.problems[0], 'en')}` : null,
        ms: report.ms,
        ranOn,
        coveredThrough: result.coveredThrough,
      });
    } catch (e) {
      console.error('[integrity] could not audit the background verify:', e instanceof Error ? e.message : e);
    }
    resolveDone(status);
  };
  const fallback = (): void => {
    if (settled) return;
    // Later, not inside the worker's event: the fallback is slow and must not run twice.
    setImmediate(() => {
      if (!settled) finish(onThisThread(file, secret), 'main');
    });
  };
  function stop(): void {
    finish(null, 'worker');
  }
  s.cancelBackground = stop;

  if (opts.worker === false) fallback();
  else {
    try {
      worker = startModuleWorker(import.meta.url, './background-verify-worker', { file, secret });
      // The verify must never keep a closing process alive.
      worker.unref();
      worker.once('message', (m: BackgroundVerifyMessage) => {
        if (m.kind === 'done') finish(m.result, 'worker');
        else fallback();
      });
      worker.once('error', fallback);
      worker.once('exit', fallback);
    } catch {
      fallback();
    }
  }
  return { done, stop };
}
