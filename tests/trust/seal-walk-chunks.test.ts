import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../db/core.js';
import { GENESIS, requireBooksKey } from '../../db/books/hash-chain.js';
import { moveStock } from '../../db/books/stock-moves.js';
import { checkSeals } from '../../db/trust/integrity/keyed-checks.js';
import { walkSeals, type SealProblem } from '../../db/trust/integrity/seal-walk.js';
import { fastVerify } from '../../db/trust/integrity/fast-verify.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { freshCore, login } from '../helpers/core.js';
import { referenceSealVerdicts } from '../helpers/seal-walk-reference.js';

/**
 * The seal walk reads its seals in chunks laid out by SQLite and hashes them in place
 * (issue 17). Whatever the rows and whatever was edited behind the app's back, it must
 * give each seal the verdict the row-by-row walk gave, at any chunk size: the same seals
 * named, the same count walked.
 */

let env: ReturnType<typeof freshCore>;
let file: string;
let snapshot: Buffer;

/** Texts that json_array escapes or that are several bytes a character in UTF-8. */
const ODD = ['引号"和\\反斜杠', '换行\n制表\t回车\r', 'emoji 🧧🎉', '\u0001控制符\u001f', "单引号' 和 %s %d 百分号", ''];

beforeAll(() => {
  env = freshCore({ demo: true, households: 12 });
  const core = env.core;
  const keeper = login(core, 'keeper');
  const goods = keeper.call('goods.catalog', {}).goods.filter((g) => g.stock > 10 && g.pointsPrice <= 10);
  const households = core.db.prepare('SELECT household_id FROM accounts WHERE balance >= 60 ORDER BY household_id').pluck().all() as number[];
  households.slice(0, 8).forEach((h, i) => {
    keeper.call('redemption.create', {
      requestId: `seal-walk-${i}`,
      householdId: h,
      passbookId: 1,
      lines: goods.slice(i % 3, (i % 3) + 2).map((g) => ({ goodsId: g.id, quantity: 1 + (i % 2) })),
    });
  });
  const admin = core.db.prepare("SELECT id FROM operators WHERE role = 'admin' ORDER BY id LIMIT 1").pluck().get() as number;
  const { businessDate, createdAt } = core.stamp();
  core.db.transaction(() => {
    for (const note of ODD) moveStock(core.db, { goodsId: goods[0]!.id, kind: 'purchase', quantity: 3, businessDate, createdAt, operatorId: admin, note });
  })();
  file = join(env.dir, DB_FILE);
  env.core.db.pragma('wal_checkpoint(TRUNCATE)');
  snapshot = env.core.db.serialize();
  // The file is in WAL mode (header bytes 18 and 19 say 2); an in-memory copy cannot be.
  snapshot[18] = 1;
  snapshot[19] = 1;
});
afterAll(() => env.close());

/** The database as it was after beforeAll, edited the way the sqlite3 shell would (no key, triggers lifted). */
function edited(edit?: (db: Database.Database) => void): Database.Database {
  const db = new Database(snapshot);
  if (edit) {
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    edit(db);
    for (const t of triggers) db.exec(t.sql);
  }
  return db;
}

function chunked(db: Database.Database, fromId: number, chunkIds: number): { rows: number; bad: [number, SealProblem][] } {
  const key = requireBooksKey(env.core.db);
  const prev =
    fromId <= 1
      ? GENESIS
      : ((db.prepare('SELECT hash FROM row_seals WHERE id < ? ORDER BY id DESC LIMIT 1').pluck().get(fromId) as Buffer | undefined) ?? GENESIS);
  const bad: [number, SealProblem][] = [];
  const rows = walkSeals(db, key, fromId, prev, (id, v) => bad.push([id, v]), chunkIds);
  return { rows, bad };
}

