/**
 * Honour is earned: an opening balance is spendable, and counts toward the honour total
 * (star tiers) only when the committee's records say so (households.create's openingHonour,
 * the roster import's 期初计入荣誉 column). And a statement's transfer row names the other household.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../db/dispatch.js';
import { errorOf } from '../../helpers/core.js';
import { pointsEnv, type PointsEnv } from '../../helpers/points.js';

let env: PointsEnv;
beforeEach(() => {
  env = pointsEnv({ households: 4 });
});
afterEach(() => env.close());

const onStarList = (householdId: number): boolean => {
  const board = env.who.admin.call('honours.board', { from: env.today(), to: env.today(), top: 10 });
  return board.stars.some((tier) => tier.households.some((h) => h.householdId === householdId));
};

describe('opening balances and honour', () => {
  it('a household created with 520 opening points can spend them but is no star household; with openingHonour it is', () => {
    const groupId = env.who.admin.call('households.groups', {})[0]!.id;
    const plain = env.who.admin.call('households.create', { number: '01-951', groupId, members: [{ name: '开户甲', relation: '户主' }], openingPoints: 520 });
    expect(plain.accounts[0]).toMatchObject({ balance: 520, honourTotal: 0 });
    expect(onStarList(plain.id)).toBe(false);
    const earned = env.who.admin.call('households.create', {
      number: '01-952',
      groupId,
      members: [{ name: '开户乙', relation: '户主' }],
      openingPoints: 520,
      openingHonour: true,
    });
    expect(earned.accounts[0]).toMatchObject({ balance: 520, honourTotal: 520 });
    expect(onStarList(earned.id)).toBe(true);
  });

  it('the roster import counts openings as honour only on rows that say 是, and refuses other words', () => {
    const header = ['户号', '村民小组', '姓名', '与户主关系', '期初积分', '期初计入荣誉'];
    const rows = [
      header,
      ['07-001', '七组', '孙一', '户主', '300', '是'],
      ['07-002', '七组', '周二', '户主', '300', ''],
      ['07-003', '七组', '吴三', '户主', '300', '否'],
    ];
    const preview = env.who.admin.call('households.importPreview', { source: { kind: 'rows', rows } });
    expect(preview.rows.map((r) => r.openingHonour)).toEqual([true, false, false]);
    env.who.admin.call('households.import', { source: { kind: 'rows', rows } });
    const honour = (n: string) =>
      env.core.db.prepare('SELECT a.balance, a.honour_total AS honour FROM accounts a JOIN households h ON h.id = a.household_id WHERE h.number = ?').get(n);
    expect([honour('07-001'), honour('07-002'), honour('07-003')]).toEqual([
      { balance: 300, honour: 300 },
      { balance: 300, honour: 0 },
      { balance: 300, honour: 0 },
    ]);
    const bad = env.who.admin.call('households.importPreview', { source: { kind: 'rows', rows: [header, ['07-004', '七组', '郑四', '户主', '10', '可能']] } });
    expect(bad.rows[0]!.problems.join()).toContain('期初计入荣誉只能填“是”或“否”');
    expect(
      errorOf(
        dispatch(env.core, env.who.admin.token, 'households.import', {
          source: { kind: 'rows', rows: [header, ['07-004', '七组', '郑四', '户主', '10', '可能']] },
        }),
      ).code,
    ).toBe('ROSTER_HAS_ERRORS');
  });
});

describe('statement rows for a transfer', () => {
  it('name the other household on both sides, with the reason', () => {
    const [a, b] = env.households as [number, number];
    env.who.admin.call('households.transferPoints', {
      requestId: env.rid('transfer'),
      fromHouseholdId: a,
      toHouseholdId: b,
      passbookId: 1,
      points: 5,
      reason: '分户',
    });
    const head = (id: number) => env.core.db.prepare("SELECT number || ' ' || head_name FROM households WHERE id = ?").pluck().get(id) as string;
    const line = (id: number) =>
      env.who.keeper
        .call('households.statement', { householdId: id })
        .passbooks[0]!.lines.filter((l) => l.kind === '转移')
        .at(-1)!;
    expect(line(a).description).toBe(`转给 ${head(b)}（分户）`);
    expect(line(b).description).toBe(`转自 ${head(a)}（分户）`);
  });
});
