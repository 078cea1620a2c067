import type { Db } from '../../platform/open.js';
import { dayDigest, summaryHash } from '../../books/day-digest.js';
import type { VerifyProblem } from './verify.js';
import { booksKeyOf } from '../../books/hash-chain.js';
import { headMac } from '../../books/seals.js';
import { query } from '../../platform/query.js';

/** The chain_heads row that marks the closes made before the keyed books (migration 007). */
export const LEGACY_DIGESTS = 'legacy_digests';

/** Closes up to this id signed digests over the old plain hashes (0: none). */
function legacyDigestsUntil(db: Db): number {
  const key = booksKeyOf(db);
  if (!key || query(db).get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_heads'") === undefined) return 0;
  const r = query(db).get<{ last_id: number; mac: string | null }>('SELECT last_id, mac FROM chain_heads WHERE chain = ?', LEGACY_DIGESTS);
  return r && r.mac === headMac(key, LEGACY_DIGESTS, r.last_id, 0, '') ? r.last_id : 0;
}

/**
 * The closed days' totals still hold: the closes' own hash chain (each summary hashed
 * with the previous close's hash), and for every day that is closed now, the digest of
 * its rows recomputed equals the one signed off in its summary — so a row changed,
 * added or removed in a closed day is named by its close.
 */
export function checkClosedDays(db: Db, add: (p: VerifyProblem) => void): number {
  let prev: Buffer | null = null;
  const closes = db.prepare("SELECT id, business_date, summary, summary_hash FROM day_closes WHERE action = 'close' ORDER BY id").all() as {
    id: number;
    business_date: string;
    summary: string | null;
    summary_hash: Buffer | null;
  }[];
  for (const c of closes) {
    if (c.summary === null || c.summary_hash === null) {
      add({ table: 'day_closes', rowId: c.id, code: 'CLOSE_NO_SUMMARY', params: { date: c.business_date } });
      continue;
    }
    if (!summaryHash(prev, c.summary).equals(c.summary_hash)) {
      add({ table: 'day_closes', rowId: c.id, code: 'CLOSE_SUMMARY_EDITED', params: { date: c.business_date } });
    }
    prev = c.summary_hash;
  }
  const closedNow = db
    .prepare(
      `SELECT d.id, d.business_date, d.summary FROM day_closes d
       WHERE d.action = 'close' AND d.id = (SELECT MAX(id) FROM day_closes x WHERE x.business_date = d.business_date)`,
    )
    .all() as { id: number; business_date: string; summary: string | null }[];
  const legacyUntil = legacyDigestsUntil(db);
  for (const c of closedNow) {
    if (c.id <= legacyUntil) continue;
    let digest: unknown;
    try {
      digest = (JSON.parse(c.summary ?? 'null') as { digest?: unknown } | null)?.digest;
    } catch {
      digest = undefined;
    }
    if (typeof digest !== 'string') continue;
    if (dayDigest(db, c.business_date) !== digest) {
      add({ table: 'day_closes', rowId: c.id, code: 'CLOSED_DAY_CHANGED', params: { date: c.business_date } });
    }
  }
  return closes.length;
}
