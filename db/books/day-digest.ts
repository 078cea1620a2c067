import { createHash } from 'node:crypto';
import type { Db } from '../platform/open.js';

/**
 * A SHA-256 over every row dated into one business day: ledger rows (their chain
 * hashes, which already cover every field), stock movements, receipts with their lines,
 * and voids. Stored in the close's summary; recomputing it later proves the closed day
 * is unchanged (or shows that it is not). Rows are fed in id order with every field
 * length-prefixed, so no two different days can feed the same bytes.
 */
export function dayDigest(db: Db, date: string): string {
  const h = createHash('sha256');
  // The same bytes as one update per field (closed days' stored digests must keep
  // matching), gathered into chunks: thousands of tiny updates into the native hash
  // cost more than the hashing itself on a busy day.
  let chunk = '';
  const feed = (tag: string, rows: Iterable<unknown[]>) => {
    chunk += `[${tag}]`;
    for (const row of rows) {
      for (const f of row) {
        const s = f === null ? '\u0000' : Buffer.isBuffer(f) ? f.toString('hex') : String(f);
        chunk += `${Buffer.byteLength(s)}:${s};`;
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
  const rows = (sql: string) => db.prepare(sql).raw().iterate(date) as IterableIterator<unknown[]>;
  feed('ledger', rows('SELECT id, hash FROM ledger WHERE business_date = ? ORDER BY id'));
  feed(
    'stock',
    rows(
      `SELECT id, goods_id, kind, quantity, stock_after, created_at, operator_id, ref_type, ref_id, note
       FROM stock_movements WHERE business_date = ? ORDER BY id`,
    ),
  );
  feed(
    'redemptions',
    rows(
      `SELECT id, receipt_no, request_id, household_id, passbook_id, member_id, operator_id, total, balance_before, balance_after,
         created_at, ledger_id FROM redemptions WHERE business_date = ? ORDER BY id`,
    ),
  );
  feed(
    'lines',
    rows(
      `SELECT l.redemption_id, l.line_no, l.goods_id, l.name, l.unit, l.unit_points, l.quantity, l.line_points
       FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date = ? ORDER BY l.redemption_id, l.line_no`,
    ),
  );
  feed(
    'voids',
    rows('SELECT id, redemption_id, request_id, reason, operator_id, approved_by, created_at, ledger_id FROM voids WHERE business_date = ? ORDER BY id'),
  );
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
