import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPlan, withWrongCheckChar } from '../../db/demo/village.js';
import { makeCardCode } from '../../db/domain/card-code.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { dispatch } from '../../db/dispatch.js';
import type { GoodsItem, HouseholdView } from '../../db/contract/index.js';
import { errorOf, freshCore, login } from '../helpers/core.js';

const HOUSEHOLDS = 40;
const plan = demoPlan({ households: HOUSEHOLDS });

describe('the counter through the contract', () => {
  let env: ReturnType<typeof freshCore>;
  let keeper: ReturnType<typeof login>;
  let goods: GoodsItem[];

  beforeEach(() => {
    env = freshCore({ demo: true, households: HOUSEHOLDS });
    keeper = login(env.core, 'keeper');
    goods = keeper.call('goods.catalog', {}).goods;
  });
  afterEach(() => env.close());

  const byId = (i: number) => {
    const r = keeper.call('counter.lookup', { query: plan.households[i]!.members[0]!.idNumber });
    if (r.kind !== 'household') throw new Error('not found');
    return r.household;
  };
  const stockOf = (goodsId: number) => keeper.call('goods.catalog', {}).goods.find((g) => g.id === goodsId)!.stock;
  const inStock = () => goods.filter((g) => g.stock >= 3).sort((a, b) => a.pointsPrice - b.pointsPrice);
  const balance = (h: HouseholdView) => keeper.call('household.get', { householdId: h.id }).accounts[0]!.balance;

  it('finds a household by ID number (any member), lower-case x, number, card QR and name', () => {
    const h = plan.households[3]!;
    const viaMember = keeper.call('counter.lookup', { query: h.members[h.members.length - 1]!.idNumber.toLowerCase() });
    expect(viaMember.kind).toBe('household');
    if (viaMember.kind !== 'household') return;
    expect(viaMember.household.number).toBe(h.number);
    expect(viaMember.household.headName).toBe(h.members[0]!.name);
    // Members are listed with masked ID numbers only.
    for (const m of viaMember.household.members) expect(m.idMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(viaMember)).not.toContain(h.members[0]!.idNumber);

    expect(keeper.call('counter.lookup', { query: h.number })).toMatchObject({ kind: 'household', via: 'number' });
    const code = makeCardCode(env.core.keyring, h.number, 1);
    expect(keeper.call('counter.lookup', { query: code })).toMatchObject({ kind: 'household', via: 'qr' });
    const byName = keeper.call('counter.lookup', { query: '张三' });
    expect(byName.kind === 'household' ? byName.household.number : byName.kind === 'matches' ? byName.matches[0]!.number : null).toBe('01-001');
    const byInitials = keeper.call('counter.lookup', { query: 'zs' });
    const numbers =
      byInitials.kind === 'matches' ? byInitials.matches.map((m) => m.number) : byInitials.kind === 'household' ? [byInitials.household.number] : [];
    expect(numbers).toContain('01-001');
  });

  it('lists several matches for a common surname, exact names first', () => {
    // Households of its own, so the order is known whatever the demo village holds: an exact
    // name on a head, the same exact name on another household's member, and a longer name.
    const admin = login(env.core, 'admin');
    const groupId = admin.call('households.groups', {})[0]!.id;
    const create = (number: string, members: { name: string; relation: string }[]) => admin.call('households.create', { number, groupId, members });
    create('01-901', [{ name: '欧阳明华', relation: '户主' }]);
    create('01-902', [
      { name: '李四海', relation: '户主' },
      { name: '欧阳明', relation: '妻子' },
    ]);
    create('01-903', [{ name: '欧阳明', relation: '户主' }]);
    const r = keeper.call('counter.lookup', { query: '欧阳明' });
    expect(r.kind).toBe('matches');
    if (r.kind !== 'matches') return;
    expect(r.matches.map((m) => m.number)).toEqual(['01-903', '01-902', '01-901']);
    // The member who matched is named where it is not the head.
    expect(r.matches.map((m) => m.matchedMember)).toEqual([null, '欧阳明', null]);
  });

  it('says precisely what is wrong with a bad ID number', () => {
    const id = plan.households[0]!.members[0]!.idNumber;
    expect(errorOf(dispatch(env.core, keeper.token, 'counter.lookup', { query: withWrongCheckChar(id) }))).toMatchObject({
      code: 'ID_CHECK_CHAR',
      message: '身份证号校验位错误',
    });
    expect(errorOf(dispatch(env.core, keeper.token, 'counter.lookup', { query: id.slice(0, 6) + '20991301' + id.slice(14) })).code).toMatch(
      /ID_(BIRTH_DATE|CHECK_CHAR)/,
    );
    // A valid number that nobody registered.
    expect(errorOf(dispatch(env.core, keeper.token, 'counter.lookup', { query: '11010519491231002X' })).code).toBe('ID_NOT_FOUND');
  });

  it('refuses forged and revoked cards', () => {
    const h = plan.households[2]!;
    const good = makeCardCode(env.core.keyring, h.number, 1);
    expect(errorOf(dispatch(env.core, keeper.token, 'counter.lookup', { query: good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A') })).code).toBe('QR_FORGED');
    env.core.db.prepare('UPDATE households SET card_version = 2 WHERE number = ?').run(h.number);
    expect(errorOf(dispatch(env.core, keeper.token, 'counter.lookup', { query: good })).code).toBe('QR_REVOKED');
    expect(keeper.call('counter.lookup', { query: makeCardCode(env.core.keyring, h.number, 2) }).kind).toBe('household');
  });

  it('scanning a goods barcode returns the goods', () => {
    const g = goods[0]!;
    expect(keeper.call('counter.lookup', { query: g.barcodes[0]! })).toEqual({ kind: 'goods', goods: g });
    expect(errorOf(dispatch(env.core, keeper.token, 'counter.lookup', { query: '6900000000000' })).code).toBe('BARCODE_NOT_FOUND');
  });

  it('redeems in one step: points, stock, receipt with snapshots', () => {
    const h = byId(7);
    const [a, b] = inStock();
    const before = balance(h);
    const sa = stockOf(a!.id);
    const r = keeper.call('redemption.create', {
      requestId: 'req-0000001',
      householdId: h.id,
      passbookId: h.accounts[0]!.passbookId,
      lines: [
        { goodsId: a!.id, quantity: 2 },
        { goodsId: b!.id, quantity: 1 },
      ],
    });
    expect(r.total).toBe(a!.pointsPrice * 2 + b!.pointsPrice);
    expect(r.balanceBefore).toBe(before);
    expect(r.balanceAfter).toBe(before - r.total);
    expect(r.receiptNo).toMatch(/^20261129-\d{4}$/);
    expect(r.lines.map((l) => [l.name, l.quantity])).toEqual([
      [a!.name, 2],
      [b!.name, 1],
    ]);
    expect(balance(h)).toBe(before - r.total);
    expect(stockOf(a!.id)).toBe(sa - 2);
    // Renaming a good later never changes the receipt.
    env.core.db.prepare('UPDATE goods SET name = ? WHERE id = ?').run('改名后的商品', a!.id);
    expect(keeper.call('redemption.get', { redemptionId: r.id }).lines[0]!.name).toBe(a!.name);
    expect(verifyDatabase(env.core.db).problems).toEqual([]);
  });

  it('numbers receipts per day without gaps', () => {
    const h = byId(8);
    const cheap = inStock()[0]!;
    const nos = [1, 2, 3].map(
      (i) =>
        keeper.call('redemption.create', { requestId: `seq-req-${i}`, householdId: h.id, passbookId: 1, lines: [{ goodsId: cheap.id, quantity: 1 }] })
          .receiptNo,
    );
    expect(nos).toEqual(['20261129-0001', '20261129-0002', '20261129-0003']);
    env.clock.advance(24 * 3600_000);
    keeper = login(env.core, 'keeper');
    expect(
      keeper.call('redemption.create', { requestId: 'seq-req-4', householdId: h.id, passbookId: 1, lines: [{ goodsId: cheap.id, quantity: 1 }] }).receiptNo,
    ).toBe('20261130-0001');
  });

  it('the same request id twice (double click, retry) is one redemption', () => {
    const h = byId(9);
    const g = inStock()[0]!;
    const input = { requestId: 'double-click-1', householdId: h.id, passbookId: 1, lines: [{ goodsId: g.id, quantity: 1 }] };
    const first = keeper.call('redemption.create', input);
    const second = keeper.call('redemption.create', input);
    expect(second).toEqual(first);
    expect(env.core.db.prepare('SELECT count(*) FROM redemptions WHERE request_id = ?').pluck().get('double-click-1')).toBe(1);
    // Reusing the id for a different cart is refused, not silently merged.
    expect(errorOf(dispatch(env.core, keeper.token, 'redemption.create', { ...input, lines: [{ goodsId: g.id, quantity: 2 }] })).code).toBe('REQUEST_REUSED');
  });

  const counts = () =>
    env.core.db
      .prepare("SELECT (SELECT count(*) FROM ledger) || '/' || (SELECT count(*) FROM stock_movements) || '/' || (SELECT count(*) FROM redemptions)")
      .pluck()
      .get();

  it('refuses overdrawn points and empty stock, writing nothing', () => {
    const h = byId(10);
    const have = balance(h);
    const pricey = [...goods].sort((x, y) => y.pointsPrice - x.pointsPrice)[0]!;
    const qty = Math.min(Math.ceil((have + 1) / pricey.pointsPrice), 99);
    const before = counts();
    const r = errorOf(
      dispatch(env.core, keeper.token, 'redemption.create', {
        requestId: 'overdraw-1',
        householdId: h.id,
        passbookId: 1,
        lines: [{ goodsId: pricey.id, quantity: Math.max(qty, 1) }],
      }),
    );
    expect(['INSUFFICIENT_POINTS', 'OUT_OF_STOCK']).toContain(r.code);
    const empty = goods.find((g) => g.stock === 0)!;
    expect(
      errorOf(
        dispatch(env.core, keeper.token, 'redemption.create', {
          requestId: 'empty-req-1',
          householdId: h.id,
          passbookId: 1,
          lines: [{ goodsId: empty.id, quantity: 1 }],
        }),
      ),
    ).toMatchObject({
      code: 'OUT_OF_STOCK',
    });
    // A cart whose second line fails leaves the first line unwritten too.
    const ok = inStock()[0]!;
    expect(
      errorOf(
        dispatch(env.core, keeper.token, 'redemption.create', {
          requestId: 'partial-1',
          householdId: h.id,
          passbookId: 1,
          lines: [
            { goodsId: ok.id, quantity: 1 },
            { goodsId: empty.id, quantity: 1 },
          ],
        }),
      ).code,
    ).toBe('OUT_OF_STOCK');
    expect(counts()).toBe(before);
    expect(balance(h)).toBe(have);
  });

  it('refuses absurd input at the boundary', () => {
    const h = byId(11);
    const g = inStock()[0]!;
    const bad = (lines: unknown, extra: Record<string, unknown> = {}) =>
      errorOf(dispatch(env.core, keeper.token, 'redemption.create', { requestId: 'absurd-req-1', householdId: h.id, passbookId: 1, lines, ...extra })).code;
    expect(bad([{ goodsId: g.id, quantity: -1 }])).toBe('BAD_INPUT');
    expect(bad([{ goodsId: g.id, quantity: 0 }])).toBe('BAD_INPUT');
    expect(bad([{ goodsId: g.id, quantity: 1.5 }])).toBe('BAD_INPUT');
    expect(bad([{ goodsId: g.id, quantity: 1e9 }])).toBe('BAD_INPUT');
    expect(bad([{ goodsId: g.id, quantity: '2' }])).toBe('BAD_INPUT');
    expect(bad([])).toBe('BAD_INPUT');
    expect(
      bad([
        { goodsId: g.id, quantity: 1 },
        { goodsId: g.id, quantity: 1 },
      ]),
    ).toBe('CART_DUPLICATE_LINE');
    expect(bad([{ goodsId: g.id, quantity: 1 }], { requestId: "x'; DROP TABLE ledger;--" })).toBe('BAD_INPUT');
    expect(bad([{ goodsId: 999999, quantity: 1 }])).toBe('GOODS_NOT_FOUND');
    expect(bad([{ goodsId: g.id, quantity: 1 }], { householdId: 999999 })).toBe('HOUSEHOLD_NOT_FOUND');
    expect(bad([{ goodsId: g.id, quantity: 1 }], { passbookId: 999 })).toBe('PASSBOOK_NOT_FOUND');
    expect(env.core.db.prepare('SELECT count(*) FROM redemptions WHERE request_id = ?').pluck().get('absurd-req-1')).toBe(0);
  });

  it('voids a redemption of today with a reason and an administrator PIN', () => {
    const h = byId(12);
    const g = inStock()[0]!;
    const before = balance(h);
    const s0 = stockOf(g.id);
    const r = keeper.call('redemption.create', { requestId: 'to-void-1', householdId: h.id, passbookId: 1, lines: [{ goodsId: g.id, quantity: 2 }] });
    const admin = login(env.core, 'admin');
    const voidIn = { requestId: 'void-req-1', redemptionId: r.id, reason: '顾客退货', approverId: admin.operatorId, approverPin: '0000' };
    expect(errorOf(dispatch(env.core, keeper.token, 'redemption.void', voidIn)).code).toBe('PIN_WRONG');
    expect(errorOf(dispatch(env.core, keeper.token, 'redemption.void', { ...voidIn, approverId: keeper.operatorId, approverPin: '1234' })).code).toBe(
      'APPROVER_NOT_ADMIN',
    );
    const v = keeper.call('redemption.void', { ...voidIn, approverPin: '9999' });
    expect(v.void).toMatchObject({ reason: '顾客退货', approvedByName: '演示管理员' });
    expect(balance(h)).toBe(before);
    expect(stockOf(g.id)).toBe(s0);
    // Idempotent on the same request id; a second void is refused.
    expect(keeper.call('redemption.void', { ...voidIn, approverPin: '9999' }).void).not.toBeNull();
    expect(errorOf(dispatch(env.core, keeper.token, 'redemption.void', { ...voidIn, requestId: 'void-req-2', approverPin: '9999' })).code).toBe(
      'ALREADY_VOIDED',
    );
    // History is kept: the redemption row and its ledger row remain, plus a reversal.
    const rows = env.core.db
      .prepare("SELECT kind, amount FROM ledger WHERE household_id = ? AND kind IN ('redemption', 'void') ORDER BY id DESC LIMIT 2")
      .all(h.id);
    expect(rows).toEqual([
      { kind: 'void', amount: r.total },
      { kind: 'redemption', amount: -r.total },
    ]);
    expect(keeper.call('redemption.list', {}).rows.find((x) => x.id === r.id)?.voided).toBe(true);
    expect(verifyDatabase(env.core.db).ok).toBe(true);
  });

  it('refuses to void yesterday, or another keeper’s sale', () => {
    const h = byId(13);
    const g = inStock()[0]!;
    const r = keeper.call('redemption.create', { requestId: 'old-sale-1', householdId: h.id, passbookId: 1, lines: [{ goodsId: g.id, quantity: 1 }] });
    const admin = login(env.core, 'admin');
    env.clock.advance(24 * 3600_000);
    keeper = login(env.core, 'keeper');
    expect(
      errorOf(
        dispatch(env.core, keeper.token, 'redemption.void', {
          requestId: 'void-old-1',
          redemptionId: r.id,
          reason: '过期',
          approverId: admin.operatorId,
          approverPin: '9999',
        }),
      ).code,
    ).toBe('VOID_NOT_TODAY');
    const r2 = login(env.core, 'admin').call('redemption.create', {
      requestId: 'admin-sale-1',
      householdId: h.id,
      passbookId: 1,
      lines: [{ goodsId: g.id, quantity: 1 }],
    });
    expect(
      errorOf(
        dispatch(env.core, keeper.token, 'redemption.void', {
          requestId: 'void-other-1',
          redemptionId: r2.id,
          reason: '误操作',
          approverId: admin.operatorId,
          approverPin: '9999',
        }),
      ).code,
    ).toBe('VOID_NOT_OWN');
  });

  it('the ledger and history tables refuse UPDATE and DELETE', () => {
    for (const sql of [
      'UPDATE ledger SET amount = amount + 1',
      'DELETE FROM ledger',
      'UPDATE stock_movements SET quantity = 1',
      'DELETE FROM redemptions',
      'UPDATE redemption_lines SET quantity = 1',
      'DELETE FROM audit_log',
    ]) {
      expect(() => env.core.db.exec(sql), sql).toThrow(/append-only/);
    }
  });

  it('balances and stock can never go below zero, even by a direct write', () => {
    expect(() => env.core.db.exec('UPDATE accounts SET balance = -1')).toThrow(/CHECK/);
    expect(() => env.core.db.exec('UPDATE goods SET stock = -1')).toThrow(/CHECK/);
  });
});
