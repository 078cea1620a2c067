import type { Keyring, SecretSealer } from '../platform/crypto/secret.js';
import type { Clock } from '../domain/clock.js';
import type { Db } from '../platform/open.js';
import type { Settings } from '../contract/views.js';
import type { SessionStore } from './sessions.js';

/** The store's database file inside its data folder. */
export const DB_FILE = 'store.sqlite';

/**
 * What a feature's service needs from the open store: the database, the clock and the day
 * it stamps, the settings, and the keyring (ID numbers are hashed with it). The Core
 * satisfies it; services take this instead of the whole Core, so a service cannot reach the
 * print queue, the hub pusher or the hardware, and tests can see what a service depends on.
 *
 * The contexts below add exactly what one more folder needs; the Core satisfies each of
 * them too, so a handler passes its `core` and the service sees only its own slice.
 */
export interface StoreContext {
  readonly db: Db;
  readonly keyring: Keyring;
  readonly clock: Clock;
  stamp(): { createdAt: string; businessDate: string };
  settings(): Settings;
}

/** Checking an approver's PIN ends the caller's session after too many wrong tries. */
export interface SessionsContext extends StoreContext {
  readonly sessions: SessionStore;
}

export type ReceiptEventKind = 'redemption' | 'void';

/**
 * Hooks for features that react to the counter without the counter knowing them
 * (printing). `inTransaction` runs inside the redemption's transaction, so work queued
 * there (a print job) commits or rolls back with the sale; `afterCommit` runs after.
 */
export interface ReceiptHooks {
  inTransaction: ((kind: ReceiptEventKind, redemptionId: number) => void)[];
  afterCommit: ((kind: ReceiptEventKind, redemptionId: number) => void)[];
}

/** db/counter: a sale or a void also tells whoever listens (the print queue); a void checks an approver's PIN. */
export interface CounterContext extends SessionsContext {
  readonly receiptHooks: ReceiptHooks;
}

/**
 * db/trust: backups and restores work in the data folder (a restore ends every session and
 * rereads the settings it replaced); operator admin ends a disabled operator's sessions.
 */
export interface TrustContext extends SessionsContext {
  readonly dataDir: string;
  /** Call after writing settings so the next read sees them. */
  settingsChanged(): void;
}

/**
 * db/accounting: exports are written into the data folder by a job that checks its caller's
 * session is still open; the day close runs trust's checks and backup, hence the same slice.
 */
export type AccountingContext = TrustContext;

/**
 * db/reporting: day reports are signed with the store's key, kept in the data folder and
 * sealed like the secret (the desktop's safeStorage); catching up closes days (accounting).
 */
export interface ReportingContext extends AccountingContext {
  readonly sealer: SecretSealer | undefined;
}
