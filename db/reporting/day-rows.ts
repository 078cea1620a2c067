/**
 * Every row dated into one business day, table by table, as the day report carries them:
 * the columns named once, then the rows as arrays (blobs as hex). Read in id order so the
 * same closed day always gives the same rows.
 */
import type { Db } from '../platform/open.js';
import type { Heads, ReportTable, ReportTableName } from './format/report.js';
import { query } from '../platform/query.js';

type Cell = string | number | null;

function table(db: Db, sql: string, params: Record<string, unknown>): ReportTable {
  const stmt = db.prepare(sql);
  const columns = stmt.columns().map((c) => c.name);
  const rows = (stmt.raw().all(params) as unknown[][]).map((r) =>
    r.map((v): Cell => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? Number(v) : (v as Cell))),
  );
  return { columns, rows };
}

export interface DayWindow {
  date: string;
  /** [start, end) of the day as UTC instants, for rows that carry only an instant. */
  start: string;
  end: string;
  /** The audit rows after this id and up to `auditTo` belong to this report. */
  auditFrom: number;
  auditTo: number;
}

export function dayRows(db: Db, w: DayWindow): Record<ReportTableName, ReportTable> {
  const p = { d: w.date, start: w.start, end: w.end, auditFrom: w.auditFrom, auditTo: w.auditTo };
  // Entries: those recorded this day, and those whose posting reached the ledger this day.
  const entryIds = `(SELECT id FROM point_entries WHERE created_at >= @start AND created_at < @end
                     UNION SELECT ref_id FROM ledger WHERE business_date = @d AND ref_type = 'entry')`;
  return {
    ledger: table(db, 'SELECT * FROM ledger WHERE business_date = @d ORDER BY id', p),
    redemptions: table(db, 'SELECT * FROM redemptions WHERE business_date = @d ORDER BY id', p),
    redemption_lines: table(
      db,
      'SELECT l.* FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date = @d ORDER BY l.redemption_id, l.line_no',
      p,
    ),
    voids: table(db, 'SELECT * FROM voids WHERE business_date = @d ORDER BY id', p),
    stock_movements: table(db, 'SELECT * FROM stock_movements WHERE business_date = @d ORDER BY id', p),
    point_entries: table(db, `SELECT * FROM point_entries WHERE id IN ${entryIds} ORDER BY id`, p),
    entry_postings: table(db, `SELECT * FROM entry_postings WHERE entry_id IN ${entryIds} ORDER BY entry_id`, p),
    notices: table(
      db,
      `SELECT * FROM notices WHERE (created_at >= @start AND created_at < @end)
         OR id IN (SELECT notice_id FROM notice_postings WHERE business_date = @d) ORDER BY id`,
      p,
    ),
    notice_postings: table(db, 'SELECT * FROM notice_postings WHERE business_date = @d ORDER BY notice_id', p),
    objections: table(db, 'SELECT * FROM objections WHERE business_date = @d ORDER BY id', p),
    day_closes: table(
      db,
      'SELECT id, business_date, action, operator_id, created_at, reason, summary_hash FROM day_closes WHERE business_date = @d ORDER BY id',
      p,
    ),
    audit_log: table(db, 'SELECT * FROM audit_log WHERE id > @auditFrom AND id <= @auditTo ORDER BY id', p),
  };
}

/**
 * Where the chains stand at the end of a closed day: the day's own last ledger row and
 * stock movement (or the heads before it when it has none), the audit row of its close,
 * the row seal of its close record and the close's own summary hash. Rows are taken as
 * stored, so whatever the chains are keyed with (plain SHA-256 or the installation's
 * HMAC) is what the hub compares.
 */
export function headsAfter(db: Db, date: string, closeAuditId: number, closeId: number, before: Heads): Heads {
  const l = query(db).get<{ id: number; hash: Buffer }>('SELECT id, hash FROM ledger WHERE business_date = ? ORDER BY id DESC LIMIT 1', date);
  const s = query(db).scalar<number | null>('SELECT MAX(id) FROM stock_movements WHERE business_date = ?', date);
  const auditId = Math.max(closeAuditId, before.auditId);
  const a = query(db).get<{ id: number; hash: Buffer }>('SELECT id, hash FROM audit_log WHERE id = ?', auditId);
  return {
    ledgerId: l?.id ?? before.ledgerId,
    ledgerHash: l ? l.hash.toString('hex') : before.ledgerHash,
    auditId: a?.id ?? before.auditId,
    auditHash: a ? a.hash.toString('hex') : before.auditHash,
    stockId: s ?? before.stockId,
    ...sealAndCloseHeads(db, closeId, before),
  };
}

function sealAndCloseHeads(db: Db, closeId: number, before: Heads): Pick<Heads, 'sealId' | 'sealHash' | 'closeId' | 'closeHash'> {
  // A close made before the books were sealed (migration 007 seals what was there) has
  // no seal of its own; the chain then stands where it stood before.
  const seal = query(db).get<{ id: number; hash: Buffer }>("SELECT id, hash FROM row_seals WHERE tbl = 'day_closes' AND k1 = ? AND k2 = 0", closeId);
  const close = query(db).scalar<Buffer | null | undefined>('SELECT summary_hash FROM day_closes WHERE id = ?', closeId);
  return {
    sealId: seal?.id ?? before.sealId ?? 0,
    sealHash: seal ? seal.hash.toString('hex') : (before.sealHash ?? ''),
    closeId,
    closeHash: close ? close.toString('hex') : '',
  };
}
