import { businessDate } from '../../db/domain/clock.js';

/** A village is overdue when its last reported day is more than this many days ago. */
export const OVERDUE_AFTER_DAYS = 2;

/** Today in the township's zone (HUB_TIME_ZONE, default Asia/Shanghai like the stores). */
export function hubToday(now = new Date()): string {
  return businessDate(now, process.env.HUB_TIME_ZONE ?? 'Asia/Shanghai');
}
