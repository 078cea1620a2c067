import type { Keyring } from '../platform/crypto/secret.js';
import type { Clock } from '../domain/clock.js';
import type { Db } from '../platform/open.js';
import type { Settings } from '../contract/views.js';

/**
 * What a feature's service needs from the open store: the database, the clock and the day
 * it stamps, the settings, and the keyring (ID numbers are hashed with it). The Core
 * satisfies it; services take this instead of the whole Core, so a service cannot reach the
 * print queue, the hub pusher or the hardware, and tests can see what a service depends on.
 */
export interface StoreContext {
  readonly db: Db;
  readonly keyring: Keyring;
  readonly clock: Clock;
  stamp(): { createdAt: string; businessDate: string };
  settings(): Settings;
}
