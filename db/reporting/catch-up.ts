/**
 * Catching up: close every open day up to a date, in order, each with its own summary.
 * For a store that forgot a week, or one adopting the hub with months of history. The
 * accountant's PIN is checked once (it is the signature for the whole run), then each
 * day closes in its own transaction exactly as a single close does, so a day that does
 * not reconcile stops the run there with the earlier days closed and named.
 */
import { AppError } from '../contract/errors.js';
import type { ReportingContext } from '../books/context.js';
import type { Session } from '../books/sessions.js';
import { verifyApproverPin } from '../books/operators.js';
import { closeVerifiedDay } from '../accounting/day-close/close.js';
import { addDays } from '../domain/dates.js';
import { query } from '../platform/query.js';

export interface CatchUpResult {
  closed: string[];
  alreadyClosed: number;
}

/** The first day to consider: the day after the last closed one, or the first day with any row. */
function firstOpenDay(ctx: ReportingContext): string | null {
  const lastClosed = query(ctx.db).scalar<string | null>("SELECT MAX(business_date) FROM day_closes WHERE action = 'close'");
  const firstRow = query(ctx.db).scalar<string | null>(
    'SELECT MIN(d) FROM (SELECT MIN(business_date) AS d FROM ledger UNION ALL SELECT MIN(business_date) FROM stock_movements)',
  );
  // A day before the last closed one may still be open (reopened, or skipped): start there.
  const reopened = query(ctx.db).scalar<
    string | null
  >(`SELECT MIN(business_date) FROM day_closes d WHERE d.id = (SELECT MAX(id) FROM day_closes x WHERE x.business_date = d.business_date)
         AND d.action = 'reopen'`);
  const candidates = [lastClosed ? addDays(lastClosed, 1) : firstRow, reopened].filter((d): d is string => d !== null);
  return candidates.length ? candidates.sort()[0]! : null;
}

export function closeThrough(ctx: ReportingContext, session: Session, input: { through: string; pin: string }): CatchUpResult {
  const today = ctx.stamp().businessDate;
  if (input.through > today) throw new AppError('DAY_IN_FUTURE', { date: input.through });
  verifyApproverPin(ctx, session, session.operatorId, input.pin, 'day.close');
  const closed: string[] = [];
  let alreadyClosed = 0;
  const isClosed = ctx.db.prepare('SELECT action FROM day_closes WHERE business_date = ? ORDER BY id DESC LIMIT 1').pluck();
  for (let d = firstOpenDay(ctx); d !== null && d <= input.through; d = addDays(d, 1)) {
    if (isClosed.get(d) === 'close') {
      alreadyClosed++;
      continue;
    }
    try {
      closeVerifiedDay(ctx, session, d);
    } catch (e) {
      if (e instanceof AppError && closed.length > 0) {
        throw new AppError('CATCH_UP_STOPPED', { date: d, detail: e.message, closed: `${closed[0]} – ${closed.at(-1)}` });
      }
      throw e;
    }
    closed.push(d);
  }
  return { closed, alreadyClosed };
}
