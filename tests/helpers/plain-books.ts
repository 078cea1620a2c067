/**
 * Turns a store's keyed books back into what a store from before migration 007 had: plain
 * SHA-256 ledger and audit chains, closes that signed digests over those plain hashes, and no
 * keyed checkpoint. The migration tests need genuinely old books, since 007 verifies the old
 * chains before it re-keys them. Runs inside the caller's transaction.
 */
import type Database from 'better-sqlite3';
import { auditFields } from '../../db/books/audit.js';
import { dayDigest, summaryHash } from '../../db/books/day-digest.js';
import { chainHash, GENESIS } from '../../db/books/hash-chain.js';
import { ledgerFields, type LedgerRowForHash } from '../../db/books/ledger.js';

export function rehashPlain(db: Database.Database): void {
  db.prepare("DELETE FROM settings WHERE key = 'integrity.checkpoint'").run();
  let prev: Buffer = GENESIS;
  for (const r of db.prepare('SELECT * FROM ledger ORDER BY id').all() as (LedgerRowForHash & { id: number })[]) {
    prev = chainHash(prev, ledgerFields(r));
    db.prepare('UPDATE ledger SET hash = ? WHERE id = ?').run(prev, r.id);
  }
  prev = GENESIS;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').all() as (Parameters<typeof auditFields>[0] & { id: number })[]) {
    prev = chainHash(prev, auditFields(r));
    db.prepare('UPDATE audit_log SET hash = ? WHERE id = ?').run(prev, r.id);
  }
  // The closes signed digests over the ledger hashes: as an old store made them, plain.
  let prevClose: Buffer | null = null;
  for (const c of db.prepare("SELECT id, business_date, summary FROM day_closes WHERE action = 'close' ORDER BY id").all() as {
    id: number;
    business_date: string;
    summary: string;
  }[]) {
    const summary = JSON.stringify({ ...(JSON.parse(c.summary) as object), digest: dayDigest(db, c.business_date) });
    prevClose = summaryHash(prevClose, summary);
    db.prepare('UPDATE day_closes SET summary = ?, summary_hash = ? WHERE id = ?').run(summary, prevClose, c.id);
  }
}
