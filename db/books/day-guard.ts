import { AppError } from '../contract/errors.js';
import type { Db } from '../platform/open.js';

const cache = new WeakMap<Db, { latest: ReturnType<Db['prepare']> }>();

/** True when the business date's latest day-close row is a 'close'. */
export function isDayClosed(db: Db, businessDate: string): boolean {
  let s = cache.get(db);
  if (!s) {
    s = { latest: db.prepare('SELECT action FROM day_closes WHERE business_date = ? ORDER BY id DESC LIMIT 1').pluck() };
    cache.set(db, s);
  }
  return s.latest.get(businessDate) === 'close';
}

/**
 * A closed day accepts no new rows dated into it. Called by the two places every
 * balance and stock change goes through (postToLedger, moveStock), so no feature can
 * forget it.
 */
export function assertDayOpen(db: Db, businessDate: string): void {
  if (isDayClosed(db, businessDate)) throw new AppError('DAY_CLOSED', { date: businessDate });
}
