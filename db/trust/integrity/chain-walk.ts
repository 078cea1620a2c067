import type { Db } from '../../platform/open.js';
import { auditFields } from '../../books/audit.js';
import { chainHashHex, GENESIS, keyedChainHashHex, requireBooksKey, type ChainField, type ChainKey } from '../../books/hash-chain.js';
import { ledgerFields, type LedgerRowForHash } from '../../books/ledger.js';
import type { Coded, VerifyCode, VerifyProblem } from '../../contract/problems.js';
import { query } from '../../platform/query.js';

/**
 * Walking a hash chain (ledger or audit log) over a range of ids: the one loop that the
 * full verify (on the main thread and on its helper thread) and the start-up fast path
 * share. Rows are read as raw arrays with the hashes as hex text, which is several times
 * cheaper per row than objects holding two Buffers: at millions of rows the read, not
 * SHA-256, is most of the cost.
 */

export type ChainTable = 'ledger' | 'audit_log';

/** A problem found by a walk; `seq` orders the problems of one row as the checks run. */
export type ChainProblem = { rowId: number; seq: number } & Coded<VerifyCode>;

/** A walk's problem as the verify reports it: on its table, without the walk's ordering. */
export function onTable(table: string, p: ChainProblem): VerifyProblem {
  const { rowId, seq: _seq, ...coded } = p;
  return { table, rowId, ...coded };
}

export const GENESIS_HEX = GENESIS.toString('hex');

/**
 * The hashed columns in hash order, read off the very functions the writers hash with
 * (handed an object whose every property is its own name), so the order is stated once.
 */
function hashedColumns(fields: (row: never) => readonly unknown[]): string[] {
  const names = new Proxy({}, { get: (_target, key) => key });
  const cols = fields(names as never).map(String);
  for (const c of cols) if (!/^[a-z_]+$/.test(c)) throw new Error(`not a column name: ${c}`);
  return cols;
}

const COLUMNS: Record<ChainTable, string[]> = {
  ledger: hashedColumns(ledgerFields as (r: LedgerRowForHash) => readonly unknown[]),
  audit_log: hashedColumns(auditFields),
};

/**
 * Whether the table still stores each row's `prev_hash`. It always equals the previous
 * row's hash, so a schema may drop it; the walk then hashes every row from the previous
 * row's stored hash, and a removed or reordered row shows as a hash that does not match.
 */
function storesPrevHash(db: Db, table: ChainTable): boolean {
  return query(db).value('SELECT 1 FROM pragma_table_info(?) WHERE name = ?', table, 'prev_hash') !== undefined;
}

export interface ChainWalker {
  readonly table: ChainTable;
  /** The hashed columns in hash order. */
  readonly hashedColumns: readonly string[];
  /** The stored hash (hex) of the last row before `id`, or the genesis hash. */
  hashBefore(id: number): string;
  /** Where a hashed column sits in the raw rows `walk` hands to `visit`. */
  column(name: string): number;
  /**
   * Checks rows with fromId <= id < toId (null: to the end) in order, starting from `prevHex` (the hash of
   * the row before fromId). Keeps the first `limit` problems; returns the rows seen.
   * `visit` sees each raw row (id first), so a caller can use the same read.
   */
  walk(fromId: number, toId: number | null, prevHex: string, problems: ChainProblem[], limit: number, visit?: (row: readonly ChainField[]) => void): number;
}

/**
 * `key`: the books' key (by default the one loaded on this connection); null only for the
 * keyed-books upgrade, which checks the old plain SHA-256 chains before re-keying them.
 */
export function chainWalker(db: Db, table: ChainTable, key: ChainKey | null = requireBooksKey(db)): ChainWalker {
  const cols = COLUMNS[table];
  const hashRow = key === null ? chainHashHex : (prev: string, r: ArrayLike<ChainField>, from: number, to: number) => keyedChainHashHex(key, prev, r, from, to);
  const linked = storesPrevHash(db, table);
  const n = cols.length;
  // Raw row: id, the hashed fields, hash, [prev_hash].
  const select = (bounds: string) =>
    db.prepare(`SELECT id, ${cols.join(', ')}, lower(hex(hash))${linked ? ', lower(hex(prev_hash))' : ''} FROM ${table} WHERE ${bounds} ORDER BY id`).raw();
  const between = select('id >= ? AND id < ?');
  const from = select('id >= ?');
  const before = db.prepare(`SELECT lower(hex(hash)) FROM ${table} WHERE id < ? ORDER BY id DESC LIMIT 1`).pluck();
  return {
    table,
    hashedColumns: cols,
    hashBefore: (id) => (before.get(id) as string | undefined) ?? GENESIS_HEX,
    column(name) {
      const i = cols.indexOf(name);
      if (i < 0) throw new Error(`${table} does not hash ${name}`);
      return i + 1;
    },
    walk(fromId, toId, prevHex, problems, limit, visit) {
      let prev = prevHex;
      let rows = 0;
      const it = toId === null ? from.iterate(fromId) : between.iterate(fromId, toId);
      for (const r of it as IterableIterator<ChainField[]>) {
        rows++;
        const id = r[0] as number;
        const hash = r[n + 1] as string;
        let base = prev;
        if (linked) {
          // As the chain was written: a row hashes its own prev_hash, which must be the
          // previous row's hash; a row whose prev_hash is off is reported once for the
          // link and is then checked against the prev_hash it carries.
          const own = r[n + 2] as string;
          if (own !== prev) {
            if (problems.length < limit) problems.push({ rowId: id, seq: 0, code: 'CHAIN_UNLINKED' });
            base = own;
          }
        }
        if (hashRow(base, r, 1, n + 1) !== hash && problems.length < limit) problems.push({ rowId: id, seq: 1, code: 'ROW_CHANGED' });
        prev = hash;
        visit?.(r);
      }
      return rows;
    },
  };
}
