/**
 * The day close's closing stock value (the township hub totals it per village): stock on
 * hand at the end of the day × the prices in force then. A catch-up closing yesterday
 * after today's sales and a price change still values yesterday as it stood; today's
 * close equals the stock report.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freshCore, login, TestClock } from '../helpers/core.js';

const DAY = 86_400_000;
let env: ReturnType<typeof freshCore>;

beforeEach(() => {
  env = freshCore({ demo: true, households: 20, clock: new TestClock(new Date('2026-11-29T02:00:00Z')) });
});
afterEach(() => env.close());

function sell(tag: string, goodsId: number, quantity: number): void {
  const db = env.core.db;
  const passbookId = db.prepare('SELECT id FROM passbooks WHERE is_default = 1').pluck().get() as number;
  const householdId = db.prepare('SELECT household_id FROM accounts WHERE balance >= 200 ORDER BY household_id LIMIT 1').pluck().get() as number;
  login(env.core, 'keeper').call('redemption.create', { requestId: `closing-stock-${tag}`, householdId, passbookId, lines: [{ goodsId, quantity }] });
}

it('values each closed day at its own stock and prices; the last close equals the stock report', () => {
  // Logins are made afresh after each day passes (a session does not outlive the day).
  const admin = () => login(env.core, 'admin');
  const accountant = () => login(env.core, 'accountant');
  const goodsId = env.core.db.prepare('SELECT id FROM goods WHERE stock >= 20 AND value_fen > 0 ORDER BY points_price LIMIT 1').pluck().get() as number;
  const day1 = env.core.stamp().businessDate;
  sell('a', goodsId, 2);
  const atEndOfDay1 = admin().call('stock.report', { includeRetired: true }).totals;

  // The next day: a sale and a new price before anyone closes day 1.
  env.clock.advance(DAY);
  const day2 = env.core.stamp().businessDate;
  sell('b', goodsId, 3);
  const good = admin().call('stock.goodsSetPrice', { goodsId, pointsPrice: 77, valueFen: 7_700 });
  expect(good.pointsPrice).toBe(77);
  const atEndOfDay2 = admin().call('stock.report', { includeRetired: true }).totals;
  expect(atEndOfDay2.points).not.toBe(atEndOfDay1.points);

  env.clock.advance(DAY);
  accountant().call('dayClose.closeThrough', { through: day2, pin: '5678' });
  const closed1 = accountant().call('dayClose.status', { date: day1 }).summary.closingStock;
  const closed2 = accountant().call('dayClose.status', { date: day2 }).summary.closingStock;
  expect(closed1).toMatchObject({ units: atEndOfDay1.units, points: atEndOfDay1.points, fen: atEndOfDay1.fen });
  expect(closed2).toMatchObject({ units: atEndOfDay2.units, points: atEndOfDay2.points, fen: atEndOfDay2.fen });
  expect(closed2!.units).toBe(closed1!.units - 3);
});
