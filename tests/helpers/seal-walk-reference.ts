import type { Db } from '../../db/platform/open.js';
import { keyedChainHashHex, type ChainKey } from '../../db/books/hash-chain.js';
import { GENESIS_HEX } from '../../db/trust/integrity/chain-walk.js';
import { sealWalkSql } from '../../db/trust/integrity/keyed-checks.js';

/**
 * The seal walk as it was before it read in chunks (issue 17): one row per seal, the
 * previous seal's hash and the body as text, hashed with keyedChainHashHex. The chunked
 * walk (db/trust/integrity/seal-walk.ts) must give the same verdict for every seal.
 */
export function referenceSealVerdicts(db: Db, key: ChainKey, fromId: number): { rows: number; bad: [number, 'mismatch' | 'removed'][] } {
  let prev =
    fromId <= 1
      ? GENESIS_HEX
      : ((db.prepare('SELECT lower(hex(hash)) FROM row_seals WHERE id < ? ORDER BY id DESC LIMIT 1').pluck().get(fromId) as string | undefined) ?? GENESIS_HEX);
  let rows = 0;
  const bad: [number, 'mismatch' | 'removed'][] = [];
  for (const r of db.prepare(sealWalkSql()).raw().iterate(fromId) as IterableIterator<[number, string, number, number, string, string | null]>) {
    rows++;
    const [id, table, k1, k2, hash, body] = r;
    if (body === null) bad.push([id, 'removed']);
    else if (keyedChainHashHex(key, prev, [table, k1, k2, body]) !== hash) bad.push([id, 'mismatch']);
    prev = hash;
  }
  return { rows, bad };
}
