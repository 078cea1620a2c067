import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dispatch } from '../../db/dispatch.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { freshCore, login } from '../helpers/core.js';

/**
 * Random sequences of redemptions (valid, overdrawn, out of stock, retried) and voids, run
 * beside a plain model of balances and stock kept by the test itself: every outcome is the
 * one the model predicts, the caches equal the model and the sums of their rows (summed
 * here in SQL, not by the verifier under test), and the chains still verify.
 */
const action = fc.oneof(
  fc.record({
    t: fc.constant('redeem' as const),
    household: fc.nat({ max: 11 }),
    lines: fc.uniqueArray(fc.record({ goods: fc.nat({ max: 21 }), quantity: fc.integer({ min: 1, max: 12 }) }), {
      minLength: 1,
      maxLength: 4,
      selector: (l) => l.goods,
    }),
    retry: fc.boolean(),
  }),
  fc.record({ t: fc.constant('void' as const), pick: fc.nat({ max: 1000 }) }),
);

describe('ledger and stock invariants', () => {
  it('outcomes and caches follow a plain model; caches equal the sums of rows; chain verifies', () => {
    const env = freshCore({ demo: true, households: 12 });
    try {
      const keeper = login(env.core, 'keeper');
      const admin = login(env.core, 'admin');
      const households = env.core.db.prepare('SELECT id FROM households ORDER BY id').pluck().all() as number[];
      const goods = env.core.db.prepare('SELECT id FROM goods ORDER BY id').pluck().all() as number[];
      const price = new Map((env.core.db.prepare('SELECT id, points_price AS p FROM goods').all() as { id: number; p: number }[]).map((g) => [g.id, g.p]));
      // The model: balances of passbook 1 and stock levels, as the test expects them.
      const balance = new Map(
        (env.core.db.prepare('SELECT household_id AS h, balance AS b FROM accounts WHERE passbook_id = 1').all() as { h: number; b: number }[]).map((a) => [
          a.h,
          a.b,
        ]),
      );
      const stock = new Map((env.core.db.prepare('SELECT id, stock FROM goods').all() as { id: number; stock: number }[]).map((g) => [g.id, g.stock]));
      const sales = new Map<number, { household: number; total: number; lines: { goodsId: number; quantity: number }[]; voided: boolean }>();
      let n = 0;
      fc.assert(
        fc.property(fc.array(action, { minLength: 1, maxLength: 25 }), (actions) => {
          const made: number[] = [];
          for (const a of actions) {
            if (a.t === 'redeem') {
              const input = {
                requestId: `prop-req-${++n}`,
                householdId: households[a.household % households.length]!,
                passbookId: 1,
                lines: a.lines.map((l) => ({ goodsId: goods[l.goods % goods.length]!, quantity: l.quantity })),
              };
              const before = env.core.db.prepare('SELECT count(*) FROM ledger').pluck().get() as number;
              const total = input.lines.reduce((sum, l) => sum + price.get(l.goodsId)! * l.quantity, 0);
              const short = input.lines.some((l) => stock.get(l.goodsId)! < l.quantity);
              const poor = (balance.get(input.householdId) ?? 0) < total;
              const duplicate = new Set(input.lines.map((l) => l.goodsId)).size < input.lines.length;
              const r = dispatch(env.core, keeper.token, 'redemption.create', input);
              const after = env.core.db.prepare('SELECT count(*) FROM ledger').pluck().get() as number;
              expect(r.ok, JSON.stringify({ short, poor, duplicate, r })).toBe(!short && !poor && !duplicate);
              if (r.ok) {
                const id = (r.value as { id: number }).id;
                made.push(id);
                expect(after).toBe(before + 1);
                balance.set(input.householdId, balance.get(input.householdId)! - total);
                for (const l of input.lines) stock.set(l.goodsId, stock.get(l.goodsId)! - l.quantity);
                sales.set(id, { household: input.householdId, total, lines: input.lines, voided: false });
              } else {
                const expected = [...(duplicate ? ['CART_DUPLICATE_LINE'] : []), ...(short ? ['OUT_OF_STOCK'] : []), ...(poor ? ['INSUFFICIENT_POINTS'] : [])];
                expect(expected).toContain(r.error.code);
                expect(after).toBe(before);
              }
              if (a.retry) {
                const again = dispatch(env.core, keeper.token, 'redemption.create', input);
                expect(again.ok).toBe(r.ok);
                expect(env.core.db.prepare('SELECT count(*) FROM ledger').pluck().get()).toBe(after);
              }
            } else if (made.length > 0) {
              const id = made[a.pick % made.length]!;
              const r = dispatch(env.core, keeper.token, 'redemption.void', {
                requestId: `prop-void-req-${++n}`,
                redemptionId: id,
                reason: '测试作废',
                approverId: admin.operatorId,
                approverPin: '9999',
              });
              const sale = sales.get(id)!;
              expect(r.ok).toBe(!sale.voided);
              if (!r.ok) expect(r.error.code).toBe('ALREADY_VOIDED');
              else {
                sale.voided = true;
                balance.set(sale.household, balance.get(sale.household)! + sale.total);
                for (const l of sale.lines) stock.set(l.goodsId, stock.get(l.goodsId)! + l.quantity);
              }
            }
          }
          // The caches are what the model says …
          for (const [h, b] of balance)
            expect(env.core.db.prepare('SELECT balance FROM accounts WHERE household_id = ? AND passbook_id = 1').pluck().get(h) ?? 0).toBe(b);
          for (const [g, q] of stock) expect(env.core.db.prepare('SELECT stock FROM goods WHERE id = ?').pluck().get(g)).toBe(q);
          // … and what the rows add up to, summed here rather than by the verifier.
          expect(
            env.core.db
              .prepare(
                'SELECT count(*) FROM accounts a WHERE a.balance <> (SELECT coalesce(sum(amount), 0) FROM ledger l WHERE l.household_id = a.household_id AND l.passbook_id = a.passbook_id)',
              )
              .pluck()
              .get(),
          ).toBe(0);
          expect(
            env.core.db
              .prepare('SELECT count(*) FROM goods g WHERE g.stock <> (SELECT coalesce(sum(quantity), 0) FROM stock_movements m WHERE m.goods_id = g.id)')
              .pluck()
              .get(),
          ).toBe(0);
          expect(verifyDatabase(env.core.db).problems).toEqual([]);
        }),
        { numRuns: 40 },
      );
    } finally {
      env.close();
    }
  });
});
