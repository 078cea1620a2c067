/**
 * The full verify's raw baseline (issue 17): the same rows read with better-sqlite3 (the
 * ledger's and the audit log's hashed columns, every seal with the row it seals, by the
 * very SELECTs the verify uses) and one plain createHmac per row over the same bytes, on
 * one thread, with no checks beyond comparing each hash. What SQLite plus HMAC cost
 * before any of the verify's own work.
 */
import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { auditFields } from '../../../db/books/audit.js';
import { chainBody, type ChainField } from '../../../db/books/hash-chain.js';
import { ledgerFields, type LedgerRowForHash } from '../../../db/books/ledger.js';
import { sealWalkSql } from '../../../db/trust/integrity/keyed-checks.js';
import { loadOrCreateSecret } from '../../../db/platform/crypto/secret.js';

/** The hashed column names, read off the writers' field lists (as chain-walk.ts does). */
function columns(fields: (row: never) => readonly unknown[]): string[] {
  return fields(new Proxy({}, { get: (_t, k) => k }) as never).map(String);
}

export function rawVerify(file: string, dataDir: string): { rows: number; mismatches: number } {
  const key = createHmac('sha256', loadOrCreateSecret(dataDir)).update('books-chain').digest();
  const db = new Database(file, { readonly: true });
  let rows = 0;
  let mismatches = 0;
  try {
    for (const [table, cols] of [
      ['ledger', columns(ledgerFields as (r: LedgerRowForHash) => readonly unknown[])],
      ['audit_log', columns(auditFields)],
    ] as const) {
      let prev = '0'.repeat(64);
      const n = cols.length;
      for (const r of db
        .prepare(`SELECT id, ${cols.join(', ')}, lower(hex(hash)) FROM ${table} ORDER BY id`)
        .raw()
        .iterate() as IterableIterator<ChainField[]>) {
        rows++;
        const hash = r[n + 1] as string;
        if (
          createHmac('sha256', key)
            .update(prev, 'hex')
            .update(chainBody(r, 1, n + 1))
            .digest('hex') !== hash
        )
          mismatches++;
        prev = hash;
      }
    }
    let prev = '0'.repeat(64);
    for (const r of db.prepare(sealWalkSql()).raw().iterate(1) as IterableIterator<[number, string, number, number, string, string | null]>) {
      rows++;
      const [, table, k1, k2, hash, body] = r;
      if (
        createHmac('sha256', key)
          .update(prev, 'hex')
          .update(chainBody([table, k1, k2, body]))
          .digest('hex') !== hash
      )
        mismatches++;
      prev = hash;
    }
  } finally {
    db.close();
  }
  return { rows, mismatches };
}
