import { afterEach, describe, expect, it } from 'vitest';
import { errorOf, freshCore, login } from '../helpers/core.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';

let env: ReturnType<typeof freshCore>;
afterEach(() => env?.close());

function setup() {
  env = freshCore({ demo: true, households: 10 });
  const acc = login(env.core, 'accountant');
  const keeper = login(env.core, 'keeper');
  const admin = login(env.core, 'admin');
  return { core: env.core, acc, keeper, admin, db: env.core.db };
}

const count = (db: ReturnType<typeof setup>['db'], table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function newGoods(acc: ReturnType<typeof login>, extra: Partial<{ name: string; barcodes: string[]; pointsPrice: number }> = {}) {
  return acc.call('stock.goodsCreate', {
    name: extra.name ?? '测试香油 400ml',
    category: '调味品',
    unit: '瓶',
    pointsPrice: extra.pointsPrice ?? 15,
    valueFen: 1480,
    lowStock: 3,
    barcodes: extra.barcodes ?? ['6900000000017'],
  });
}

describe('stock: catalogue', () => {
  it('creates a good with its first price on record, and a price change applies from now on', () => {
    const { acc, keeper, core } = setup();
    const g = newGoods(acc);
    expect(g.prices).toHaveLength(1);
    expect(g.stock).toBe(0);
    acc.call('stock.receive', { requestId: 'rcv-price-0001', lines: [{ source: 'purchase', goodsId: g.id, quantity: 5, costFen: 6000 }] });
    const hh = core.db.prepare('SELECT household_id FROM accounts WHERE balance >= 100 LIMIT 1').pluck().get() as number;
    const pb = core.db.prepare('SELECT id FROM passbooks WHERE is_default = 1').pluck().get() as number;
    const r1 = keeper.call('redemption.create', { requestId: 'price-red-001', householdId: hh, passbookId: pb, lines: [{ goodsId: g.id, quantity: 1 }] });
    const changed = acc.call('stock.goodsSetPrice', { goodsId: g.id, pointsPrice: 18, valueFen: 1600, note: '进价上涨' });
    expect(changed.pointsPrice).toBe(18);
    expect(changed.prices.map((p) => p.pointsPrice)).toEqual([18, 15]);
    expect(changed.prices[0]!.operatorName).toBe('演示会计');
    const r2 = keeper.call('redemption.create', { requestId: 'price-red-002', householdId: hh, passbookId: pb, lines: [{ goodsId: g.id, quantity: 1 }] });
    // The old receipt keeps its price; the new one uses the new price.
    expect(keeper.call('redemption.get', { redemptionId: r1.id }).lines[0]!.unitPoints).toBe(15);
    expect(r2.lines[0]!.unitPoints).toBe(18);
  });

  it('refuses a duplicate barcode (naming its good) and a duplicate name, writing nothing', () => {
    const { acc, db } = setup();
    newGoods(acc);
    const before = count(db, 'goods');
    const e1 = errorOf(
      acc.call.raw('stock.goodsCreate', {
        name: '另一种',
        category: '调味品',
        unit: '瓶',
        pointsPrice: 5,
        valueFen: 0,
        lowStock: 0,
        barcodes: ['6900000000017'],
      }),
    );
    expect(e1.code).toBe('BARCODE_DUPLICATE');
    expect(e1.message).toContain('测试香油');
    const e2 = errorOf(
      acc.call.raw('stock.goodsCreate', { name: '测试香油 400ml', category: '调味品', unit: '瓶', pointsPrice: 5, valueFen: 0, lowStock: 0, barcodes: [] }),
    );
    expect(e2.code).toBe('GOODS_NAME_DUPLICATE');
    expect(count(db, 'goods')).toBe(before);
    // A demo good's barcode is taken too, also on update.
    const demo = db.prepare("SELECT barcode FROM goods_barcodes WHERE barcode <> '6900000000017' LIMIT 1").pluck().get() as string;
    const mine = acc.call('stock.goodsList', { includeRetired: true }).find((x) => x.name === '测试香油 400ml')!;
    const e3 = errorOf(
      acc.call.raw('stock.goodsUpdate', { goodsId: mine.id, name: mine.name, category: mine.category, unit: mine.unit, lowStock: 1, barcodes: [demo] }),
    );
    expect(e3.code).toBe('BARCODE_DUPLICATE');
    expect(acc.call('stock.goodsGet', { goodsId: mine.id }).barcodes).toEqual(['6900000000017']);
  });

  it('retires a good: hidden from the counter, refused at the counter and on receipts, never deleted', () => {
    const { acc, keeper, db, core } = setup();
    const g = newGoods(acc);
    acc.call('stock.receive', { requestId: 'rcv-retire-001', lines: [{ source: 'donation', goodsId: g.id, quantity: 4, donor: '县妇联' }] });
    const retired = acc.call('stock.goodsSetActive', { goodsId: g.id, active: false });
    expect(retired.active).toBe(false);
    expect(retired.used).toBe(true);
    expect(keeper.call('goods.catalog', {}).goods.some((x) => x.id === g.id)).toBe(false);
    const e = errorOf(
      acc.call.raw('stock.receive', { requestId: 'rcv-retire-002', lines: [{ source: 'purchase', goodsId: g.id, quantity: 1, costFen: 100 }] }),
    );
    expect(e.code).toBe('GOODS_INACTIVE');
    const hh = core.db.prepare('SELECT household_id FROM accounts WHERE balance >= 100 LIMIT 1').pluck().get() as number;
    const pb = core.db.prepare('SELECT id FROM passbooks WHERE is_default = 1').pluck().get() as number;
    expect(
      errorOf(keeper.call.raw('redemption.create', { requestId: 'retired-red-1', householdId: hh, passbookId: pb, lines: [{ goodsId: g.id, quantity: 1 }] }))
        .code,
    ).toBe('GOODS_INACTIVE');
    // Its leftover stock can still be written off.
    const adj = acc.call('stock.adjust', { requestId: 'adj-retired-01', goodsId: g.id, quantity: -4, reason: 'expired' });
    expect(adj.stockAfter).toBe(0);
    expect(() => db.prepare('DELETE FROM stock_movements WHERE goods_id = ?').run(g.id)).toThrow(/append-only/);
    // Back on the shelf when wanted.
    expect(acc.call('stock.goodsSetActive', { goodsId: g.id, active: true }).active).toBe(true);
  });

  it('keepers may read the low-stock list but not manage stock', () => {
    const { keeper } = setup();
    const low = keeper.call('stock.lowList', {});
    // The demo has 白砂糖 (4 ≤ 10) and 垃圾袋 (0): out of stock first.
    expect(low[0]!.stock).toBe(0);
    expect(low.map((l) => l.name)).toEqual(expect.arrayContaining(['垃圾袋 100只', '白砂糖 1kg']));
    for (const op of ['stock.goodsList', 'stock.receive', 'stock.adjust', 'stock.stocktake', 'stock.report', 'stock.importGoods'] as const) {
      expect(errorOf(keeper.call.raw(op, {})).code).toBe('FORBIDDEN');
    }
  });
});

describe('stock: movements', () => {
  it('a receipt with purchase and donation lines: one document, one movement per line, printable view', () => {
    const { acc, db } = setup();
    const [a, b] = acc.call('stock.goodsList', { includeRetired: false });
    const before = [a!.stock, b!.stock];
    const r = acc.call('stock.receive', {
      requestId: 'rcv-mixed-0001',
      note: '十一月第二批',
      lines: [
        { source: 'purchase', goodsId: a!.id, quantity: 10, costFen: 79900, supplier: '镇供销社' },
        { source: 'donation', goodsId: b!.id, quantity: 6, donor: '爱心企业 湘中建材' },
      ],
    });
    expect(r.receiptNo).toMatch(/^RK\d{8}-01$/);
    expect(r.totalQuantity).toBe(16);
    expect(r.totalCostFen).toBe(79900);
    expect(r.lines.map((l) => [l.source, l.supplier, l.donor])).toEqual([
      ['purchase', '镇供销社', null],
      ['donation', null, '爱心企业 湘中建材'],
    ]);
    const after = acc.call('stock.goodsList', { includeRetired: false });
    expect(after.find((g) => g.id === a!.id)!.stock).toBe(before[0]! + 10);
    expect(after.find((g) => g.id === b!.id)!.stock).toBe(before[1]! + 6);
    const kinds = db.prepare("SELECT kind FROM stock_movements WHERE ref_type = 'stock_receipt' AND ref_id = ? ORDER BY id").pluck().all(r.id);
    expect(kinds).toEqual(['purchase', 'donation']);
    // A retry of the same request is the same receipt; a different one under that id is refused.
    expect(
      acc.call('stock.receive', {
        requestId: 'rcv-mixed-0001',
        note: '十一月第二批',
        lines: [
          { source: 'purchase', goodsId: a!.id, quantity: 10, costFen: 79900, supplier: '镇供销社' },
          { source: 'donation', goodsId: b!.id, quantity: 6, donor: '爱心企业 湘中建材' },
        ],
      }).id,
    ).toBe(r.id);
    expect(
      errorOf(acc.call.raw('stock.receive', { requestId: 'rcv-mixed-0001', lines: [{ source: 'purchase', goodsId: a!.id, quantity: 1, costFen: 1 }] })).code,
    ).toBe('REQUEST_REUSED');
    expect(count(db, 'stock_receipts')).toBe(1);
    expect(acc.call('stock.receiptList', {})[0]).toMatchObject({ receiptNo: r.receiptNo, lineCount: 2, donors: ['爱心企业 湘中建材'] });
  });

  it('refuses bad receipts at the boundary or in the core, writing nothing', () => {
    const { acc, db } = setup();
    const g = acc.call('stock.goodsList', { includeRetired: false })[0]!;
    const movements = count(db, 'stock_movements');
    const bad: unknown[] = [
      { requestId: 'rcv-bad-00001', lines: [] },
      { requestId: 'rcv-bad-00002', lines: [{ source: 'purchase', goodsId: g.id, quantity: 0, costFen: 1 }] },
      { requestId: 'rcv-bad-00003', lines: [{ source: 'purchase', goodsId: g.id, quantity: 1.5, costFen: 1 }] },
      { requestId: 'rcv-bad-00004', lines: [{ source: 'purchase', goodsId: g.id, quantity: 2 }] },
      { requestId: 'rcv-bad-00005', lines: [{ source: 'donation', goodsId: g.id, quantity: 2, donor: '  ' }] },
      { requestId: 'rcv-bad-00006', lines: [{ source: 'gift', goodsId: g.id, quantity: 2 }] },
    ];
    for (const input of bad) expect(errorOf(acc.call.raw('stock.receive', input)).code).toBe('BAD_INPUT');
    expect(
      errorOf(acc.call.raw('stock.receive', { requestId: 'rcv-bad-00007', lines: [{ source: 'purchase', goodsId: 99999, quantity: 1, costFen: 1 }] })).code,
    ).toBe('GOODS_NOT_FOUND');
    // The second line is bad: the first must not have been written either.
    const dup = errorOf(
      acc.call.raw('stock.receive', {
        requestId: 'rcv-bad-00008',
        lines: [
          { source: 'purchase', goodsId: g.id, quantity: 1, costFen: 1 },
          { source: 'donation', goodsId: g.id, quantity: 1, donor: '某人' },
        ],
      }),
    );
    expect(dup.code).toBe('STOCK_RECEIPT_DUPLICATE_LINE');
    expect(count(db, 'stock_movements')).toBe(movements);
    expect(count(db, 'stock_receipts')).toBe(0);
  });

  it('adjustments carry a reason, respect its direction, and never take stock below zero', () => {
    const { acc, db } = setup();
    const g = acc.call('stock.goodsList', { includeRetired: false }).find((x) => x.stock >= 5)!;
    const a1 = acc.call('stock.adjust', { requestId: 'adj-dmg-00001', goodsId: g.id, quantity: -2, reason: 'damaged', note: '老鼠咬破' });
    expect(a1.stockAfter).toBe(g.stock - 2);
    expect(acc.call('stock.adjust', { requestId: 'adj-fnd-00001', goodsId: g.id, quantity: 1, reason: 'found' }).stockAfter).toBe(g.stock - 1);
    expect(errorOf(acc.call.raw('stock.adjust', { requestId: 'adj-bad-00001', goodsId: g.id, quantity: 3, reason: 'lost' })).code).toBe('ADJUST_MUST_DECREASE');
    expect(errorOf(acc.call.raw('stock.adjust', { requestId: 'adj-bad-00002', goodsId: g.id, quantity: -3, reason: 'found' })).code).toBe(
      'ADJUST_MUST_INCREASE',
    );
    expect(errorOf(acc.call.raw('stock.adjust', { requestId: 'adj-bad-00003', goodsId: g.id, quantity: -1, reason: 'other' })).code).toBe(
      'ADJUST_NOTE_REQUIRED',
    );
    expect(errorOf(acc.call.raw('stock.adjust', { requestId: 'adj-bad-00004', goodsId: g.id, quantity: 0, reason: 'other', note: 'x' })).code).toBe(
      'BAD_INPUT',
    );
    const neg = errorOf(acc.call.raw('stock.adjust', { requestId: 'adj-bad-00005', goodsId: g.id, quantity: -(g.stock + 5), reason: 'lost' }));
    expect(neg.code).toBe('OUT_OF_STOCK');
    expect(neg.message).toContain(g.name);
    // The database refuses a negative level even behind the app's back.
    expect(() => db.prepare('UPDATE goods SET stock = -1 WHERE id = ?').run(g.id)).toThrow(/CHECK/);
    const h = acc.call('stock.movements', { goodsId: g.id });
    expect(h.movements[0]).toMatchObject({ kind: 'adjustment', quantity: 1, reason: 'found', operatorName: '演示会计' });
    expect(h.movements[1]).toMatchObject({ kind: 'adjustment', quantity: -2, reason: 'damaged' });
    // Adjustments have document numbers like receipts (TZ + date + the day's sequence), shown in the history too.
    const day = (db.prepare('SELECT business_date FROM stock_adjustments WHERE id = ?').pluck().get(a1.id) as string).replaceAll('-', '');
    expect(a1.adjustmentNo).toBe(`TZ${day}-01`);
    expect(h.movements.slice(0, 2).map((m) => m.reference)).toEqual([`TZ${day}-02`, `TZ${day}-01`]);
    expect(h.total).toBe(h.goods.stock);
    expect(count(db, 'stock_adjustments')).toBe(2);
  });

  it('a stocktake posts every difference as a movement in one step, with a variance report', () => {
    const { acc, keeper, core } = setup();
    const sheet = acc.call('stock.countSheet', {});
    const [a, b, c] = sheet.lines.filter((l) => l.bookQty >= 3);
    const st = acc.call('stock.stocktake', {
      requestId: 'pd-first-0001',
      basedOnMovementId: sheet.basedOnMovementId,
      counts: [
        { goodsId: a!.goodsId, counted: a!.bookQty - 2 },
        { goodsId: b!.goodsId, counted: b!.bookQty },
        { goodsId: c!.goodsId, counted: c!.bookQty + 1 },
      ],
    });
    expect(st.stocktakeNo).toMatch(/^PD\d{8}-01$/);
    expect(st.countedGoods).toBe(3);
    expect(st.differingGoods).toBe(2);
    expect(st.lines[0]!.difference).not.toBe(0);
    const report = acc.call('stock.report', {});
    expect(report.lines.find((l) => l.goodsId === a!.goodsId)!.stock).toBe(a!.bookQty - 2);
    expect(report.lines.find((l) => l.goodsId === c!.goodsId)!.stock).toBe(c!.bookQty + 1);
    const pa = report.lines.find((l) => l.goodsId === a!.goodsId)!.pointsPrice;
    const pc = report.lines.find((l) => l.goodsId === c!.goodsId)!.pointsPrice;
    expect(st.differencePoints).toBe(-2 * pa + pc);
    const h = acc.call('stock.movements', { goodsId: a!.goodsId });
    expect(h.movements[0]).toMatchObject({ kind: 'stocktake', quantity: -2, reference: st.stocktakeNo });
    expect(acc.call('stock.stocktakeList', {})[0]).toMatchObject({ stocktakeNo: st.stocktakeNo, differingGoods: 2 });

    // A sale after the sheet was made: that good must be rechecked, nothing is posted.
    const sheet2 = acc.call('stock.countSheet', {});
    // The richest household, whatever the demo village's opening balances are.
    const hh = core.db.prepare('SELECT household_id FROM accounts ORDER BY balance DESC LIMIT 1').pluck().get() as number;
    const pb = core.db.prepare('SELECT id FROM passbooks WHERE is_default = 1').pluck().get() as number;
    keeper.call('redemption.create', { requestId: 'during-count-1', householdId: hh, passbookId: pb, lines: [{ goodsId: b!.goodsId, quantity: 1 }] });
    const movements = count(core.db, 'stock_movements');
    const stale = errorOf(
      acc.call.raw('stock.stocktake', {
        requestId: 'pd-stale-00001',
        basedOnMovementId: sheet2.basedOnMovementId,
        counts: [
          { goodsId: a!.goodsId, counted: 0 },
          { goodsId: b!.goodsId, counted: 0 },
        ],
      }),
    );
    expect(stale.code).toBe('STOCKTAKE_STALE');
    expect(stale.message).toContain(b!.name);
    expect(stale.message).not.toContain(a!.name);
    expect(count(core.db, 'stock_movements')).toBe(movements);
    expect(count(core.db, 'stocktakes')).toBe(1);
    expect(verifyDatabase(core.db).ok).toBe(true);
  });

  it('a closed day refuses stock rows dated into it', () => {
    const { acc, core, admin } = setup();
    const g = acc.call('stock.goodsList', { includeRetired: false })[0]!;
    const { businessDate, createdAt } = core.stamp();
    core.db
      .prepare("INSERT INTO day_closes (business_date, action, operator_id, created_at) VALUES (?, 'close', ?, ?)")
      .run(businessDate, admin.operatorId, createdAt);
    expect(
      errorOf(acc.call.raw('stock.receive', { requestId: 'rcv-closed-001', lines: [{ source: 'purchase', goodsId: g.id, quantity: 1, costFen: 1 }] })).code,
    ).toBe('DAY_CLOSED');
    expect(count(core.db, 'stock_receipts')).toBe(0);
  });

  it('the report values stock in points and yuan and every figure adds up from movements', () => {
    const { acc, db } = setup();
    const report = acc.call('stock.report', {});
    for (const l of report.lines) {
      const moved = db.prepare('SELECT COALESCE(SUM(quantity), 0) FROM stock_movements WHERE goods_id = ?').pluck().get(l.goodsId) as number;
      expect(l.stock).toBe(moved);
      expect(l.stockPoints).toBe(l.stock * l.pointsPrice);
      expect(l.stockFen).toBe(l.stock * l.valueFen);
    }
    expect(report.totals.points).toBe(report.lines.reduce((s, l) => s + l.stockPoints, 0));
    expect(report.byCategory.reduce((s, c) => s + c.fen, 0)).toBe(report.totals.fen);
    expect(report.lines.filter((l) => l.low).map((l) => l.name)).toEqual(expect.arrayContaining(['白砂糖 1kg']));
  });

  it('audit names the operator of every stock change', () => {
    const { acc, db } = setup();
    const g = newGoods(acc);
    acc.call('stock.goodsSetPrice', { goodsId: g.id, pointsPrice: 20, valueFen: 2000 });
    acc.call('stock.receive', { requestId: 'rcv-audit-0001', lines: [{ source: 'purchase', goodsId: g.id, quantity: 2, costFen: 10 }] });
    acc.call('stock.adjust', { requestId: 'adj-audit-0001', goodsId: g.id, quantity: -1, reason: 'damaged' });
    const rows = db.prepare("SELECT action, operator_id FROM audit_log WHERE action LIKE 'goods.%' OR action LIKE 'stock.%' ORDER BY id").all() as {
      action: string;
      operator_id: number;
    }[];
    expect(rows.map((r) => r.action)).toEqual(['goods.create', 'goods.setPrice', 'stock.receive', 'stock.adjust']);
    expect(new Set(rows.map((r) => r.operator_id))).toEqual(new Set([acc.operatorId]));
  });
});
