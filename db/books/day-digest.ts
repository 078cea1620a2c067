import { createHash } from 'node:crypto';
import type { Db } from '../platform/open.js';

/**
 * The day's rows, each table read once (in id order) with the columns the digest hashes
 * first and, after them, what the day close derives its summary and reconciliation from:
 * at a busy day (5,000 receipts, about 45,000 rows) reading the same rows once per figure
 * was most of a close's own cost.
 */
export interface DayRows {
  /** id, hash | kind, amount, household_id, passbook_id, ref_type, ref_id, corrects_id, business_date */
  ledger: unknown[][];
  /** id, goods_id, kind, quantity, stock_after, created_at, operator_id, ref_type, ref_id, note */
  stock: unknown[][];
  /** id, receipt_no, request_id, household_id, passbook_id, member_id, operator_id, total, balance_before, balance_after, created_at, ledger_id */
  redemptions: unknown[][];
  /** redemption_id, line_no, goods_id, name, unit, unit_points, quantity, line_points */
  lines: unknown[][];
  /** id, redemption_id, request_id, reason, operator_id, approved_by, created_at, ledger_id | the receipt's receipt_no, total, ledger_id, business_date (null without one) */
  voids: unknown[][];
}

/** How many leading columns of each table's rows the digest hashes. */
const DIGESTED = { ledger: 2, stock: 10, redemptions: 12, lines: 8, voids: 8 } as const;

export function readDayRows(db: Db, date: string): DayRows {
  const rows = (sql: string) => db.prepare(sql).raw().all(date) as unknown[][];
  return {
    ledger: rows(
      `SELECT id, hash, kind, amount, household_id, passbook_id, ref_type, ref_id, corrects_id, business_date
       FROM ledger WHERE business_date = ? ORDER BY id`,
    ),
    stock: rows(
      `SELECT id, goods_id, kind, quantity, stock_after, created_at, operator_id, ref_type, ref_id, note
       FROM stock_movements WHERE business_date = ? ORDER BY id`,
    ),
    redemptions: rows(
      `SELECT id, receipt_no, request_id, household_id, passbook_id, member_id, operator_id, total, balance_before, balance_after,
         created_at, ledger_id FROM redemptions WHERE business_date = ? ORDER BY id`,
    ),
    lines: rows(
      `SELECT l.redemption_id, l.line_no, l.goods_id, l.name, l.unit, l.unit_points, l.quantity, l.line_points
       FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date = ? ORDER BY l.redemption_id, l.line_no`,
    ),
    voids: rows(
      `SELECT v.id, v.redemption_id, v.request_id, v.reason, v.operator_id, v.approved_by, v.created_at, v.ledger_id,
         r.receipt_no, r.total, r.ledger_id, r.business_date
       FROM voids v LEFT JOIN redemptions r ON r.id = v.redemption_id WHERE v.business_date = ? ORDER BY v.id`,
    ),
  };
}

/**
 * A SHA-256 over every row dated into one business day: ledger rows (their chain
 * hashes, which already cover every field), stock movements, receipts with their lines,
 * and voids. Stored in the close's summary; recomputing it later proves the closed day
 * is unchanged (or shows that it is not). Rows are fed in id order with every field
 * length-prefixed, so no two different days can feed the same bytes.
 */
export function dayDigest(db: Db, date: string): string {
  return dayDigestOf(readDayRows(db, date));
}

/** The digest of rows already read (the day close reads them once for everything). */
export function dayDigestOf(day: DayRows): string {
  const h = createHash('sha256');
  // The same bytes as one update per field (closed days' stored digests must keep
  // matching), gathered into chunks: thousands of tiny updates into the native hash
  // cost more than the hashing itself on a busy day.
  let chunk = '';
  const feed = (tag: keyof DayRows) => {
    const width = DIGESTED[tag];
    chunk += `[${tag}]`;
    for (const row of day[tag]) {
      for (let i = 0; i < width; i++) {
        const f = row[i];
        const s = f === null ? '\u0000' : Buffer.isBuffer(f) ? f.toString('hex') : String(f);
        // Text without characters beyond ASCII is as many bytes as characters long.
        chunk += `${typeof f === 'number' ? s.length : Buffer.byteLength(s)}:${s};`;
      }
      chunk += '\n';
      if (chunk.length > 65_536) {
        h.update(chunk);
        chunk = '';
      }
    }
    h.update(chunk);
    chunk = '';
  };
  feed('ledger');
  feed('stock');
  feed('redemptions');
  feed('lines');
  feed('voids');
  return h.digest('hex');
}

/**
 * The hash stored with a close: SHA-256 over the previous close's hash and the summary
 * exactly as stored, so the closes form a chain too and a summary edited behind the
 * app's back no longer matches.
 */
export function summaryHash(prev: Buffer | null, summaryJson: string): Buffer {
  return createHash('sha256')
    .update(prev ?? Buffer.alloc(32))
    .update(summaryJson)
    .digest();
}
