/** Rule book versions, honours and the household statement. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../db/dispatch.js';
import { errorOf } from '../../helpers/core.js';
import { pointsEnv, type PointsEnv } from '../../helpers/points.js';

let env: PointsEnv;
beforeEach(() => {
  env = pointsEnv();
});
afterEach(() => env.close());

function postAward(ruleCode: string, householdId: number, points?: number) {
  const r = env.who.admin.call('points.record', {
    requestId: env.rid(),
    ruleItemId: env.item(ruleCode).id,
    eventDate: env.today(),
    evidence: '评议记录',
    lines: [{ householdId, points }],
  });
  env.who.accountant.call('points.review', { entryIds: r.entries.map((e) => e.id), decision: 'approved' });
  const n = env.who.admin.call('notices.create', { requestId: env.rid(), periodDays: 1 });
  env.advanceDays(1);
  env.who.accountant.call('notices.post', { noticeId: n.id });
  return r.entries[0]!;
}

describe('rule book versions', () => {
  it('the demo village has version 1 adopted at a meeting, in force today', () => {
    const books = env.who.keeper.call('rules.books', {});
    expect(books).toHaveLength(1);
    expect(books[0]).toMatchObject({ version: 1, status: 'adopted', inForce: true });
    expect(books[0]!.adoption).toMatchObject({ meetingBody: '村民代表大会', votesFor: 36 });
  });

  it('an adopted version is frozen: the service and the database both refuse changes', () => {
    const it = env.item('A01');
    const e = errorOf(
      dispatch(env.core, env.who.admin.token, 'rules.saveItem', {
        bookId: it.bookId,
        itemId: it.id,
        code: 'A01',
        category: it.category,
        title: '改过的标题',
        description: '',
        direction: 'award',
        minPoints: 12,
        maxPoints: 12,
        capPeriod: null,
        capPoints: null,
        selfClaim: false,
      }),
    );
    expect(e.code).toBe('RULE_BOOK_ADOPTED');
    expect(() => env.core.db.prepare('UPDATE rule_items SET min_points = 1 WHERE id = ?').run(it.id)).toThrow(/frozen/);
    expect(() => env.core.db.prepare('DELETE FROM rule_items WHERE id = ?').run(it.id)).toThrow(/frozen/);
    expect(() => env.core.db.prepare("UPDATE rule_books SET title = 'x' WHERE id = ?").run(it.bookId)).toThrow(/frozen/);
  });

  it('a new version supersedes the old from its effective date; old entries keep the text they were made under', () => {
    const h = env.households[0]!;
    const old = postAward('A01', h); // under version 1
    const draft = env.who.admin.call('rules.createDraft', { title: '示范村积分细则（2027 修订）' });
    expect(draft.version).toBe(2);
    expect(draft.status).toBe('draft');
    expect(draft.items.map((i) => i.code).sort()).toEqual(env.book.items.map((i) => i.code).sort());
    const a01 = draft.items.find((i) => i.code === 'A01')!;
    env.who.admin.call('rules.saveItem', {
      bookId: draft.id,
      itemId: a01.id,
      code: 'A01',
      category: a01.category,
      title: '庭院美化 环境整洁',
      description: '新标准：庭院有绿化',
      direction: 'award',
      minPoints: 15,
      maxPoints: 15,
      capPeriod: 'month',
      capPoints: 15,
      selfClaim: false,
    });
    expect(
      errorOf(
        dispatch(env.core, env.who.admin.token, 'rules.adopt', {
          bookId: draft.id,
          effectiveFrom: '2026-01-01',
          meetingDate: env.today(),
          meetingBody: '村民代表大会',
          resolution: '同意',
        }),
      ).code,
    ).toBe('RULE_EFFECTIVE_ORDER');
    const effective = '2026-12-10';
    const adopted = env.who.admin.call('rules.adopt', {
      bookId: draft.id,
      effectiveFrom: effective,
      meetingDate: env.today(),
      meetingBody: '村民代表大会',
      resolution: '表决通过修订稿',
      votesFor: 30,
      votesAgainst: 2,
      votesAbstain: 1,
    });
    expect(adopted.status).toBe('adopted');
    // Before the effective date the old version governs; version 2's item is refused for it.
    const newItem = adopted.items.find((i) => i.code === 'A01')!;
    const early = errorOf(
      dispatch(env.core, env.who.admin.token, 'points.record', {
        requestId: env.rid(),
        ruleItemId: newItem.id,
        eventDate: env.today(),
        evidence: '检查',
        lines: [{ householdId: h }],
      }),
    );
    expect(early.code).toBe('RULE_NOT_IN_FORCE');
    env.advanceDays(12); // past 12-10
    const books = env.who.admin.call('rules.books', {});
    expect(books.find((b) => b.version === 2)!.inForce).toBe(true);
    expect(books.find((b) => b.version === 1)!.supersededAfter).toBe('2026-12-09');
    // Old item refused for a deed after the change; a deed before it still uses the old item.
    expect(
      errorOf(
        dispatch(env.core, env.who.admin.token, 'points.record', {
          requestId: env.rid(),
          ruleItemId: env.item('A01').id,
          eventDate: env.today(),
          evidence: '检查',
          lines: [{ householdId: h }],
        }),
      ).code,
    ).toBe('RULE_NOT_IN_FORCE');
    const r = env.who.admin.call('points.record', {
      requestId: env.rid(),
      ruleItemId: newItem.id,
      eventDate: env.today(),
      evidence: '检查',
      lines: [{ householdId: env.households[1]! }],
    });
    expect(r.entries[0]!.ruleText).toContain('庭院美化');
    expect(r.entries[0]!.ruleBookVersion).toBe(2);
    const oldNow = env.who.admin.call('points.entries', { householdId: h }).rows.find((e) => e.id === old.id)!;
    expect(oldNow.ruleText).toBe(old.ruleText);
    expect(oldNow.ruleText).toContain('门前三包');
    expect(oldNow.ruleBookVersion).toBe(1);
    // The household statement shows the old text for the old entry.
    const st = env.who.keeper.call('households.statement', { householdId: h });
    expect(st.passbooks[0]!.lines.some((l) => l.ruleText?.includes('门前三包') && l.reviewedByName === '演示会计')).toBe(true);
  });

  it('a draft needs items to be adopted; item ranges and caps are checked', () => {
    const empty = env.who.admin.call('rules.createDraft', { title: '空白稿', basedOnId: null });
    // basedOnId null still means "start from the latest adopted"; an explicit empty draft is made by removing items.
    for (const i of empty.items) env.who.admin.call('rules.removeItem', { itemId: i.id });
    expect(
      errorOf(
        dispatch(env.core, env.who.admin.token, 'rules.adopt', {
          bookId: empty.id,
          effectiveFrom: env.today(),
          meetingDate: env.today(),
          meetingBody: '村民代表大会',
          resolution: '同意',
        }),
      ).code,
    ).toBe('RULE_BOOK_EMPTY');
    const base = { bookId: empty.id, code: 'X1', category: '测试', title: '测试项', description: '', direction: 'award' as const, selfClaim: false };
    expect(
      errorOf(dispatch(env.core, env.who.admin.token, 'rules.saveItem', { ...base, minPoints: 10, maxPoints: 5, capPeriod: null, capPoints: null })).code,
    ).toBe('RULE_RANGE_INVALID');
    expect(
      errorOf(dispatch(env.core, env.who.admin.token, 'rules.saveItem', { ...base, minPoints: 10, maxPoints: 20, capPeriod: 'month', capPoints: 5 })).code,
    ).toBe('RULE_CAP_INVALID');
    env.who.admin.call('rules.saveItem', { ...base, minPoints: 1, maxPoints: 2, capPeriod: null, capPoints: null });
    expect(
      errorOf(dispatch(env.core, env.who.admin.token, 'rules.saveItem', { ...base, minPoints: 1, maxPoints: 2, capPeriod: null, capPoints: null })).code,
    ).toBe('RULE_CODE_TAKEN');
    expect(errorOf(dispatch(env.core, env.who.keeper.token, 'rules.createDraft', { title: '店员不能改细则' })).code).toBe('FORBIDDEN');
  });
});

describe('passbooks', () => {
  it('a rule item can credit a second passbook; the counter sees both', () => {
    const green = env.who.admin.call('passbooks.save', { code: 'green', name: '绿色存折', spendable: true, clearOn: null });
    const draft = env.who.admin.call('rules.createDraft', { title: '加环保存折' });
    env.who.admin.call('rules.saveItem', {
      bookId: draft.id,
      code: 'G01',
      category: '垃圾分类',
      title: '垃圾分类 绿色积分',
      description: '',
      direction: 'award',
      minPoints: 3,
      maxPoints: 3,
      capPeriod: null,
      capPoints: null,
      selfClaim: false,
      passbookId: green.id,
    });
    env.who.admin.call('rules.adopt', {
      bookId: draft.id,
      effectiveFrom: env.today(),
      meetingDate: env.today(),
      meetingBody: '村民代表大会',
      resolution: '同意',
    });
    const h = env.households[0]!;
    const g01 = env.who.admin.call('rules.inForce', { date: env.today() })!.items.find((i) => i.code === 'G01')!;
    const r = env.who.admin.call('points.record', {
      requestId: env.rid(),
      ruleItemId: g01.id,
      eventDate: env.today(),
      evidence: '分类检查',
      lines: [{ householdId: h }],
    });
    env.who.accountant.call('points.review', { entryIds: [r.entries[0]!.id], decision: 'approved' });
    const n = env.who.admin.call('notices.create', { requestId: env.rid(), periodDays: 1 });
    env.advanceDays(1);
    env.who.accountant.call('notices.post', { noticeId: n.id });
    expect(env.balance(h, green.id)).toBe(3);
    const view = env.who.keeper.call('household.get', { householdId: h });
    expect(view.accounts.map((a) => a.passbookName)).toEqual(['积分存折', '绿色存折']);
  });
});

describe('honours', () => {
  it('the red board ranks each group by points earned in the period; the deduction board names no one', () => {
    const [a, b] = env.households;
    postAward('B02', a!, 30);
    postAward('B02', b!, 10);
    const r = env.who.admin.call('points.record', {
      requestId: env.rid(),
      ruleItemId: env.item('D01').id,
      eventDate: env.today(),
      evidence: '三日未整改',
      lines: [{ householdId: b! }],
    });
    env.who.accountant.call('points.review', { entryIds: [r.entries[0]!.id], decision: 'approved' });
    const n = env.who.admin.call('notices.create', { requestId: env.rid(), periodDays: 1 });
    env.advanceDays(1);
    env.who.accountant.call('notices.post', { noticeId: n.id });

    const board = env.who.keeper.call('honours.board', { from: '2026-11-29', to: env.today(), top: 5 });
    const group = board.groups.find((g) => g.top.some((t) => t.householdId === a))!;
    expect(group.top[0]!.householdId).toBe(a);
    expect(group.top[0]!.points).toBe(30);
    expect(board.deductions).toHaveLength(1);
    expect(board.deductions[0]).toEqual({ date: env.today(), groupName: group.groupName, ruleTitle: '乱堆乱放 整改不及时', points: 5 });
    expect(JSON.stringify(board.deductions)).not.toContain(env.core.db.prepare('SELECT head_name FROM households WHERE id = ?').pluck().get(b) as string);
    // Star tiers follow the village's thresholds on the honour total.
    env.who.admin.call('points.saveSettings', {
      noticeDays: 7,
      hideDeductionNames: true,
      tiers: [
        { stars: 1, name: '一星', minHonour: 50 },
        { stars: 2, name: '二星', minHonour: 100000 },
      ],
    });
    const b2 = env.who.keeper.call('honours.board', { from: '2026-11-29', to: env.today(), top: 5 });
    expect(b2.stars.find((s) => s.tier.stars === 1)!.households.length).toBeGreaterThan(0);
    expect(b2.stars.find((s) => s.tier.stars === 2)!.households).toHaveLength(0);
    expect(
      errorOf(
        dispatch(env.core, env.who.admin.token, 'points.saveSettings', {
          noticeDays: 7,
          hideDeductionNames: true,
          tiers: [
            { stars: 1, name: '一星', minHonour: 50 },
            { stars: 2, name: '二星', minHonour: 40 },
          ],
        }),
      ).code,
    ).toBe('TIERS_INVALID');
  });

  it('the statement lists every line with its running balance and who did it', () => {
    const h = env.households[0]!;
    postAward('A01', h);
    const st = env.who.keeper.call('households.statement', { householdId: h });
    const book = st.passbooks[0]!;
    let running = book.openingBalance;
    for (const l of book.lines) {
      running += l.amount;
      expect(l.balanceAfter).toBe(running);
      expect(l.operatorName).toBeTruthy();
    }
    expect(book.closingBalance).toBe(env.balance(h));
    const award = book.lines.find((l) => l.description === '门前三包 环境整洁' && l.noticeTitle)!;
    expect(award.ruleText).toContain('【A01】');
    expect(award.reviewedByName).toBe('演示会计');
    expect(st.household.members.length).toBeGreaterThan(0);
  });
});
