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
  // Forks first, then the rest, each newest first: read as two parts, each in the order of
  // an index (alerts_kind_date for forks or one kind, alerts_date for the rest), instead of
  // sorting every alert by an expression no index serves.
  const [count] = await sql.query<{ n: number; forks: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE kind = 'fork')::int AS forks FROM alerts WHERE ($1::text IS NULL OR kind = $1)`,
    [kind],
  );
  const forks = count?.forks ?? 0;
  const offset = Math.max(0, (opts.offset ?? 0) - gapRows.length);
  const limit = Math.max(0, (opts.limit ?? 100) - Math.max(0, gapRows.length - (opts.offset ?? 0)));
  const select = `SELECT a.id::int AS id, a.village_code AS code, s.village_name AS name, a.business_date::text AS date, a.kind, a.report_id, a.detail
     FROM alerts a JOIN stores s ON s.village_code = a.village_code`;
  type Row = { id: number; code: string; name: string; date: string; kind: string; report_id: string; detail: Record<string, unknown> };
  const rows: Row[] = [];
  if (offset < forks && limit > 0 && (kind === null || kind === 'fork'))
    rows.push(...(await sql.query<Row>(`${select} WHERE a.kind = 'fork' ORDER BY a.business_date DESC, a.id DESC LIMIT $1 OFFSET $2`, [limit, offset])));
  if (rows.length < limit && kind !== 'fork')
    rows.push(
      ...(await sql.query<Row>(
        `${select} WHERE ${kind === null ? `a.kind <> 'fork'` : 'a.kind = $3'} ORDER BY a.business_date DESC, a.id DESC LIMIT $1 OFFSET $2`,
        [limit - rows.length, Math.max(0, offset - forks), ...(kind === null ? [] : [kind])],
      )),
    );
  return {
    total: (count?.n ?? 0) + gapRows.length,
    rows: [
      ...gapRows.slice(opts.offset ?? 0),
      ...rows.map((r) => ({ id: r.id, code: r.code, name: r.name, date: r.date, kind: r.kind, reportId: r.report_id, detail: r.detail })),
    ].slice(0, opts.limit ?? 100),
  };
}
