import type { Db } from '../platform/open.js';
import { chainBody, keyedChainHash, keyedMacHex, setBooksKey, type ChainKey } from './hash-chain.js';
export { SEALED_TABLES, HEAD_CHAINS, sealBodySql, type HeadChain } from '../platform/migrations/007_keyed_books.js';

/**
 * Row seals: the books' tables that have no hash chain of their own (stock movements,
 * receipts and their lines, voids, point entries, notices, objections, day closes…) are
 * covered by one keyed chain, `row_seals`, written by AFTER INSERT triggers. Each seal is
 * HMAC(previous seal, table, key, the row's columns as SQLite's json_array gives them), so
 * the writers need no change, a row inserted from the sqlite3 shell fails (it has no
 * `books_seal` function), and `verify` recomputes the very same json_array from the row as
 * it stands now: a changed, removed, reordered or unsealed row is named.
 *
 * `chain_heads` holds, per chain (ledger, audit_log, row_seals), the last row, the number
 * of rows and a MAC over both, kept by triggers in the transaction that appends: a tail
 * cut off behind the app's back leaves a head that names rows that are no longer there.
 */

/** The seal of one row: HMAC(previous seal's hash, table, key, body). */
export function sealHash(key: ChainKey, prev: Buffer | null, table: string, k1: number, k2v: number, body: string): Buffer {
  return keyedChainHash(key, prev ?? Buffer.alloc(32), [table, k1, k2v, body]);
}

/** The MAC of a chain head: which chain, its last row, how many rows, the last row's hash. */
export function headMac(key: ChainKey, chain: string, lastId: number, n: number, lastHashHex: string): string {
  return keyedMacHex(key, chainBody([chain, lastId, n, lastHashHex]));
}

/**
 * Gives a connection the books' key: the writers' chains, and the two SQL functions the
 * seal and head triggers call. Without them (the sqlite3 shell, a connection opened
 * without the key), any insert into a sealed table fails.
 */
export function installBooksKey(db: Db, key: ChainKey): void {
  setBooksKey(db, key);
  db.function('books_seal', { deterministic: true }, (prev: unknown, table: unknown, a: unknown, b: unknown, body: unknown) =>
    sealHash(key, Buffer.isBuffer(prev) ? prev : null, String(table), Number(a), Number(b), String(body)),
  );
  db.function('books_head', { deterministic: true }, (chain: unknown, lastId: unknown, n: unknown, hash: unknown) =>
    headMac(key, String(chain), Number(lastId), Number(n), Buffer.isBuffer(hash) ? hash.toString('hex') : ''),
  );
}
