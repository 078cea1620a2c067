import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dispatch } from '../../db/dispatch.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { freshCore, login } from '../helpers/core.js';

/**
 * Random sequences of redemptions (valid, overdrawn, out of stock, retried) and voids:
 * after every sequence, balances and stock levels equal the sums of their rows, nothing
 * is negative, and the hash chain verifies.
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
  it('caches always equal the sums of rows, never negative, chain verifies', () => {
    const env = freshCore({ demo: true, households: 12 });
    try {
      const keeper = login(env.core, 'keeper');
      const admin = login(env.core, 'admin');
      const households = (env.core.db.prepare('SELECT id FROM households ORDER BY id').pluck().all() as number[]);
      const goods = (env.core.db.prepare('SELECT id FROM goods ORDER BY id').pluck().all() as number[]);
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
              const r = dispatch(env.core, keeper.token, 'redemption.create', input);
              const after = env.core.db.prepare('SELECT count(*) FROM ledger').pluck().get() as number;
              if (r.ok) {
                made.push((r.value as { id: number }).id);
                expect(after).toBe(before + 1);
              } else {
                expect(['INSUFFICIENT_POINTS', 'OUT_OF_STOCK', 'CART_DUPLICATE_LINE']).toContain(r.error.code);
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
              if (!r.ok) expect(r.error.code).toBe('ALREADY_VOIDED');
            }
          }
          const report = verifyDatabase(env.core.db);
          expect(report.problems).toEqual([]);
          expect(env.core.db.prepare('SELECT count(*) FROM accounts WHERE balance < 0').pluck().get()).toBe(0);
          expect(env.core.db.prepare('SELECT count(*) FROM goods WHERE stock < 0').pluck().get()).toBe(0);
        }),
        { numRuns: 40 },
      );
    } finally {
      env.close();
    }
  });
});
