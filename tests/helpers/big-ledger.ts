/**
 * A big ledger, fast: N rows written with one INSERT … SELECT (random hashes, which is
 * fine for rows older than the checkpoint: only the full verify walks those), then the
 * account caches set to match, then one real posting on top so the chain head is genuine.
 * Used to show that the start-up check does not grow with the ledger.
 */
import type { Core } from '../../db/core.js';
import { storedInstant } from '../../db/platform/compact-columns.js';
import { postToLedger } from '../../db/books/ledger.js';
import { points as toPoints } from '../../db/domain/amounts.js';

export function fillLedger(core: Core, rows: number, households = 1000): void {
  const db = core.db;
  const { createdAt, businessDate } = core.stamp();
  db.transaction(() => {
    db.prepare("INSERT OR IGNORE INTO village_groups (id, name) VALUES (9000, '压力测试组')").run();
    db.prepare("INSERT OR IGNORE INTO passbooks (id, code, name, is_default) VALUES (9000, 'bench', '压力测试存折', 0)").run();
    db.prepare("INSERT OR IGNORE INTO operators (id, name, role, pin_hash, created_at) VALUES (9000, '压测', 'admin', 'x', ?)").run(createdAt);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
       INSERT INTO households (id, number, group_id, head_name, created_at) SELECT 900000 + i, 'B-' || i, 9000, '压测户', ? FROM n`,
    ).run(households, createdAt);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
       INSERT INTO ledger (household_id, passbook_id, kind, amount, balance_after, honour_delta, business_date, created, operator_id, note, hash)
       SELECT 900000 + (i % CAST(? AS INTEGER)), 9000, 'award', 1, i / CAST(? AS INTEGER) + 1, 1, ?, ?, 9000, NULL, randomblob(32) FROM n`,
    ).run(rows, households, households, businessDate, storedInstant(createdAt));
    db.prepare(
      `INSERT INTO accounts (household_id, passbook_id, balance, honour_total)
       SELECT household_id, 9000, count(*), count(*) FROM ledger WHERE passbook_id = 9000 GROUP BY household_id`,
    ).run();
  })();
  db.transaction(() => {
    postToLedger(db, {
      householdId: 900000,
      passbookId: 9000,
      kind: 'award',
      amount: toPoints(1),
      honourDelta: toPoints(1),
      businessDate,
      createdAt,
      operatorId: 9000,
    });
  })();
}

/** Real postings spread over `accounts` households, as a day at the counter would add. */
export function postMore(core: Core, count: number, accounts = 200): void {
  const { createdAt, businessDate } = core.stamp();
  core.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      postToLedger(core.db, {
        householdId: 900000 + (i % accounts),
        passbookId: 9000,
        kind: 'award',
        amount: toPoints(2),
        honourDelta: toPoints(2),
        businessDate,
        createdAt,
        operatorId: 9000,
      });
    }
  })();
}
