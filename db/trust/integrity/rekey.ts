import type { Keyring } from '../../platform/crypto/secret.js';
import type { Db } from '../../platform/open.js';
import { hasBooksHistory } from '../../platform/open.js';
import { GENESIS, keyedChainHash, requireBooksKey, type ChainField } from '../../books/hash-chain.js';
import { headMac, SEALED_TABLES, sealBodySql, sealHash } from '../../books/seals.js';
import { LEGACY_DIGESTS } from './closed-days.js';
import { chainWalker, GENESIS_HEX, onTable, type ChainProblem, type ChainTable } from './chain-walk.js';
import { checkClosedDays } from './closed-days.js';
import { currentHeads, readCheckpoint, writeCheckpoint } from './checkpoint.js';
import type { VerifyProblem } from './verify.js';
import { describeProblem } from '../../contract/problems.js';
import { query } from '../../platform/query.js';

const SLICE = 10_000;

/**
 * Migration 007's code, run inside its transaction with the installation's key: the old
 * plain SHA-256 chains are verified whole first (a store whose chains are already broken
 * is refused, with the first problem named: re-keying it would bless the damage), then
 * every ledger and audit row is re-hashed with the key, every existing row of the sealed
 * tables is sealed, the heads are signed, and a first keyed checkpoint is written.
 */
export function keyedBooksUpgrade(keyring: Keyring, now: () => string): (db: Db, version: number) => void {
  return (db, version) => {
    if (version !== 7) return;
    const key = requireBooksKey(db);
    if (hasBooksHistory(db)) {
      const problems: VerifyProblem[] = [];
      for (const table of ['ledger', 'audit_log'] as const) {
        const found: ChainProblem[] = [];
        chainWalker(db, table, null).walk(Number.MIN_SAFE_INTEGER, null, GENESIS_HEX, found, 5);
        for (const p of found) problems.push(onTable(table, p));
      }
      checkClosedDays(db, (p) => problems.push(p));
      const cp = readCheckpoint(db, keyring, { legacy: true });
      if (cp.kind === 'forged') problems.push({ table: 'settings', rowId: 'integrity.checkpoint', code: 'CHECKPOINT_FORGED' });
      if (cp.kind === 'ok' && cp.checkpoint.ledgerId > 0) {
        const h = query(db).value<Buffer>('SELECT hash FROM ledger WHERE id = ?', cp.checkpoint.ledgerId);
        if (!h || h.toString('hex') !== cp.checkpoint.ledgerHash) problems.push({ table: 'ledger', rowId: cp.checkpoint.ledgerId, code: 'CHECKPOINT_DIFFERS' });
      }
      if (problems.length > 0) {
        const first = problems[0]!;
        throw new Error(
          `账本升级（加密钥匙链）被拒绝：旧账本校验未通过（${describeProblem(first, 'zh')}），数据未改动。请先从备份恢复或联系管理员。` +
            ` / Upgrading to keyed books was refused: the old books do not verify (${describeProblem(first, 'en')}). Nothing was changed.`,
        );
      }
      for (const table of ['ledger', 'audit_log'] as const) rekeyChain(db, table);
      // The closes made so far signed digests over the plain hashes, which change now. They
      // were just verified; from here their rows are covered by the keyed chain and the
      // seals, so the digest check skips them (the mark is keyed: it cannot be moved on).
      const lastClose = query(db).scalar<number>('SELECT COALESCE(MAX(id), 0) FROM day_closes');
      if (lastClose > 0)
        query(db).run(
          'INSERT INTO chain_heads (chain, last_id, n, mac) VALUES (?, ?, 0, ?)',
          LEGACY_DIGESTS,
          lastClose,
          headMac(key, LEGACY_DIGESTS, lastClose, 0, ''),
        );
      for (const t of SEALED_TABLES) {
        const k2 = t.key.length === 2 ? t.key[1] : '0';
        const rows = db
          .prepare(`SELECT ${t.key[0]}, ${k2}, ${sealBodySql(t, 't')} FROM ${t.table} t ORDER BY ${t.key.join(', ')}`)
          .raw()
          .all() as [number, number, string][];
        const last = db.prepare('SELECT hash FROM row_seals ORDER BY id DESC LIMIT 1').pluck();
        const insert = db.prepare('INSERT INTO row_seals (tbl, k1, k2, hash) VALUES (?, ?, ?, ?)');
        for (const [a, b, body] of rows) insert.run(t.table, a, b, sealHash(key, (last.get() as Buffer | undefined) ?? null, t.table, a, b, body));
      }
      for (const chain of ['ledger', 'audit_log'] as const) {
        const last = query(db).get<{ id: number; hash: Buffer }>(`SELECT id, hash FROM ${chain} ORDER BY id DESC LIMIT 1`);
        const n = query(db).scalar<number>(`SELECT COUNT(*) FROM ${chain}`);
        if (last)
          query(db).run(
            'UPDATE chain_heads SET last_id = ?, n = ?, mac = ? WHERE chain = ?',
            last.id,
            n,
            headMac(key, chain, last.id, n, last.hash.toString('hex')),
            chain,
          );
      }
    }
    writeCheckpoint(db, keyring, currentHeads(db, now()));
  };
}

/** Re-hashes a whole chain with the key (its no-update trigger lifted and put back as it was). */
function rekeyChain(db: Db, table: ChainTable): void {
  const key = requireBooksKey(db);
  const trigger = `${table}_no_update`;
  const sql = query(db).value<string>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", trigger);
  if (sql) db.exec(`DROP TRIGGER ${trigger}`);
  const walker = chainWalker(db, table, null);
  const select = db.prepare(`SELECT * FROM ${table} WHERE id > ? ORDER BY id LIMIT ${SLICE}`);
  const update = db.prepare(`UPDATE ${table} SET hash = ? WHERE id = ?`);
  let prev: Buffer = GENESIS;
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const batch = select.all(after) as Record<string, ChainField>[];
    for (const row of batch) {
      const fields = hashedFields(walker, row);
      prev = keyedChainHash(key, prev, fields);
      update.run(prev, row.id);
    }
    if (batch.length < SLICE) break;
    after = batch[batch.length - 1]!.id as number;
  }
  if (sql) db.exec(sql);
}

function hashedFields(walker: ReturnType<typeof chainWalker>, row: Record<string, ChainField>): ChainField[] {
  return walker.hashedColumns.map((c) => row[c] ?? null);
}
