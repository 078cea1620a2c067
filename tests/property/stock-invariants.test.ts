import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dispatch } from '../../db/dispatch.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { freshCore, login } from '../helpers/core.js';

/**
 * Random sequences of every stock operation (receipts of purchases and donations,
 * adjustments of every reason and sign, stocktakes with any counts, redemptions), valid or
 * not: afterwards every good's level equals the sum of its movements, the last movement's
 * stock_after equals the level, nothing is negative, and a refused operation wrote nothing.
 */
const goodsPick = fc.nat({ max: 30 });
const action = fc.oneof(
  fc.record({
    t: fc.constant('receive' as const),
    lines: fc.uniqueArray(fc.record({ goods: goodsPick, quantity: fc.integer({ min: 1, max: 50 }), donated: fc.boolean(), cost: fc.nat({ max: 100_000 }) }), {
      minLength: 1,
      maxLength: 4,
      selector: (l) => l.goods,
    }),
  }),
  fc.record({
    t: fc.constant('adjust' as const),
    goods: goodsPick,
    quantity: fc.integer({ min: -60, max: 60 }).filter((n) => n !== 0),
    reason: fc.constantFrom('damaged', 'expired', 'lost', 'found', 'other'),
  }),
  fc.record({
    t: fc.constant('stocktake' as const),
    counts: fc.uniqueArray(fc.record({ goods: goodsPick, counted: fc.nat({ max: 80 }) }), { minLength: 1, maxLength: 5, selector: (c) => c.goods }),
  }),
  fc.record({ t: fc.constant('redeem' as const), goods: goodsPick, quantity: fc.integer({ min: 1, max: 10 }), household: fc.nat({ max: 9 }) }),
);

describe('stock invariants', () => {
  it('stock levels always equal the sum of movements, never negative, refusals write nothing', () => {
    const env = freshCore({ demo: true, households: 10 });
    try {
      const acc = login(env.core, 'accountant');
      const keeper = login(env.core, 'keeper');
      const db = env.core.db;
      const goods = db.prepare('SELECT id FROM goods ORDER BY id').pluck().all() as number[];
      const households = db.prepare('SELECT id FROM households ORDER BY id').pluck().all() as number[];
      const movements = () => db.prepare('SELECT count(*) FROM stock_movements').pluck().get() as number;
      let n = 0;
      fc.assert(
        fc.property(fc.array(action, { minLength: 1, maxLength: 20 }), (actions) => {
          for (const a of actions) {
            const before = movements();
            let r: ReturnType<typeof dispatch>;
            let expected = 0;
            if (a.t === 'receive') {
              r = dispatch(env.core, acc.token, 'stock.receive', {
                requestId: `prop-rcv-${++n}`,
                lines: a.lines.map((l) =>
                  l.donated
                    ? { source: 'donation', goodsId: goods[l.goods % goods.length]!, quantity: l.quantity, donor: '捐赠人' }
                    : { source: 'purchase', goodsId: goods[l.goods % goods.length]!, quantity: l.quantity, costFen: l.cost },
                ),
              });
              expected = a.lines.length;
            } else if (a.t === 'adjust') {
              r = dispatch(env.core, acc.token, 'stock.adjust', {
                requestId: `prop-adj-${++n}`,
                goodsId: goods[a.goods % goods.length]!,
                quantity: a.quantity,
                reason: a.reason,
                note: a.reason === 'other' ? '说明' : undefined,
              });
              expected = 1;
            } else if (a.t === 'stocktake') {
              const sheet = dispatch(env.core, acc.token, 'stock.countSheet', { includeRetired: true });
              if (!sheet.ok) throw new Error('count sheet failed');
              const basedOn = (sheet.value as { basedOnMovementId: number }).basedOnMovementId;
              const counts = a.counts.map((c) => ({ goodsId: goods[c.goods % goods.length]!, counted: c.counted }));
              const book = counts.map((c) => db.prepare('SELECT stock FROM goods WHERE id = ?').pluck().get(c.goodsId) as number);
              r = dispatch(env.core, acc.token, 'stock.stocktake', { requestId: `prop-pd-${++n}`, basedOnMovementId: basedOn, counts });
              expected = counts.filter((c, i) => c.counted !== book[i]).length;
              if (r.ok) for (const c of counts) expect(db.prepare('SELECT stock FROM goods WHERE id = ?').pluck().get(c.goodsId)).toBe(c.counted);
            } else {
              r = dispatch(env.core, keeper.token, 'redemption.create', {
                requestId: `prop-red-${++n}`,
                householdId: households[a.household % households.length]!,
                passbookId: 1,
                lines: [{ goodsId: goods[a.goods % goods.length]!, quantity: a.quantity }],
              });
              expected = 1;
            }
            if (r.ok) expect(movements()).toBe(before + expected);
            else {
              expect([
                'OUT_OF_STOCK',
                'GOODS_INACTIVE',
                'INSUFFICIENT_POINTS',
                'ADJUST_MUST_DECREASE',
                'ADJUST_MUST_INCREASE',
                'STOCK_RECEIPT_DUPLICATE_LINE',
                'STOCKTAKE_DUPLICATE_LINE',
              ]).toContain(r.error.code);
              expect(movements()).toBe(before);
            }
          }
          const bad = db
            .prepare(
              `SELECT g.id FROM goods g WHERE g.stock < 0
                 OR g.stock <> (SELECT COALESCE(SUM(quantity), 0) FROM stock_movements WHERE goods_id = g.id)
                 OR g.stock <> COALESCE((SELECT stock_after FROM stock_movements WHERE goods_id = g.id ORDER BY id DESC LIMIT 1), 0)`,
            )
            .all();
          expect(bad).toEqual([]);
          // Every receipt line, adjustment and stocktake line points at a movement of the same size.
          expect(
            db
              .prepare(
                `SELECT count(*) FROM stock_receipt_lines l JOIN stock_movements m ON m.id = l.movement_id WHERE m.quantity <> l.quantity OR m.goods_id <> l.goods_id`,
              )
              .pluck()
              .get(),
          ).toBe(0);
          expect(
            db
              .prepare(`SELECT count(*) FROM stocktake_lines l JOIN stock_movements m ON m.id = l.movement_id WHERE m.quantity <> l.counted_qty - l.book_qty`)
              .pluck()
              .get(),
          ).toBe(0);
        }),
        { numRuns: 40 },
      );
      expect(verifyDatabase(db).ok).toBe(true);
    } finally {
      env.close();
    }
  }, 120_000);
});
