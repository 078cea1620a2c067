/**
 * The compact forms of migration 005 must give back exactly the text that was written
 * (and hashed): an instant stored as milliseconds reads back through the table's
 * generated `created_at` as the same toISOString text, for any instant the writers
 * store as a number; anything else is kept as text.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/platform/open.js';
import { storedInstant, storedRequestId } from '../../db/platform/compact-columns.js';
import { chainKeyFrom } from '../../db/books/hash-chain.js';
import { installBooksKey } from '../../db/books/seals.js';

const db = new Database(':memory:');
migrate(db);
// The books' triggers keep keyed chain heads: a connection writes ledger rows only with a key.
installBooksKey(db, chainKeyFrom(Buffer.alloc(32, 1)));
db.pragma('foreign_keys = OFF');
let nextId = 0;
const insert = db.prepare(
  "INSERT INTO ledger (id, household_id, passbook_id, kind, amount, balance_after, business_date, created, operator_id, hash) VALUES (?, 1, 1, 'award', 1, 1, '2026-01-01', ?, 1, x'00')",
);
const readBack = db.prepare('SELECT created_at FROM ledger WHERE id = ?').pluck();
/** Writes an instant the way postToLedger does and reads it back as every reader does. */
const roundTrip = (iso: string) => {
  insert.run(++nextId, storedInstant(iso));
  return readBack.get(nextId) as string;
};

afterAll(() => db.close());

describe('compact instants', () => {
  it('read back as the same toISOString text, for any instant from 1970 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(typeof storedInstant(iso)).toBe('bigint');
        expect(roundTrip(iso)).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });

  it('keep the edges and the counter hours exact', () => {
    for (const iso of [
      '1970-01-01T00:00:00.000Z',
      '2026-11-29T02:00:00.000Z',
      '2026-12-31T23:59:59.999Z',
      '2028-02-29T12:00:00.001Z',
      '9999-12-31T23:59:59.999Z',
    ]) {
      expect(roundTrip(iso)).toBe(iso);
    }
  });

  it('keep any other text as it was', () => {
    for (const iso of ['2026-11-30T09:00:00+08:00', '2026-11-29T02:00:00Z', '1969-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z', 'not a time']) {
      expect(storedInstant(iso)).toBe(iso);
      expect(roundTrip(iso)).toBe(iso);
    }
  });
});

describe('compact request ids', () => {
  it('store the renderer’s 32 hex digits as 16 bytes, which read back as the same hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const id = Buffer.from(bytes).toString('hex');
        const stored = storedRequestId(id);
        expect(Buffer.isBuffer(stored) && stored.length === 16 && stored.toString('hex') === id).toBe(true);
      }),
    );
  });

  it('keep other ids the contract accepts as text', () => {
    for (const id of [
      'double-click-1',
      'demo-3-1-7',
      'ABCDEF0123456789ABCDEF0123456789',
      '0123456789abcdef0123456789abcde',
      '550e8400-e29b-41d4-a716-446655440000',
    ]) {
      expect(storedRequestId(id)).toBe(id);
    }
  });
});
