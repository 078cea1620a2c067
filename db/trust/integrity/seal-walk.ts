import type { Db } from '../../platform/open.js';
import { keyedMacInPlace, type ChainKey } from '../../books/hash-chain.js';
import { SEALED_TABLES, sealBodySql } from '../../books/seals.js';

/**
 * The seal walk's reading, in chunks: SQLite lays out a few thousand seals at a time in
 * one buffer, each seal as the very bytes its keyed hash covers, and the walk hashes them
 * where they lie. Read one row at a time, the walk spent more in better-sqlite3 handing
 * each seal's six values to JavaScript (and in turning the body back into bytes) than in
 * SQLite and the HMAC together: about 6 µs a seal against 2.5 µs now, on a busy day's
 * 36,000 seals (docs/performance.md, issue 17).
 *
 * One record per seal, in id order:
 *   12 ASCII digits  the seal's id
 *    8 ASCII digits  the length of the hashed text, or 99999999 when the sealed row is gone
 *    4 ASCII digits  the length of the stored hash (32 unless someone wrote another)
 *   96 bytes         room for the key's inner pad (64) and the previous seal's hash (32)
 *   the hashed text  chainBody([table, k1, k2, body]) as SQLite builds it (the same bytes)
 *   the stored hash
 */

const REMOVED = 99_999_999;
const HEADER = 24;
const ROOM = 96;
/** Seal ids per chunk: about 1 MB of records on a busy day. */
const CHUNK_IDS = 4096;

/** The sealed row's json_array (the body the trigger sealed), by the seal's table and keys. */
export function sealBodyCaseSql(): string {
  const cases = SEALED_TABLES.map((t) => {
    const where = t.key.length === 2 ? `t.${t.key[0]} = s.k1 AND t.${t.key[1]} = s.k2` : `t.${t.key[0]} = s.k1`;
    return `WHEN '${t.table}' THEN (SELECT ${sealBodySql(t, 't')} FROM ${t.table} t WHERE ${where})`;
  }).join(' ');
  return `CASE s.tbl ${cases} END`;
}

/**
 * chainBody([table, k1, k2, body]) (db/books/hash-chain.ts) in SQL, one printf: a number
 * as `len:n<digits>;`, a text as `len:s<text>;` with its UTF-8 length. The keys are
 * integers (row_seals is STRICT), which SQLite writes as JavaScript's String() does.
 *
 * The innermost select has an OFFSET so that SQLite keeps it as a co-routine rather than
 * flattening it into the select around it, which would compute each body once per use
 * (twice); the record's 96 bytes of room are spaces from printf, overwritten in JavaScript.
 */
function chunkSql(): string {
  const msg = `printf('%d:s%s;%d:n%d;%d:n%d;%d:s%s;', octet_length(tbl) + 1, tbl, length(k1) + 1, k1, length(k2) + 1, k2, octet_length(body) + 1, body)`;
  return `SELECT CAST(group_concat(printf('%012d%08d%04d%${ROOM}s%s', id, iif(body IS NULL, ${REMOVED}, octet_length(msg)), length(hash), '', iif(body IS NULL, '', msg)) || hash, '') AS BLOB)
    FROM (SELECT id, hash, body, ${msg} AS msg
      FROM (SELECT s.id, s.hash, s.tbl, s.k1, s.k2, ${sealBodyCaseSql()} AS body FROM row_seals s WHERE s.id >= ? AND s.id < ? ORDER BY s.id LIMIT -1 OFFSET 0)
      ORDER BY id)`;
}

function digits(buf: Buffer, at: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 10 + buf[at + i]! - 48;
  return v;
}

/** Whether the MAC (latin1: one character a byte) is the `len` bytes of `buf` at `at`. */
function sameBytes(mac: string, buf: Buffer, at: number, len: number): boolean {
  if (mac.length !== len) return false;
  for (let i = 0; i < len; i++) if (mac.charCodeAt(i) !== buf[at + i]) return false;
  return true;
}

export type SealProblem = 'mismatch' | 'removed';

/**
 * Walks the seals with id >= fromId in id order, each checked from the stored hash of the
 * seal before it (`prev`: that hash, or the genesis hash), and calls `bad` for each seal
 * that fails. Returns the seals walked. `chunkIds` only for tests (chunk edges).
 */
export function walkSeals(
  db: Db,
  key: ChainKey,
  fromId: number,
  prev: Buffer,
  bad: (sealId: number, verdict: SealProblem) => void,
  chunkIds = CHUNK_IDS,
): number {
  const chunk = db.prepare(chunkSql()).pluck();
  const maxId = (db.prepare('SELECT MAX(id) FROM row_seals').pluck().get() as number | null) ?? 0;
  let rows = 0;
  let lastId = fromId - 1;
  // The previous seal's stored hash: where it lies (no Buffer made per seal for it).
  let before = prev;
  let beforeAt = 0;
  let beforeLen = prev.length;
  // One snapshot for the whole walk, as the single statement it replaces had.
  db.transaction(() => {
    for (let from = fromId; from <= maxId; from += chunkIds) {
      const buf = chunk.get(from, from + chunkIds) as Buffer | null;
      if (buf === null) continue;
      let at = 0;
      while (at < buf.length) {
        const id = digits(buf, at, 12);
        const msgLen = digits(buf, at + 12, 8);
        const hashLen = digits(buf, at + 20, 4);
        // The order is the walk's meaning (each seal hashes the one before): never assumed.
        if (id <= lastId) throw new Error(`the seal walk read seal ${id} after ${lastId}`);
        lastId = id;
        const room = at + HEADER;
        const end = room + ROOM + (msgLen === REMOVED ? 0 : msgLen);
        if (end + hashLen > buf.length) throw new Error(`the seal walk's chunk ends inside seal ${id}`);
        rows++;
        if (msgLen === REMOVED) bad(id, 'removed');
        else {
          let mac: string;
          if (beforeLen === 32) {
            before.copy(buf, room + 64, beforeAt, beforeAt + 32);
            mac = keyedMacInPlace(key, buf, room, end);
          } else {
            // A stored hash of another length (written behind the app's back): hashed as it is.
            const m = Buffer.concat([Buffer.alloc(64), before.subarray(beforeAt, beforeAt + beforeLen), buf.subarray(room + ROOM, end)]);
            mac = keyedMacInPlace(key, m, 0, m.length);
          }
          if (!sameBytes(mac, buf, end, hashLen)) bad(id, 'mismatch');
        }
        before = buf;
        beforeAt = end;
        beforeLen = hashLen;
        at = end + hashLen;
      }
    }
  })();
  return rows;
}