const EDITS: [string, (db: Database.Database) => void][] = [
  ['nothing', () => {}],
  [
    "a receipt line's name",
    (db) => db.exec("UPDATE redemption_lines SET name = '金条\"' WHERE line_no = 1 AND redemption_id = (SELECT MIN(redemption_id) FROM redemption_lines)"),
  ],
  ['a stock movement deleted', (db) => db.exec('DELETE FROM stock_movements WHERE id = (SELECT MAX(id) FROM stock_movements)')],
  ['a note of odd text changed by one character', (db) => db.exec("UPDATE stock_movements SET note = 'emoji 🧧🎊' WHERE note = 'emoji 🧧🎉'")],
  ['a note made bytes that are not UTF-8', (db) => db.exec("UPDATE stock_movements SET note = CAST(X'C328' AS TEXT) WHERE note = ''")],
  ['a note with a NUL byte in it', (db) => db.exec("UPDATE stock_movements SET note = 'a' || char(0) || 'b' WHERE note LIKE '换行%'")],
  ['a seal hash cut to 31 bytes', (db) => db.exec('UPDATE row_seals SET hash = substr(hash, 1, 31) WHERE id = (SELECT MIN(id) + 5 FROM row_seals)')],
  [
    'a seal hash made 40 bytes',
    (db) => db.exec("UPDATE row_seals SET hash = CAST(hash || X'0102030405060708' AS BLOB) WHERE id = (SELECT MIN(id) + 7 FROM row_seals)"),
  ],
  [
    'two seals swapping hashes',
    (db) => {
      const [a, b] = db.prepare('SELECT id, hash FROM row_seals ORDER BY id DESC LIMIT 2').raw().all() as [number, Buffer][];
      db.prepare('UPDATE row_seals SET hash = ? WHERE id = ?').run(b![1], a![0]);
      db.prepare('UPDATE row_seals SET hash = ? WHERE id = ?').run(a![1], b![0]);
    },
  ],
  ['a seal naming a table that is not sealed', (db) => db.exec("UPDATE row_seals SET tbl = 'nonsense' WHERE id = (SELECT MIN(id) + 3 FROM row_seals)")],
  ['a seal in the middle deleted', (db) => db.exec('DELETE FROM row_seals WHERE id = (SELECT MIN(id) + 9 FROM row_seals)')],
  [
    "a seal's key moved to another row",
    (db) => db.exec("UPDATE row_seals SET k1 = k1 + 1 WHERE id = (SELECT MAX(id) FROM row_seals WHERE tbl = 'stock_movements')"),
  ],
];

describe('the chunked seal walk gives every seal the verdict of the row-by-row walk', () => {
  it('the clean database verifies, full and fast', () => {
    expect(verifyDatabase(env.core.db, { keyring: env.core.keyring, helper: 'off' }).problems).toEqual([]);
    expect(fastVerify(env.core.db, env.core.keyring).problems).toEqual([]);
    const db = edited();
    expect(db.prepare('SELECT COUNT(*) FROM row_seals').pluck().get()).toBeGreaterThan(100);
    db.close();
  });

  for (const [what, edit] of EDITS) {
    it(`${what}: the same seals named, at every chunk size and from every start`, () => {
      const db = edited(edit);
      try {
        const key = requireBooksKey(env.core.db);
        const max = db.prepare('SELECT MAX(id) FROM row_seals').pluck().get() as number;
        const whole = referenceSealVerdicts(db, key, 1);
        if (what === 'nothing') expect(whole.bad).toEqual([]);
        else expect(whole.bad.length).toBeGreaterThan(0);
        for (const from of [1, 2, Math.floor(max / 2), max - 1]) {
          const want = referenceSealVerdicts(db, key, from);
          for (const size of [1, 3, 64, 4096]) expect(chunked(db, from, size), `from ${from}, chunks of ${size}`).toEqual(want);
        }
        // And as the verify reports them: table and row named as before.
        const named: unknown[] = [];
        checkSeals(db, key, 1, (p) => named.push(p));
        expect(named.length).toBe(whole.bad.length);
      } finally {
        db.close();
      }
    });
  }
});

describe('the seal walk and the reference agree on the very file', () => {
  it('reads the live database through the core the same way', () => {
    const key = requireBooksKey(env.core.db);
    const live = new Database(file, { readonly: true });
    try {
      expect(chunked(live, 1, 4096)).toEqual(referenceSealVerdicts(live, key, 1));
    } finally {
      live.close();
    }
  });
});
