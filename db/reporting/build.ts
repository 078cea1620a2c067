/**
 * Turning closed days into signed day reports. A report is built once per close and kept
 * (hub_reports) exactly as signed, so every road carries the same bytes.
 *
 * Which days: closed days in date order, up to the first day that has rows and is still
 * open (reports must follow each other: each names the day before it and starts where it
 * ended). A re-closed day gets a new version that names the one it replaces; it starts
 * from the same heads as the version before it. An empty day closed after a later day was
 * already reported has nothing to say and is left out.
 */
import { AppError } from '../contract/errors.js';
import type { ReportingContext } from '../books/context.js';
import { dayBoundsUtc } from '../domain/day-bounds.js';
import { dayRows, headsAfter } from './day-rows.js';
import { GENESIS_HEADS, REPORT_FORMAT, reportId, type Envelope, type Heads, type ReportBody } from './format/report.js';
import { signText } from './format/signing.js';
import { readRegistration } from './registration.js';
import { readSigningKey } from './signing-key.js';
import { query } from '../platform/query.js';

interface LatestClose {
  id: number;
  business_date: string;
  action: 'close' | 'reopen';
  operator_name: string;
  created_at: string;
  summary: string | null;
}

interface BuiltReport {
  id: number;
  business_date: string;
  version: number;
  close_id: number;
  report_id: string;
  before_heads: string;
  after_heads: string;
}

/** The first day that has rows and is not closed now: reports stop before it. */
function firstOpenDayWithRows(ctx: ReportingContext): string | null {
  return query(ctx.db).scalar<
    string | null
  >(`SELECT MIN(d) FROM (SELECT DISTINCT business_date AS d FROM ledger UNION SELECT DISTINCT business_date FROM stock_movements) x
       WHERE COALESCE((SELECT action FROM day_closes c WHERE c.business_date = x.d ORDER BY c.id DESC LIMIT 1), 'open') <> 'close'`);
}

export function buildPendingReports(ctx: ReportingContext): number {
  const registration = readRegistration(ctx);
  if (!registration) throw new AppError('HUB_NOT_REGISTERED');
  const key = readSigningKey(ctx.dataDir, ctx.sealer);
  if (!key) throw new AppError('HUB_NOT_REGISTERED');
  const stopAt = firstOpenDayWithRows(ctx);
  const closes = query(ctx.db).all<LatestClose>(`SELECT d.id, d.business_date, d.action, o.name AS operator_name, d.created_at, d.summary FROM day_closes d
       JOIN operators o ON o.id = d.operator_id
       WHERE d.id = (SELECT MAX(id) FROM day_closes x WHERE x.business_date = d.business_date) ORDER BY d.business_date`);
  const built = query(ctx.db).all<BuiltReport>('SELECT * FROM hub_reports ORDER BY business_date, version');
  const latestOf = new Map<string, BuiltReport>();
  for (const b of built) latestOf.set(b.business_date, b);
  let last = built.reduce<BuiltReport | null>((m, b) => (m === null || b.business_date > m.business_date ? b : m), null);
  const timeZone = ctx.settings().timeZone;
  let made = 0;

  for (const c of closes) {
    if (c.action !== 'close' || c.summary === null) continue;
    if (stopAt !== null && c.business_date > stopAt) break;
    const previous = latestOf.get(c.business_date);
    if (previous?.close_id === c.id) continue;
    if (!previous && last && c.business_date < last.business_date) continue;

    const before: Heads = previous ? (JSON.parse(previous.before_heads) as Heads) : last ? (JSON.parse(last.after_heads) as Heads) : GENESIS_HEADS;
    const prevDate = previous ? (built.filter((b) => b.business_date < c.business_date).at(-1)?.business_date ?? null) : (last?.business_date ?? null);
    const closeAudit = query(ctx.db).scalar<number | null>("SELECT MAX(id) FROM audit_log WHERE action = 'day.close' AND target = ?", `day:${c.business_date}`);
    const after = headsAfter(ctx.db, c.business_date, closeAudit ?? 0, c.id, before);
    const auditFrom = previous ? (JSON.parse(previous.after_heads) as Heads).auditId : before.auditId;
    const { start, end } = dayBoundsUtc(c.business_date, timeZone);
    const version = (previous?.version ?? 0) + 1;
    const rows = dayRows(ctx.db, { date: c.business_date, start, end, auditFrom, auditTo: after.auditId });

    const householdIds = new Set<number>();
    for (const t of [rows.ledger, rows.redemptions]) {
      const col = t.columns.indexOf('household_id');
      for (const r of t.rows) householdIds.add(Number(r[col]));
    }
    const body: ReportBody = {
      reportId: reportId(registration.villageCode, c.business_date, version),
      villageCode: registration.villageCode,
      date: c.business_date,
      version,
      replaces: previous?.report_id ?? null,
      prevDate,
      closedAt: c.created_at,
      closedBy: c.operator_name,
      timeZone,
      heads: { before, after },
      summary: JSON.parse(c.summary) as ReportBody['summary'],
      households: query(ctx.db).scalar<number>('SELECT count(*) FROM households WHERE created_at < ?', end),
      householdsSeen: householdsSeen(ctx, [...householdIds]),
      operators: ctx.db.prepare('SELECT id, name, role FROM operators ORDER BY id').all() as ReportBody['operators'],
      rows,
    };
    const text = JSON.stringify(body);
    const envelope: Envelope = { format: REPORT_FORMAT, keyFingerprint: registration.fingerprint, body: text, signature: signText(key.privateKeyPem, text) };
    const info = query(ctx.db).run(
      `INSERT INTO hub_reports (business_date, version, close_id, report_id, before_heads, after_heads, file, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      c.business_date,
      version,
      c.id,
      body.reportId,
      JSON.stringify(before),
      JSON.stringify(after),
      JSON.stringify(envelope) + '\n',
      ctx.stamp().createdAt,
    );
    const row: BuiltReport = {
      id: Number(info.lastInsertRowid),
      business_date: c.business_date,
      version,
      close_id: c.id,
      report_id: body.reportId,
      before_heads: JSON.stringify(before),
      after_heads: JSON.stringify(after),
    };
    built.push(row);
    built.sort((a, b) => (a.business_date === b.business_date ? a.version - b.version : a.business_date < b.business_date ? -1 : 1));
    latestOf.set(c.business_date, row);
    if (!last || c.business_date >= last.business_date) last = row;
    made++;
  }
  return made;
}

function householdsSeen(ctx: ReportingContext, ids: number[]): ReportBody['householdsSeen'] {
  if (ids.length === 0) return [];
  const head = ctx.db.prepare('SELECT id, number, head_name FROM households WHERE id = ?');
  const members = ctx.db.prepare('SELECT name FROM members WHERE household_id = ? AND active = 1 ORDER BY id').pluck();
  return ids
    .sort((a, b) => a - b)
    .map((id) => {
      const h = head.get(id) as { id: number; number: string; head_name: string };
      return { id: h.id, number: h.number, headName: h.head_name, memberNames: members.all(id) as string[] };
    });
}
