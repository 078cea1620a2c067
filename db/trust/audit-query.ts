import type { AuditEntryView, AuditPage, DownloadFile } from '../contract/views-trust.js';
import type { TrustContext } from '../books/context.js';
import { localDateTime } from '../domain/clock.js';
import { audit } from '../books/audit.js';
import { auditActionLabel } from './audit-labels.js';
import { query } from '../platform/query.js';

export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  operatorId?: number | undefined;
  /** An action code or the start of one ('login' matches login.ok and login.failed). */
  action?: string | undefined;
  /** Text found in the target or the detail. */
  text?: string | undefined;
}

/** The UTC instant at which a local calendar day starts in `timeZone`. */
export function localDayStartUtc(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that moment; two rounds settle days when the offset changes.
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const shown = localDateTime(new Date(t).toISOString(), timeZone);
    const asUtc = Date.parse(shown.replace(' ', 'T') + 'Z');
    t = guess - (asUtc - t);
  }
  return new Date(t).toISOString();
}

function nextDay(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function where(ctx: TrustContext, f: AuditFilter): { sql: string; args: (string | number)[] } {
  const tz = ctx.settings().timeZone;
  const parts: string[] = [];
  const args: (string | number)[] = [];
  if (f.from) {
    parts.push('a.created_at >= ?');
    args.push(localDayStartUtc(f.from, tz));
  }
  if (f.to) {
    parts.push('a.created_at < ?');
    args.push(localDayStartUtc(nextDay(f.to), tz));
  }
  if (f.operatorId !== undefined) {
    parts.push('a.operator_id = ?');
    args.push(f.operatorId);
  }
  if (f.action) {
    parts.push("(a.action = ? OR a.action LIKE ? ESCAPE '\\')");
    args.push(f.action, f.action.replace(/[\\%_]/g, (c) => '\\' + c) + '.%');
  }
  if (f.text) {
    const like = '%' + f.text.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    parts.push("(a.target LIKE ? ESCAPE '\\' OR a.detail LIKE ? ESCAPE '\\')");
    args.push(like, like);
  }
  return { sql: parts.length ? 'WHERE ' + parts.join(' AND ') : '', args };
}

type Row = {
  id: number;
  created_at: string;
  operator_id: number | null;
  operator_name: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  hash: Buffer;
};

function select(ctx: TrustContext, f: AuditFilter, tail: string, extra: (string | number)[]): Row[] {
  const w = where(ctx, f);
  return query(ctx.db).all<Row>(
    `SELECT a.id, a.created_at, a.operator_id, o.name AS operator_name, a.action, a.target, a.detail, a.hash
       FROM audit_log a LEFT JOIN operators o ON o.id = a.operator_id ${w.sql} ORDER BY a.id DESC ${tail}`,
    ...w.args,
    ...extra,
  );
}

export function listAudit(ctx: TrustContext, f: AuditFilter & { offset: number; limit: number }): AuditPage {
  const w = where(ctx, f);
  const total = query(ctx.db).scalar<number>(`SELECT count(*) FROM audit_log a ${w.sql}`, ...w.args);
  const entries: AuditEntryView[] = select(ctx, f, 'LIMIT ? OFFSET ?', [f.limit, f.offset]).map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    operatorId: r.operator_id,
    operatorName: r.operator_name,
    action: r.action,
    label: { zh: auditActionLabel(r.action, 'zh'), en: auditActionLabel(r.action, 'en') },
    target: r.target,
    detail: r.detail,
  }));
  return { entries, total };
}

/** Excel runs a cell that starts with = + - @ as a formula: prefix it so it stays text. */
function csvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The audit log (or a filtered part) as CSV for Excel (UTF-8 with BOM, local times),
 * with each row's chain hash so a printed copy can be matched against the database.
 * The export itself is audited.
 */
export function exportAudit(ctx: TrustContext, operatorId: number, f: AuditFilter): DownloadFile {
  const tz = ctx.settings().timeZone;
  const rows = select(ctx, f, '', []);
  const header = ['序号', '时间', '操作员', '操作', '操作代码', '对象', '详情', '校验哈希'];
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows.reverse()) {
    lines.push(
      [
        r.id,
        localDateTime(r.created_at, tz),
        r.operator_name ?? '系统',
        auditActionLabel(r.action, 'zh'),
        r.action,
        r.target,
        r.detail,
        r.hash.toString('hex').slice(0, 16),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  const { createdAt, businessDate } = ctx.stamp();
  audit(ctx.db, createdAt, operatorId, 'audit.export', null, { rows: rows.length, from: f.from ?? null, to: f.to ?? null });
  const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
  return { fileName: `操作日志-${businessDate}.csv`, mimeType: 'text/csv;charset=utf-8', base64: content.toString('base64') };
}
