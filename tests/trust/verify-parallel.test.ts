/**
 * The full verify at county scale shares its work with a helper thread, and the hash
 * walks read only what each table stores. Whatever the route, the report must be the one
 * the single-threaded walk gives: same problems, same rows, same order, same cap.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainWalker, GENESIS_HEX, type ChainProblem } from '../../db/trust/integrity/chain-walk.js';
import { chainHash, GENESIS } from '../../db/books/hash-chain.js';
import { auditFields } from '../../db/books/audit.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { freshCore, tempDir } from '../helpers/core.js';

/** What someone with the sqlite3 shell would do: drop the guards, then edit. */
function unguard(db: Database.Database): void {
  db.pragma('foreign_keys = OFF');
  for (const t of ['ledger_no_update', 'ledger_no_delete', 'audit_log_no_update', 'audit_log_no_delete']) db.exec(`DROP TRIGGER IF EXISTS ${t}`);
}

describe('full verify with a helper thread', () => {
  let env: ReturnType<typeof freshCore>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 40 });
  });
  afterEach(() => env.close());

  function bothWays() {
    const alone = verifyDatabase(env.core.db, { keyring: env.core.keyring, helper: 'off' });
    let stats: { helperStarted: boolean; quickOn: string; helperChunks: number; mainChunks: number } | undefined;
    const shared = verifyDatabase(env.core.db, { keyring: env.core.keyring, helper: 'force', chunkRows: 7, onStats: (s) => (stats = s) });
    return { alone, shared, stats: stats! };
  }

  it('passes good data, the helper doing the quick_check and its share of the chunks', () => {
    const { alone, shared, stats } = bothWays();
    expect(alone).toMatchObject({ ok: true, problems: [] });
    expect(shared).toEqual(alone);
    expect(stats.helperStarted).toBe(true);
    expect(stats.quickOn).toBe('helper');
    const rows = env.core.db.prepare('SELECT MAX(id) - MIN(id) + 1 FROM ledger').pluck().get() as number;
    expect(stats.helperChunks + stats.mainChunks).toBe(Math.ceil(rows / 7));
  });

  it('reports edits, removals and cache damage exactly as the main thread alone does', () => {
    const db = env.core.db;
    unguard(db);
    const ids = db.prepare('SELECT id FROM ledger ORDER BY id').pluck().all() as number[];
    const at = (f: number) => ids[Math.floor(ids.length * f)]!;
    db.prepare('UPDATE ledger SET amount = amount + 1 WHERE id = ?').run(at(0.2));
    db.prepare('DELETE FROM ledger WHERE id = ?').run(at(0.5));
    db.prepare("UPDATE ledger SET note = '改过' WHERE id = ?").run(at(0.8));
    db.prepare('UPDATE accounts SET balance = balance + 9 WHERE (household_id, passbook_id) = (SELECT household_id, passbook_id FROM accounts LIMIT 1)').run();
    const { alone, shared } = bothWays();
    expect(alone.ok).toBe(false);
    expect(alone.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'ledger', rowId: at(0.2), code: 'ROW_CHANGED' }),
        expect.objectContaining({ table: 'ledger', rowId: at(0.8), code: 'ROW_CHANGED' }),
        expect.objectContaining({ table: 'accounts' }),
      ]),
    );
    // The row after the removed one no longer links to its predecessor.
    expect(alone.problems.some((p) => p.table === 'ledger' && Number(p.rowId) > at(0.5) && Number(p.rowId) <= at(0.5) + 1)).toBe(true);
    expect(shared).toEqual(alone);
  });

  it('keeps the first 200 problems in row order when every row is damaged', () => {
    const db = env.core.db;
    unguard(db);
    db.exec("UPDATE ledger SET note = 'x'");
    const rows = db.prepare('SELECT count(*) FROM ledger').pluck().get() as number;
    const { alone, shared } = bothWays();
    // The dropped guards are named too now (schema check): count the ledger's own problems.
    const ledger = alone.problems.filter((p) => p.table === 'ledger');
    expect(ledger).toHaveLength(Math.min(200, rows));
    const ids = ledger.map((p) => Number(p.rowId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(shared).toEqual(alone);
  });

  it('a row with an id far beyond the others does not make it walk empty ranges', () => {
    const db = env.core.db;
    unguard(db);
    const far = 1_000_000_000_000;
    const cols = (db.prepare("SELECT name FROM pragma_table_xinfo('ledger') WHERE hidden = 0 AND name <> 'id'").pluck().all() as string[]).join(', ');
    db.prepare(`INSERT INTO ledger (id, ${cols}) SELECT ?, ${cols} FROM ledger ORDER BY id DESC LIMIT 1`).run(far);
    const { alone, shared } = bothWays();
    expect(alone.problems).toContainEqual(expect.objectContaining({ table: 'ledger', rowId: far }));
    expect(shared).toEqual(alone);
  });
});

describe('the chain walk reads prev_hash only where the table stores it', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  /** A bare audit_log of six rows, chained as the writer chains them. */
  function auditLog(withPrevHash: boolean): Database.Database {
    const db = new Database(join(tmp.dir, `audit-${String(withPrevHash)}.sqlite`));
    db.exec(`CREATE TABLE audit_log (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, operator_id INTEGER, action TEXT NOT NULL,
      target TEXT, detail TEXT, ${withPrevHash ? 'prev_hash BLOB NOT NULL, ' : ''}hash BLOB NOT NULL) STRICT`);
    let prev: Buffer = GENESIS;
    for (let i = 1; i <= 6; i++) {
      const row = {
        created_at: `2026-11-29T0${i}:00:00.000Z`,
        operator_id: i % 2 === 0 ? null : i,
        action: 'test.row',
        target: `第${i}行`,
        detail: i === 3 ? null : JSON.stringify({ i }),
      };
      const hash = chainHash(prev, auditFields(row));
      const values = [i, row.created_at, row.operator_id, row.action, row.target, row.detail, ...(withPrevHash ? [prev] : []), hash];
      db.prepare(`INSERT INTO audit_log VALUES (${values.map(() => '?').join(', ')})`).run(...values);
      prev = hash;
    }
    return db;
  }

  function walk(db: Database.Database): ChainProblem[] {
    const found: ChainProblem[] = [];
    chainWalker(db, 'audit_log', null).walk(Number.MIN_SAFE_INTEGER, null, GENESIS_HEX, found, 200);
    return found;
  }

  for (const withPrevHash of [true, false]) {
    it(
      withPrevHash ? 'with prev_hash: a removed row breaks the link, an edited row its hash' : 'without prev_hash: both show as a hash that does not match',
      () => {
        const db = auditLog(withPrevHash);
        try {
          expect(walk(db)).toEqual([]);
          // From the middle, starting at the hash of the row before.
          // A bare table chained with plain SHA-256: the walker's unkeyed mode (the upgrade's).
          const w = chainWalker(db, 'audit_log', null);
          const mid: ChainProblem[] = [];
          expect(w.walk(4, null, w.hashBefore(4), mid, 200)).toBe(3);
          expect(mid).toEqual([]);
          db.prepare("UPDATE audit_log SET target = '改' WHERE id = 2").run();
          db.prepare('DELETE FROM audit_log WHERE id = 4').run();
          expect(walk(db)).toEqual([
            { rowId: 2, seq: 1, code: 'ROW_CHANGED' },
            withPrevHash ? { rowId: 5, seq: 0, code: 'CHAIN_UNLINKED' } : { rowId: 5, seq: 1, code: 'ROW_CHANGED' },
          ]);
        } finally {
          db.close();
        }
      },
    );
  }
});
