/**
 * Export jobs for the UI. The contract is synchronous JSON, so an export is started by
 * one call, runs in the background (its own read-only connection, yielding between
 * chunks), and is polled for progress; the finished file lies in <data>/exports and is
 * downloaded through the host's GET /download/export/<id> route, which serves it only
 * while the session that started it is still logged in. In the desktop app the same
 * file can be saved with a dialog.
 *
 * Every export is audited when it starts and when it ends (with its row count, size and
 * SHA-256, so a file handed to the township can be matched to the record).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { EXPORTS_DIR, pruneOldExports } from './retention.js';
import { join } from 'node:path';
import { AppError } from '../../contract/errors.js';
import type { ExportJobView } from '../../contract/views-accounting.js';
import { DB_FILE, type AccountingContext } from '../../books/context.js';
import { audit } from '../../books/audit.js';
import type { Session } from '../../books/sessions.js';
import { exportFileName, exportToFile, type ExportRequest } from './run.js';
import { ExportCancelled } from './write.js';

/** Two cores on the machine: more parallel exports would only slow the counter. */
export const MAX_RUNNING = 2;
const KEEP_FINISHED = 30;

interface Job {
  view: ExportJobView;
  operatorId: number;
  /** The session that started it: downloads are served only while it is alive. */
  sessionToken: string;
  file: string;
  controller: AbortController;
  done: Promise<void>;
}

export { EXPORTS_DIR };

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly ctx: AccountingContext) {}

  start(session: Session, req: ExportRequest): ExportJobView {
    if (req.from > req.to) throw new AppError('EXPORT_RANGE_INVALID');
    const running = [...this.jobs.values()].filter((j) => j.view.state === 'running').length;
    if (running >= MAX_RUNNING) throw new AppError('EXPORT_BUSY', { count: running });
    this.prune();
    pruneOldExports(this.ctx);

    const id = randomBytes(18).toString('base64url');
    const fileName = exportFileName(req);
    const dir = join(this.ctx.dataDir, EXPORTS_DIR);
    mkdirSync(dir, { recursive: true });
    const { createdAt } = this.ctx.stamp();
    const file = join(dir, `${createdAt.replace(/[-:]/g, '').slice(0, 15)}-${id.slice(0, 6)}-${fileName}`);
    const view: ExportJobView = {
      id,
      ...req,
      state: 'running',
      rows: 0,
      totalRows: 0,
      fileName,
      bytes: null,
      sha256: null,
      downloadPath: null,
      error: null,
      startedAt: createdAt,
    };
    audit(this.ctx.db, createdAt, session.operatorId, 'export.start', `export:${id}`, { ...req, fileName });
    const controller = new AbortController();
    const job: Job = { view, operatorId: session.operatorId, sessionToken: session.token, file, controller, done: Promise.resolve() };
    job.done = this.run(job);
    this.jobs.set(id, job);
    return { ...view };
  }

  private async run(job: Job): Promise<void> {
    const v = job.view;
    try {
      const result = await exportToFile({
        dbFile: join(this.ctx.dataDir, DB_FILE),
        kind: v.kind,
        from: v.from,
        to: v.to,
        format: v.format,
        out: job.file,
        timeZone: this.ctx.settings().timeZone,
        pointValueFen: this.ctx.settings().pointValueFen,
        signal: job.controller.signal,
        onProgress: (p) => {
          v.rows = p.rows;
          v.totalRows = p.totalRows;
        },
      });
      Object.assign(v, { state: 'done', rows: result.rows, bytes: result.bytes, sha256: result.sha256, downloadPath: `/download/export/${v.id}` });
      audit(this.ctx.db, this.ctx.stamp().createdAt, job.operatorId, 'export.done', `export:${v.id}`, {
        kind: v.kind,
        from: v.from,
        to: v.to,
        format: v.format,
        rows: result.rows,
        bytes: result.bytes,
        sha256: result.sha256,
      });
    } catch (e) {
      const cancelled = e instanceof ExportCancelled;
      v.state = cancelled ? 'cancelled' : 'failed';
      v.error = cancelled
        ? null
        : e instanceof AppError
          ? e.message
          : new AppError('EXPORT_FAILED', { detail: e instanceof Error ? e.message.slice(0, 120) : '未知错误' }).message;
      if (!cancelled) console.error('[export] failed:', e instanceof Error ? e.stack : e);
      try {
        audit(this.ctx.db, this.ctx.stamp().createdAt, job.operatorId, cancelled ? 'export.cancelled' : 'export.failed', `export:${v.id}`, { rows: v.rows });
      } catch {
        // The database may be closing (host shutdown); the job's state is still right.
      }
    }
  }

  private own(session: Session, id: string): Job {
    const job = this.jobs.get(id);
    if (!job || (job.operatorId !== session.operatorId && session.role !== 'admin')) throw new AppError('EXPORT_NOT_FOUND');
    return job;
  }

  status(session: Session, id: string): ExportJobView {
    return { ...this.own(session, id).view };
  }

  cancel(session: Session, id: string): ExportJobView {
    const job = this.own(session, id);
    if (job.view.state === 'running') job.controller.abort();
    return { ...job.view };
  }

  list(session: Session): ExportJobView[] {
    return [...this.jobs.values()]
      .filter((j) => j.operatorId === session.operatorId || session.role === 'admin')
      .map((j) => ({ ...j.view }))
      .reverse();
  }

  /** Waits for a job to end (tests, the CLI, host shutdown). */
  async settled(id: string): Promise<ExportJobView | null> {
    const job = this.jobs.get(id);
    if (!job) return null;
    await job.done;
    return { ...job.view };
  }

  /** Cancels everything running and waits for it (host shutdown). */
  async shutdown(): Promise<void> {
    for (const j of this.jobs.values()) if (j.view.state === 'running') j.controller.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }

  /**
   * For the host's download route: the finished file, only while the session that
   * started the export is still logged in (and not expired).
   */
  download(id: string): { file: string; fileName: string; bytes: number } | null {
    const job = this.jobs.get(id);
    if (!job || job.view.state !== 'done') return null;
    const s = this.ctx.sessions.touch(job.sessionToken);
    if (s === null || s === 'expired') return null;
    audit(this.ctx.db, this.ctx.stamp().createdAt, job.operatorId, 'export.download', `export:${id}`, { fileName: job.view.fileName });
    return { file: job.file, fileName: job.view.fileName, bytes: job.view.bytes ?? 0 };
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.view.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(j.view.id);
  }
}

const registry = new WeakMap<AccountingContext, ExportJobs>();

/** The export jobs of one core (kept beside it rather than in it, so core.ts stays small). */
export function exportJobs(ctx: AccountingContext): ExportJobs {
  let jobs = registry.get(ctx);
  if (!jobs) {
    jobs = new ExportJobs(ctx);
    registry.set(ctx, jobs);
  }
  return jobs;
}
