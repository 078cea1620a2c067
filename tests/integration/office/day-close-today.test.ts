/**
 * `dayClose.today`, the counter's poll for the closed-day banner, on a real database file:
 * what it says before a close, after the accountant closes the day (with the figures by
 * kind the close signed), after an administrator reopens it, and on the next business day.
 * Every role may ask; it changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayPointLines } from '../../../db/contract/day-lines.js';
import { dispatch } from '../../../db/dispatch.js';
import { errorOf } from '../../helpers/core.js';
import { pointsEnv, type PointsEnv } from '../../helpers/points.js';

let env: PointsEnv;
beforeEach(() => {
  env = pointsEnv({ households: 6 });
});
afterEach(() => env.close());

describe('dayClose.today', () => {
  it('says open before the close, closed after it, open again after a reopen, and the figures by kind match the ledger', () => {
    const day = env.today();
    const [a, b] = env.households;
    // Something of two kinds today: an opening balance and a sale.
    const groupId = env.who.admin.call('households.groups', {})[0]!.id;
    env.who.admin.call('households.create', { number: '09-901', groupId, members: [{ name: '期初户', relation: '户主' }], openingPoints: 25 });
    const goods = env.core.db.prepare('SELECT id, points_price FROM goods WHERE stock >= 2 ORDER BY points_price LIMIT 1').get() as {
      id: number;
      points_price: number;
    };
    env.who.keeper.call('redemption.create', { requestId: env.rid('s'), householdId: a!, passbookId: 1, lines: [{ goodsId: goods.id, quantity: 1 }] });

    // Before: every role sees today, open.
    for (const who of [env.who.keeper, env.who.accountant, env.who.admin]) expect(who.call('dayClose.today', {})).toEqual({ date: day, closed: false });

    const ledgerRows = env.core.db.prepare('SELECT count(*) FROM ledger').pluck().get() as number;
    const closed = env.who.accountant.call('dayClose.close', { date: day, pin: '5678' });
    expect(closed.closed).toBe(true);

    // After: closed for every role, and asking wrote nothing.
    for (const who of [env.who.keeper, env.who.accountant, env.who.admin]) expect(who.call('dayClose.today', {})).toEqual({ date: day, closed: true });
    expect(env.core.db.prepare('SELECT count(*) FROM ledger').pluck().get()).toBe(ledgerRows);

    // The close the banner refers to carries one line per kind, equal to the ledger's rows.
    const lines = dayPointLines(env.who.accountant.call('dayClose.status', { date: day }).summary.points.byKind);
    const by = Object.fromEntries(lines.map((l) => [l.kind, l]));
    expect(by.opening).toEqual({ kind: 'opening', count: 1, points: 25 });
    expect(by.redemption).toEqual({ kind: 'redemption', count: 1, points: -goods.points_price });
    expect(by.award).toEqual({ kind: 'award', count: 0, points: 0 });
    const db = env.core.db.prepare('SELECT kind, count(*) AS count, SUM(amount) AS points FROM ledger WHERE business_date = ? GROUP BY kind').all(day) as {
      kind: string;
      count: number;
      points: number;
    }[];
    for (const r of db) expect(by[r.kind]).toEqual(r);

    // What the banner warns about: a sale into the closed day is refused.
    expect(
      errorOf(
        env.who.keeper.call.raw('redemption.create', { requestId: env.rid('s'), householdId: b!, passbookId: 1, lines: [{ goodsId: goods.id, quantity: 1 }] }),
      ).code,
    ).toBe('DAY_CLOSED');

    // An administrator reopens with a reason: the poll says open again.
    env.who.admin.call('dayClose.reopen', { date: day, reason: '补录一笔兑换' });
    expect(env.who.keeper.call('dayClose.today', {})).toEqual({ date: day, closed: false });

    // Closed again, then the next business day is a new, open day.
    env.who.accountant.call('dayClose.close', { date: day, pin: '5678' });
    expect(env.who.keeper.call('dayClose.today', {}).closed).toBe(true);
    env.advanceDays(1);
    const next = env.who.keeper.call('dayClose.today', {});
    expect(next.date > day).toBe(true);
    expect(next).toEqual({ date: env.today(), closed: false });
  });

  it('needs a session', () => {
    const r = dispatch(env.core, null, 'dayClose.today', {});
    expect(r.ok).toBe(false);
    expect(errorOf(r).code).toBe('NOT_LOGGED_IN');
  });
});
