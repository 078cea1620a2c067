/**
 * The day close matches each receipt's goods lines against the stock movements it
 * caused, read in one pass over the day's movements (not one table scan per receipt,
 * which took minutes for a busy day at county scale). Still catches a movement changed
 * or re-dated behind the app.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, freshCore, login, TestClock } from '../helpers/core.js';
import { describeProblem } from '../../db/contract/problems.js';

const TODAY = '2026-11-29';
let env: ReturnType<typeof freshCore>;
let keeper: ReturnType<typeof login>;
let accountant: ReturnType<typeof login>;

function tamper(sql: string, ...args: unknown[]) {
  const db = env.core.db;
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'stock_movements_no_update'").pluck().get() as string;
  db.exec('DROP TRIGGER stock_movements_no_update');
  db.prepare(sql).run(...args);
  db.exec(trigger);
}

function redeemThree(): number[] {
  const db = env.core.db;
  const passbookId = db.prepare('SELECT id FROM passbooks WHERE is_default = 1').pluck().get() as number;
  const goods = db.prepare('SELECT id FROM goods WHERE stock >= 20 ORDER BY points_price LIMIT 2').pluck().all() as number[];
  const households = db.prepare('SELECT household_id FROM accounts WHERE balance >= 100 ORDER BY household_id LIMIT 3').pluck().all() as number[];
  return households.map(
    (householdId, i) =>
      keeper.call('redemption.create', { requestId: `moves-${i}-abcdefgh`, householdId, passbookId, lines: goods.map((goodsId) => ({ goodsId, quantity: 1 })) })
        .id,
  );
}

const redemptionsCheck = () => accountant.call('dayClose.status', { date: TODAY }).summary!.reconciliation.checks.find((c) => c.key === 'redemptions')!;

beforeEach(() => {
  env = freshCore({ demo: true, households: 20, clock: new TestClock(new Date('2026-11-29T02:00:00Z')) });
  keeper = login(env.core, 'keeper');
  accountant = login(env.core, 'accountant');
});
afterEach(() => env.close());

describe('day close: receipts against their stock movements', () => {
  it('a busy day of clean receipts reconciles', () => {
    redeemThree();
    expect(redemptionsCheck().ok).toBe(true);
  });

  it('a movement quantity changed behind the app names the receipt', () => {
    const [, second] = redeemThree();
    tamper("UPDATE stock_movements SET quantity = quantity - 1 WHERE ref_type = 'redemption' AND ref_id = ?", second);
    const check = redemptionsCheck();
    expect(check.ok).toBe(false);
    const receiptNo = env.core.db.prepare('SELECT receipt_no FROM redemptions WHERE id = ?').pluck().get(second) as string;
    expect(check.problems).toContainEqual({ code: 'RECEIPT_STOCK_MISMATCH', params: { receiptNo } });
    // The accountant's line, as the screen and the refusal render it.
    expect(check.problems.map((p) => describeProblem(p, 'zh'))).toContain(`兑换单 ${receiptNo}：库存出库与兑换明细不符`);
    expect(errorOf(accountant.call.raw('dayClose.close', { date: TODAY, pin: '5678' })).code).toBe('DAY_NOT_RECONCILED');
  });

  it('a movement re-dated into another day no longer counts for its receipt', () => {
    const [first] = redeemThree();
    tamper("UPDATE stock_movements SET business_date = '2026-11-28' WHERE ref_type = 'redemption' AND ref_id = ?", first);
    expect(redemptionsCheck().ok).toBe(false);
  });
});
