/**
 * How the big append-only tables store two values compactly (migration 005), without
 * changing what any reader sees or a single hashed byte.
 *
 * - An instant (`created_at`, written by core.stamp() as `Date.toISOString()`, 24 bytes of
 *   text) is stored in the `created` column as INTEGER milliseconds (6 bytes); the table's
 *   `created_at` is a VIRTUAL generated column that formats it back to the same text. An
 *   instant that would not come back byte for byte (another format, a year outside
 *   0000–9999, before 1970) is stored as its text, unchanged.
 * - A request id the app makes (32 lower-case hex digits, renderer/src/lib/requestId.ts) is
 *   stored as its 16 bytes; any other id the contract accepts stays text. The day digest
 *   feeds a BLOB as lower-case hex, so it reads the same characters as before.
 *
 * The SQL that formats `created` lives in the migration (frozen once shipped); the test
 * tests/property/compact-columns.test.ts proves it agrees with toISOString.
 */

/** 9999-12-31T23:59:59.999Z: the last instant toISOString writes without a sign. */
const LAST_PLAIN_MS = 253_402_300_799_999;

/** A bigint, because better-sqlite3 binds every JS number as REAL and `created` is typed ANY. */
export function storedInstant(iso: string): bigint | string {
  const ms = Date.parse(iso);
  if (Number.isSafeInteger(ms) && ms >= 0 && ms <= LAST_PLAIN_MS && new Date(ms).toISOString() === iso) return BigInt(ms);
  return iso;
}

const APP_REQUEST_ID = /^[0-9a-f]{32}$/;

export function storedRequestId(requestId: string): Buffer | string {
  return APP_REQUEST_ID.test(requestId) ? Buffer.from(requestId, 'hex') : requestId;
}
