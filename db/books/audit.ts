import type { Db } from '../platform/open.js';
import { GENESIS, keyedChainHash, requireBooksKey } from './hash-chain.js';
import { query } from '../platform/query.js';

/**
 * The audit log: who did what, when (logins, failed logins, set-up, voids, exports…).
 * Append-only and hash-chained like the ledger: each row's hash covers the previous
 * row's hash. Never put an ID number or a PIN in `detail`.
 */
export function audit(db: Db, at: string, operatorId: number | null, action: string, target: string | null, detail: unknown = null): void {
  const prev = query(db).value<Buffer>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const detailJson = detail === null ? null : JSON.stringify(detail);
  const hash = keyedChainHash(requireBooksKey(db), prev ?? GENESIS, [at, operatorId, action, target, detailJson]);
  query(db).run(
    'INSERT INTO audit_log (created_at, operator_id, action, target, detail, hash) VALUES (?, ?, ?, ?, ?, ?)',
    at,
    operatorId,
    action,
    target,
    detailJson,
    hash,
  );
}

export function auditFields(r: { created_at: string; operator_id: number | null; action: string; target: string | null; detail: string | null }) {
  return [r.created_at, r.operator_id, r.action, r.target, r.detail] as const;
}
