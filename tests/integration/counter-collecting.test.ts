/**
 * The counter's lookup forgives what keepers and input methods type, says which member it
 * found, and that member is the receipt's 领取人 (or another member the keeper picks; never
 * someone from another household).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPlan } from '../../db/demo/village.js';
import type { GoodsItem, LookupResult } from '../../db/contract/index.js';
import { errorOf, freshCore, login } from '../helpers/core.js';
import { dispatch } from '../../db/dispatch.js';

const HOUSEHOLDS = 30;
const plan = demoPlan({ households: HOUSEHOLDS });
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('counter lookup: forgiving input and the matched member', () => {
  let env: ReturnType<typeof freshCore>;
  let keeper: ReturnType<typeof login>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: HOUSEHOLDS });
    keeper = login(env.core, 'keeper');
  });
  afterEach(() => env.close());

  const numberOf = (r: LookupResult) => (r.kind === 'household' ? r.household.number : r.kind);

  it('full-width digits, spaces, dashes and a lower-case x all find the household', () => {
    const h = plan.households.find((x) => x.members.some((m) => m.idNumber.endsWith('X'))) ?? plan.households[2]!;
    const member = h.members.find((m) => m.idNumber.endsWith('X')) ?? h.members[0]!;
    const id = member.idNumber;
    for (const typed of [
      fullWidth(id),
      fullWidth(id.toLowerCase()),
      `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
      `${id.slice(0, 6)}-${id.slice(6)}`.toLowerCase(),
    ]) {
      expect(numberOf(keeper.call('counter.lookup', { query: typed }))).toBe(h.number);
    }
    expect(numberOf(keeper.call('counter.lookup', { query: '０１－００２' }))).toBe('01-002');
    expect(numberOf(keeper.call('counter.lookup', { query: '01 - 002' }))).toBe('01-002');
    expect(numberOf(keeper.call('counter.lookup', { query: '01—002' }))).toBe('01-002');
  });

  it('an ID number Excel made scientific gets a hint to format the column as text', () => {
    const e = errorOf(dispatch(env.core, keeper.token, 'counter.lookup', { query: '4.30703E+17' }));
    expect(e.code).toBe('ID_SCIENTIFIC');
    expect(e.message).toContain('文本');
  });

  it('says which member matched, by name or by ID number; a number or card names nobody', () => {
    const byName = keeper.call('counter.lookup', { query: '孙红' });
    expect(byName.kind).toBe('household');
    if (byName.kind !== 'household') return;
    const sun = byName.household.members.find((m) => m.name === '孙红')!;
    expect(byName.household).toMatchObject({ number: '01-002', matchedMember: '孙红', matchedMemberId: sun.id, matchedBy: 'name' });

    const h = plan.households.find((x) => x.members.length >= 3)!;
    const third = h.members[2]!;
    const byId = keeper.call('counter.lookup', { query: third.idNumber });
    if (byId.kind !== 'household') throw new Error(byId.kind);
    expect(byId.household).toMatchObject({ number: h.number, matchedMember: third.name, matchedBy: 'id' });
    expect(byId.household.members.find((m) => m.id === byId.household.matchedMemberId)!.name).toBe(third.name);

    const byNumber = keeper.call('counter.lookup', { query: '01-002' });
    if (byNumber.kind !== 'household') throw new Error(byNumber.kind);
    expect(byNumber.household).toMatchObject({ matchedMember: null, matchedMemberId: null, matchedBy: null });
  });

  it('the collecting member is stored on the receipt; a member of another household is refused', () => {
    const found = keeper.call('counter.lookup', { query: '孙红' });
    if (found.kind !== 'household') throw new Error(found.kind);
    const h = found.household;
    const cheap = keeper
      .call('goods.catalog', {})
      .goods.filter((g: GoodsItem) => g.stock > 0)
      .sort((a, b) => a.pointsPrice - b.pointsPrice)[0]!;
    const receipt = keeper.call('redemption.create', {
      requestId: 'collect-1',
      householdId: h.id,
      passbookId: h.accounts[0]!.passbookId,
      memberId: h.matchedMemberId,
      lines: [{ goodsId: cheap.id, quantity: 1 }],
    });
    expect(receipt.memberName).toBe('孙红');
    expect(keeper.call('redemption.get', { redemptionId: receipt.id }).memberName).toBe('孙红');

    const other = keeper.call('counter.lookup', { query: '01-001' });
    if (other.kind !== 'household') throw new Error(other.kind);
    const stranger = other.household.members[0]!.id;
    const before = keeper.call('household.get', { householdId: h.id }).accounts[0]!.balance;
    const refused = dispatch(env.core, keeper.token, 'redemption.create', {
      requestId: 'collect-2',
      householdId: h.id,
      passbookId: h.accounts[0]!.passbookId,
      memberId: stranger,
      lines: [{ goodsId: cheap.id, quantity: 1 }],
    });
    expect(errorOf(refused).code).toBe('MEMBER_NOT_IN_HOUSEHOLD');
    expect(keeper.call('household.get', { householdId: h.id }).accounts[0]!.balance).toBe(before);
  });
});

describe('goods categories in the order the store sets', () => {
  let env: ReturnType<typeof freshCore>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 3 });
  });
  afterEach(() => env.close());

  it('staples and seasoning first by default; an administrator sets another order, the rest follow', () => {
    const keeper = login(env.core, 'keeper');
    const admin = login(env.core, 'admin');
    const first = keeper.call('goods.catalog', {});
    expect(first.categories.slice(0, 2)).toEqual(['粮油', '调味品']);
    expect(first.categories.at(-1)).toBe('小家电');
    // Goods follow their category's place, so the grid shows 粮油 first too.
    expect(first.goods[0]!.category).toBe('粮油');

    expect(errorOf(dispatch(env.core, keeper.token, 'goods.setCategoryOrder', { categories: ['生鲜'] })).code).toBe('FORBIDDEN');
    expect(admin.call('goods.setCategoryOrder', { categories: ['生鲜', ' 文具 ', '生鲜'] })).toEqual(['生鲜', '文具']);
    const after = keeper.call('goods.catalog', {});
    expect(after.categories.slice(0, 2)).toEqual(['生鲜', '文具']);
    expect(new Set(after.categories)).toEqual(new Set(first.categories));
    expect(after.goods.map((g) => g.category).filter((c, i, a) => a.indexOf(c) === i)).toEqual(after.categories);
    expect(keeper.call('goods.categoryOrder', {})).toEqual(['生鲜', '文具']);
  });
});

describe('a head found by his own ID number', () => {
  it('is the collector but is not announced as a matched member', () => {
    const env = freshCore({ demo: true, households: 3 });
    try {
      const keeper = login(env.core, 'keeper');
      const r = keeper.call('counter.lookup', { query: plan.households[0]!.members[0]!.idNumber });
      if (r.kind !== 'household') throw new Error(r.kind);
      const head = r.household.members.find((m) => m.isHead)!;
      expect(r.household).toMatchObject({ matchedMember: null, matchedMemberId: head.id, matchedBy: 'id' });
    } finally {
      env.close();
    }
  });
});
