import type { Keyring } from '../../platform/crypto/secret.js';
import type { Db } from '../../platform/open.js';
import { getSetting, setSetting } from '../../books/settings.js';
import { query } from '../../platform/query.js';

/**
 * Where the hash chains stood at the last verify that passed, signed with the
 * installation's key. The start-up fast path checks only what came after it, and the
 * signature makes a chain that was rewritten wholesale (every hash recomputed, which
 * plain SHA-256 allows) fail at the checkpointed row.
 */
export interface Checkpoint {
  ledgerId: number;
  ledgerHash: string;
  auditId: number;
  auditHash: string;
  stockId: number;
  at: string;
  /** Keyed books (migration 007): the seal chain's head, and each chain's row count. */
  sealId?: number;
  sealHash?: string;
  ledgerCount?: number;
  auditCount?: number;
  sealCount?: number;
}

interface StoredCheckpoint extends Checkpoint {
  mac: string;
}

export const CHECKPOINT_KEY = 'integrity.checkpoint';
export const KEY_FINGERPRINT_KEY = 'security.keyFingerprint';

function body(c: Checkpoint): string {
  const legacy = [c.ledgerId, c.ledgerHash, c.auditId, c.auditHash, c.stockId, c.at];
  // A checkpoint from before the keyed books (read once, by the upgrade) has no seal head.
  if (c.sealId === undefined) return JSON.stringify(legacy);
  return JSON.stringify(['v2', ...legacy, c.sealId, c.sealHash, c.ledgerCount, c.auditCount, c.sealCount]);
}

/** The chain heads right now, for a new checkpoint. */
export function currentHeads(db: Db, at: string): Checkpoint {
  const l = query(db).get<{ id: number; hash: Buffer }>('SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1');
  const a = query(db).get<{ id: number; hash: Buffer }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const s = query(db).scalar<number>('SELECT COALESCE(MAX(id), 0) FROM stock_movements');
  const seal = query(db).get<{ id: number; hash: Buffer }>('SELECT id, hash FROM row_seals ORDER BY id DESC LIMIT 1');
  // The counts come from the heads the triggers keep (checked against the rows by every
  // verify), so taking a checkpoint costs no count over millions of rows.
  const n = (chain: string) => query(db).value<number>('SELECT n FROM chain_heads WHERE chain = ?', chain) ?? 0;
  return {
    ledgerId: l?.id ?? 0,
    ledgerHash: l?.hash.toString('hex') ?? '',
    auditId: a?.id ?? 0,
    auditHash: a?.hash.toString('hex') ?? '',
    stockId: s,
    at,
    sealId: seal?.id ?? 0,
    sealHash: seal?.hash.toString('hex') ?? '',
    ledgerCount: n('ledger'),
    auditCount: n('audit_log'),
    sealCount: n('row_seals'),
  };
}

export function writeCheckpoint(db: Db, keyring: Keyring, c: Checkpoint): void {
  const stored: StoredCheckpoint = { ...c, mac: keyring.checkpointMac(body(c)).toString('hex') };
  setSetting(db, CHECKPOINT_KEY, stored);
}

/**
 * Moves the signed checkpoint to the chain heads as they are now. Only after a check
 * that passed (a start-up check, a full verify, a day close's own checks): the fast path
 * then starts from here. Runs inside the caller's transaction when there is one.
 */
export function signCheckpointAtHeads(db: Db, keyring: Keyring, at: string): Checkpoint {
  const c = currentHeads(db, at);
  db.transaction(() => writeCheckpoint(db, keyring, c))();
  return c;
}

export type CheckpointRead = { kind: 'none' } | { kind: 'forged' } | { kind: 'ok'; checkpoint: Checkpoint };

/** `legacy`: accept a checkpoint from before the keyed books (only the upgrade does). */
export function readCheckpoint(db: Db, keyring: Keyring, opts: { legacy?: boolean } = {}): CheckpointRead {
  const raw = getSetting<unknown>(db, CHECKPOINT_KEY, null);
  if (raw === null) return { kind: 'none' };
  const s = raw as Partial<StoredCheckpoint>;
  const c: Checkpoint = {
    ledgerId: Number(s.ledgerId),
    ledgerHash: String(s.ledgerHash),
    auditId: Number(s.auditId),
    auditHash: String(s.auditHash),
    stockId: Number(s.stockId),
    at: String(s.at),
  };
  if (s.sealId !== undefined) {
    c.sealId = Number(s.sealId);
    c.sealHash = String(s.sealHash);
    c.ledgerCount = Number(s.ledgerCount);
    c.auditCount = Number(s.auditCount);
    c.sealCount = Number(s.sealCount);
  } else if (!opts.legacy) return { kind: 'forged' };
  if (typeof s.mac !== 'string' || !/^[0-9a-f]{64}$/.test(s.mac) || !keyring.checkpointMacOk(body(c), Buffer.from(s.mac, 'hex'))) return { kind: 'forged' };
  return { kind: 'ok', checkpoint: c };
}

/** Records the key's fingerprint once, so a backup can tell whether it needs another key. */
export function ensureKeyFingerprint(db: Db, keyring: Keyring): void {
  if (getSetting<string | null>(db, KEY_FINGERPRINT_KEY, null) === null) setSetting(db, KEY_FINGERPRINT_KEY, keyring.fingerprint());
}

export function storedKeyFingerprint(db: Db): string | null {
  return getSetting<string | null>(db, KEY_FINGERPRINT_KEY, null);
}
