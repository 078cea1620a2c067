/**
 * The reports waiting for a road: a file on a USB stick (hub-export) or an HTTP push.
 * Each road records what it carried; the township's state (last reported day, how many
 * wait) is read from the same records.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportingContext } from '../books/context.js';
import { reportFileName } from './format/report.js';
import { readRegistration } from './registration.js';
import { buildPendingReports } from './build.js';
import { audit } from '../books/audit.js';
import { query } from '../platform/query.js';

export type Road = 'file' | 'push';

export interface OutboxReport {
  id: number;
  businessDate: string;
  version: number;
  reportId: string;
  file: string;
}

export function undelivered(ctx: ReportingContext, road: Road, opts: { all?: boolean } = {}): OutboxReport[] {
  const rows = query(ctx.db).all<{ id: number; business_date: string; version: number; report_id: string; file: string }>(
    `SELECT id, business_date, version, report_id, file FROM hub_reports r
       WHERE @all = 1 OR NOT EXISTS (SELECT 1 FROM hub_deliveries d WHERE d.report_id = r.id AND d.road = @road)
       ORDER BY business_date, version`,
    { road, all: opts.all ? 1 : 0 },
  );
  return rows.map((r) => ({ id: r.id, businessDate: r.business_date, version: r.version, reportId: r.report_id, file: r.file }));
}

export function markDelivered(ctx: ReportingContext, reportIds: number[], road: Road): void {
  const at = ctx.stamp().createdAt;
  const ins = ctx.db.prepare('INSERT OR IGNORE INTO hub_deliveries (report_id, road, delivered_at) VALUES (?, ?, ?)');
  ctx.db.transaction(() => {
    for (const id of reportIds) ins.run(id, road, at);
  })();
}

/**
 * Writes the reports not yet exported as files into a folder (each written whole under a
 * temporary name, then renamed, so a stick pulled out mid-way never holds half a report).
 */
export function writeReportFiles(ctx: ReportingContext, folder: string, opts: { all?: boolean } = {}): { written: string[] } {
  const reg = readRegistration(ctx);
  mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  const reports = undelivered(ctx, 'file', opts);
  for (const r of reports) {
    const name = reportFileName(reg?.villageCode ?? 'store', r.businessDate, r.version);
    const tmp = join(folder, `.${name}.tmp`);
    writeFileSync(tmp, r.file);
    renameSync(tmp, join(folder, name));
    written.push(name);
  }
  markDelivered(
    ctx,
    reports.map((r) => r.id),
    'file',
  );
  return { written };
}

/**
 * The USB road, whole (`hub.exportReports`, the CLI's hub-export): builds the reports of the
 * days closed since, writes those not yet exported (every one with `all`: a lost stick)
 * into the folder, and audits it with the operator who carried them.
 */
export function exportReports(ctx: ReportingContext, operatorId: number, folder: string, opts: { all?: boolean } = {}): { written: string[] } & ReportingState {
  buildPendingReports(ctx);
  const { written } = writeReportFiles(ctx, folder, opts);
  audit(ctx.db, ctx.stamp().createdAt, operatorId, 'hub.export', folder, { reports: written.length, all: opts.all ?? false });
  return { written, ...reportingState(ctx) };
}

export interface ReportingState {
  lastReportedDay: string | null;
  /** Reports built and carried by no road yet. */
  waiting: number;
  lastBuiltDay: string | null;
}

export function reportingState(ctx: ReportingContext): ReportingState {
  const r = query(ctx.db).one<{
    last_reported: string | null;
    waiting: number;
    last_built: string | null;
  }>(`SELECT (SELECT MAX(h.business_date) FROM hub_reports h WHERE EXISTS (SELECT 1 FROM hub_deliveries d WHERE d.report_id = h.id)) AS last_reported,
         (SELECT count(*) FROM hub_reports h WHERE NOT EXISTS (SELECT 1 FROM hub_deliveries d WHERE d.report_id = h.id)) AS waiting,
         (SELECT MAX(business_date) FROM hub_reports) AS last_built`);
  return { lastReportedDay: r.last_reported, waiting: r.waiting, lastBuiltDay: r.last_built };
}
