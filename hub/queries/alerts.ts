/** Alerts, newest day first, paged on the server; gaps are listed with them. */
import type { Sql } from '../db/engine.js';
import { gaps } from './villages.js';

export interface AlertView {
  id: number | null;
  code: string;
  name: string;
  date: string;
  kind: string;
  reportId: string | null;
  detail: Record<string, unknown>;
}

export async function alerts(sql: Sql, opts: { kind?: string | null; limit?: number; offset?: number } = {}): Promise<{ total: number; rows: AlertView[] }> {
  const kind = opts.kind ?? null;
  const gapRows: AlertView[] =
    kind === null || kind === 'gap'
      ? (await gaps(sql)).map((g) => ({
          id: null,
          code: g.code,
          name: g.name,
          date: g.missingDays[0] ?? g.heldDays[0] ?? '',
          kind: 'gap',
          reportId: null,
          detail: { lastAccepted: g.lastAccepted, missingDays: g.missingDays, heldDays: g.heldDays },
        }))
      : [];
  if (kind === 'gap') return { total: gapRows.length, rows: gapRows.slice(opts.offset ?? 0, (opts.offset ?? 0) + (opts.limit ?? 100)) };
  const [count] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM alerts WHERE ($1::text IS NULL OR kind = $1)', [kind]);
  const offset = Math.max(0, (opts.offset ?? 0) - gapRows.length);
  const limit = Math.max(0, (opts.limit ?? 100) - Math.max(0, gapRows.length - (opts.offset ?? 0)));
  const rows = await sql.query<{ id: number; code: string; name: string; date: string; kind: string; report_id: string; detail: Record<string, unknown> }>(
    `SELECT a.id::int AS id, a.village_code AS code, s.village_name AS name, a.business_date::text AS date, a.kind, a.report_id, a.detail
     FROM alerts a JOIN stores s ON s.village_code = a.village_code
     WHERE ($1::text IS NULL OR a.kind = $1)
     ORDER BY (a.kind = 'fork') DESC, a.business_date DESC, a.id DESC LIMIT $2 OFFSET $3`,
    [kind, limit, offset],
  );
  return {
    total: (count?.n ?? 0) + gapRows.length,
    rows: [
      ...gapRows.slice(opts.offset ?? 0),
      ...rows.map((r) => ({ id: r.id, code: r.code, name: r.name, date: r.date, kind: r.kind, reportId: r.report_id, detail: r.detail })),
    ].slice(0, opts.limit ?? 100),
  };
}
