import type { Keyring } from '../../platform/crypto/secret.js';
import type { Db } from '../../platform/open.js';
import { getSetting, setSetting } from '../../books/settings.js';

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
}

interface StoredCheckpoint extends Checkpoint {
  mac: string;
}

export const CHECKPOINT_KEY = 'integrity.checkpoint';
export const KEY_FINGERPRINT_KEY = 'security.keyFingerprint';

function body(c: Checkpoint): string {
  return JSON.stringify([c.ledgerId, c.ledgerHash, c.auditId, c.auditHash, c.stockId, c.at]);
}

/** The chain heads right now, for a new checkpoint. */
export function currentHeads(db: Db, at: string): Checkpoint {
  const l = db.prepare('SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1').get() as { id: number; hash: Buffer } | undefined;
  const a = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: Buffer } | undefined;
  const s = db.prepare('SELECT COALESCE(MAX(id), 0) FROM stock_movements').pluck().get() as number;
  return { ledgerId: l?.id ?? 0, ledgerHash: l?.hash.toString('hex') ?? '', auditId: a?.id ?? 0, auditHash: a?.hash.toString('hex') ?? '', stockId: s, at };
}

export function writeCheckpoint(db: Db, keyring: Keyring, c: Checkpoint): void {
  const stored: StoredCheckpoint = { ...c, mac: keyring.checkpointMac(body(c)).toString('hex') };
  setSetting(db, CHECKPOINT_KEY, stored);
}

export type CheckpointRead = { kind: 'none' } | { kind: 'forged' } | { kind: 'ok'; checkpoint: Checkpoint };

export function readCheckpoint(db: Db, keyring: Keyring): CheckpointRead {
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
