import Database from 'better-sqlite3';
import type { Db } from '../../platform/open.js';
import { migrate } from '../../platform/open.js';
import { migrations } from '../../platform/migrations/index.js';
import { GENESIS, type ChainKey } from '../../books/hash-chain.js';
import { HEAD_CHAINS, headMac, SEALED_TABLES, type HeadChain } from '../../books/seals.js';
import { sealBodyCaseSql, walkSeals } from './seal-walk.js';
import type { VerifyProblem } from './verify.js';
import { query } from '../../platform/query.js';

/**
 * The checks the keyed books add (migration 007), shared by the full verify and the
 * start-up check so that the two say the same thing: the row seals, the chain heads (a
 * cut tail), and the schema against the one the migrations make (dropped triggers).
 */

const MAX = 200;

/**
 * The seal walk's rows one at a time (seal, table, keys, hash as hex, the sealed row's
 * body): what the walk read before it read in chunks, kept as the raw baseline's read
 * (tests/bench/cases/verify-raw.ts) and the reference the chunked walk is tested against.
 */
export function sealWalkSql(): string {
  return `SELECT s.id, s.tbl, s.k1, s.k2, lower(hex(s.hash)), ${sealBodyCaseSql()} FROM row_seals s WHERE s.id >= ? ORDER BY s.id`;
}

function rowName(table: string, k1: number, k2: number): string {
  const t = SEALED_TABLES.find((x) => x.table === table);
  return t && t.key.length === 2 ? `${k1}:${k2}` : String(k1);
}

/**
 * Walks the seal chain from `fromId` (a full verify: from the start) and checks each
 * sealed row against its seal. Returns the rows walked.
 */
export function checkSeals(db: Db, key: ChainKey, fromId: number, add: (p: VerifyProblem) => void): number {
  const prev = fromId <= 1 ? GENESIS : (query(db).value<Buffer>('SELECT hash FROM row_seals WHERE id < ? ORDER BY id DESC LIMIT 1', fromId) ?? GENESIS);
  let found = 0;
  const seal = db.prepare('SELECT tbl, k1, k2 FROM row_seals WHERE id = ?').raw();
  return walkSeals(db, key, fromId, prev, (sealId, verdict) => {
    if (found++ >= MAX) return;
    const [table, k1, k2] = seal.get(sealId) as [string, number, number];
    add({ table, rowId: rowName(table, k1, k2), code: verdict === 'removed' ? 'SEAL_ROW_REMOVED' : 'SEAL_MISMATCH' });
  });
}

/**
 * Rows with no seal: inserted behind the app's back (without the key the trigger's
 * function does not exist, so this means the triggers were dropped first). `onlyNew`
 * (the start-up check) looks only beyond each table's last sealed key, by index.
 */
export function checkUnsealed(db: Db, onlyNew: boolean, add: (p: VerifyProblem) => void): void {
  let found = 0;
  for (const t of SEALED_TABLES) {
    const k2 = t.key.length === 2 ? `t.${t.key[1]}` : '0';
    const sql = onlyNew
      ? `SELECT t.${t.key[0]}, ${k2} FROM ${t.table} t WHERE t.${t.key[0]} > (SELECT COALESCE(MAX(k1), 0) FROM row_seals WHERE tbl = '${t.table}') LIMIT ${MAX}`
      : `SELECT t.${t.key[0]}, ${k2} FROM ${t.table} t WHERE NOT EXISTS (SELECT 1 FROM row_seals s WHERE s.tbl = '${t.table}' AND s.k1 = t.${t.key[0]} AND s.k2 = ${k2}) LIMIT ${MAX}`;
    for (const [a, b] of db.prepare(sql).raw().all() as [number, number][]) {
      if (found++ < MAX) add({ table: t.table, rowId: rowName(t.table, a, b), code: 'ROW_UNSEALED' });
    }
  }
}

/**
 * Each chain against its signed head: `actual` is the rows there are now (counted by
 * the caller's walk, or the checkpoint's count plus the tail). A head that counts more
 * rows than there are means the newest rows were cut off.
 */
export function checkHeads(db: Db, key: ChainKey, actual: Record<HeadChain, number>, add: (p: VerifyProblem) => void): void {
  const heads = new Map(
    (db.prepare('SELECT chain, last_id, n, mac FROM chain_heads').all() as { chain: string; last_id: number; n: number; mac: string | null }[]).map((h) => [
      h.chain,
      h,
    ]),
  );
  for (const chain of HEAD_CHAINS) {
    const h = heads.get(chain);
    const last = query(db).get<{ id: number; hash: Buffer }>(`SELECT id, hash FROM ${chain} ORDER BY id DESC LIMIT 1`);
    if (!h) {
      add({ table: chain, rowId: '-', code: 'HEAD_MISSING' });
      continue;
    }
    if (h.n === 0 && h.mac === null) {
      if (last) add({ table: chain, rowId: last.id, code: 'HEAD_SAYS_EMPTY' });
      continue;
    }
    // The head's MAC covers its last row's hash, so it is checked against the row it names.
    const named = query(db).value<Buffer>(`SELECT hash FROM ${chain} WHERE id = ?`, h.last_id);
    const macOk = h.mac !== null && named !== undefined && headMac(key, chain, h.last_id, h.n, named.toString('hex')) === h.mac;
    if (actual[chain] < h.n)
      add({ table: chain, rowId: h.last_id, code: 'HEAD_ROWS_MISSING', params: { missing: h.n - actual[chain], counted: h.n, actual: actual[chain] } });
    else if (named === undefined) add({ table: chain, rowId: h.last_id, code: 'HEAD_ROW_MISSING' });
    else if (!macOk) add({ table: chain, rowId: h.last_id, code: 'HEAD_MISMATCH' });
    else if (actual[chain] > h.n || (last && last.id !== h.last_id)) add({ table: chain, rowId: last?.id ?? '-', code: 'ROWS_BEYOND_HEAD' });
  }
}

let expectedSchema: Map<string, string> | null = null;

/** The schema the migrations make, from a fresh in-memory database (once per process). */
function expected(): Map<string, string> {
  if (expectedSchema) return expectedSchema;
  const mem = new Database(':memory:');
  try {
    migrate(mem, migrations);
    expectedSchema = schemaOf(mem);
  } finally {
    mem.close();
  }
  return expectedSchema;
}

function schemaOf(db: Db): Map<string, string> {
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, `${r.tbl_name}\u0000${r.sql ?? ''}`]));
}

/** Tables, indexes and triggers as the migrations made them: a dropped trigger is named. */
export function checkSchema(db: Db, add: (p: VerifyProblem) => void): void {
  const want = expected();
  const have = schemaOf(db);
  for (const [name, sql] of want) {
    const got = have.get(name);
    if (got === undefined) add({ table: 'sqlite_master', rowId: name, code: 'SCHEMA_DROPPED' });
    else if (got !== sql) add({ table: 'sqlite_master', rowId: name, code: 'SCHEMA_ALTERED' });
  }
  for (const name of have.keys()) if (!want.has(name)) add({ table: 'sqlite_master', rowId: name, code: 'SCHEMA_ADDED' });
}
