/** Public notice, objections, posting (idempotent, deduction floor) and clearing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../db/dispatch.js';
import { verifyDatabase } from '../../../db/trust/integrity/verify.js';
import { errorOf } from '../../helpers/core.js';
import { pointsEnv, type PointsEnv } from '../../helpers/points.js';

let env: PointsEnv;
beforeEach(() => {
  env = pointsEnv();
});
afterEach(() => env.close());

/** Records with the admin and approves with the accountant; returns the entry ids. */
function approved(ruleCode: string, lines: { householdId: number; points?: number }[]): number[] {
  const r = env.who.admin.call('points.record', {
    requestId: env.rid(),
    ruleItemId: env.item(ruleCode).id,
    eventDate: env.today(),
    evidence: '村民小组评议记录',
    lines,
  });
  const ids = r.entries.map((e) => e.id);
  env.who.accountant.call('points.review', { entryIds: ids, decision: 'approved' });
  return ids;
}

function publish(days = 7) {
  return env.who.admin.call('notices.create', { requestId: env.rid('notice'), periodDays: days });
}

const ledgerRows = () => env.core.db.prepare('SELECT count(*) FROM ledger').pluck().get() as number;

describe('public notice and posting', () => {
  it('publishes approved entries for a period and posts them once after it ends', () => {
    const [a, b] = env.households;
    approved('A01', [{ householdId: a! }, { householdId: b! }]);
    const before = [env.balance(a!), env.balance(b!)];
    const n = publish(7);
    expect(n.periodStart).toBe('2026-11-29');
    expect(n.periodEnd).toBe('2026-12-05');
    expect(n.state).toBe('open');
    expect(n.entries).toBe(2);
    expect(n.awardPoints).toBe(20);

    // Not before the period is over.
    env.advanceDays(6); // 12-05, the last day
    expect(errorOf(dispatch(env.core, env.who.accountant.token, 'notices.post', { noticeId: n.id })).code).toBe('NOTICE_PERIOD_NOT_OVER');
    env.advanceDays(1);
    const rowsBefore = ledgerRows();
    const posted = env.who.accountant.call('notices.post', { noticeId: n.id });
    expect(posted.postedNow).toBe(true);
    expect(posted.state).toBe('posted');
    expect(posted.posting).toMatchObject({ entries: 2, pointsAwarded: 20, postedByName: '演示会计' });
    expect([env.balance(a!), env.balance(b!)]).toEqual([before[0]! + 10, before[1]! + 10]);
    expect(ledgerRows()).toBe(rowsBefore + 2);

    // Idempotent: a second run (a double click, a second accountant) changes nothing.
    const again = env.who.accountant.call('notices.post', { noticeId: n.id });
    expect(again.postedNow).toBe(false);
    expect(ledgerRows()).toBe(rowsBefore + 2);
    expect(env.balance(a!)).toBe(before[0]! + 10);

    // Awards raise the honour total; the ledger rows point at the entries.
    const row = env.core.db.prepare("SELECT kind, amount, honour_delta, ref_type FROM ledger WHERE ref_type = 'entry' ORDER BY id LIMIT 1").get();
    expect(row).toEqual({ kind: 'award', amount: 10, honour_delta: 10, ref_type: 'entry' });
    expect(verifyDatabase(env.core.db).ok).toBe(true);

    // Statistics count posted entries under their rule item's category, not a word of a note.
    const day = env.today();
    const stats = env.who.accountant.call('stats.overview', { from: day, to: day });
    expect(stats.earnedByCategory).toEqual([{ category: env.item('A01').category, points: 20, count: 2 }]);
  });

  it('only approved entries go on a notice; nothing waiting is refused', () => {
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'notices.create', { requestId: env.rid() })).code).toBe('NOTICE_NOTHING');
    const r = env.who.admin.call('points.record', {
      requestId: env.rid(),
      ruleItemId: env.item('A01').id,
      eventDate: env.today(),
      evidence: '检查记录',
      lines: [{ householdId: env.households[0]! }],
    });
    const e = errorOf(dispatch(env.core, env.who.admin.token, 'notices.create', { requestId: env.rid(), entryIds: [r.entries[0]!.id] }));
    expect(e.code).toBe('ENTRY_NOT_APPROVED');
  });

  it('an open objection blocks posting until it is resolved; a dismissed one lets the entry post', () => {
    const [a] = env.households;
    const [id] = approved('A01', [{ householdId: a! }]);
    const n = publish(3);
    const ob = env.who.admin.call('notices.object', { entryId: id!, raisedBy: '李四', content: '他家门口还有柴堆，不应加分' });
    expect(ob.resolution).toBeNull();
    env.advanceDays(3);
    // Objections close with the period.
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'notices.object', { entryId: id!, raisedBy: '王五', content: '再提一条' })).code).toBe(
      'OBJECTION_PERIOD_OVER',
    );
    const blocked = errorOf(dispatch(env.core, env.who.accountant.token, 'notices.post', { noticeId: n.id }));
    expect(blocked.code).toBe('NOTICE_OPEN_OBJECTIONS');
    expect(blocked.message).toContain('1 条异议未处理');
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'notices.resolve', { objectionId: ob.id, outcome: 'dismissed', reason: '' })).code).toBe(
      'RESOLUTION_REASON_REQUIRED',
    );
    const res = env.who.admin.call('notices.resolve', { objectionId: ob.id, outcome: 'dismissed', reason: '经小组核实，柴堆已于检查前清理' });
    expect(res.objection.resolution).toMatchObject({ outcome: 'dismissed', resolvedByName: '演示管理员' });
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'notices.resolve', { objectionId: ob.id, outcome: 'upheld', reason: '改判' })).code).toBe(
      'OBJECTION_RESOLVED',
    );
    const before = env.balance(a!);
    env.who.accountant.call('notices.post', { noticeId: n.id });
    expect(env.balance(a!)).toBe(before + 10);
  });

  it('an upheld objection cancels the entry; a changed value is a new entry that goes through review again', () => {
    const [a, b] = env.households;
    const [idA, idB] = approved('B01', [
      { householdId: a!, points: 20 },
      { householdId: b!, points: 10 },
    ]);
    const n = publish(7);
    const ob = env.who.admin.call('notices.object', { entryId: idA!, raisedBy: '村民代表', content: '只参加了半天，不应记 20 分' });
    const res = env.who.admin.call('notices.resolve', {
      objectionId: ob.id,
      outcome: 'upheld',
      reason: '核实只值守半天',
      replacement: { points: 10, evidence: '值守记录：半天' },
    });
    expect(res.replacement).toMatchObject({ points: 10, status: 'pending', replacesId: idA });
    const view = env.who.admin.call('notices.get', { noticeId: n.id });
    expect(view.entries).toBe(1);
    expect(view.groups.flatMap((g) => g.entries).find((e) => e.id === idA)!.status).toBe('cancelled');
    const [before, beforeB] = [env.balance(a!), env.balance(b!)];
    env.advanceDays(7);
    env.who.accountant.call('notices.post', { noticeId: n.id });
    expect(env.balance(a!)).toBe(before); // cancelled: nothing posted
    expect(env.balance(b!)).toBe(beforeB + 10);
    expect(env.core.db.prepare('SELECT status FROM point_entries WHERE id = ?').pluck().get(idB)).toBe('posted');
    // The replacement waits for its own review and notice.
    expect(env.core.db.prepare('SELECT status FROM point_entries WHERE id = ?').pluck().get(res.replacement!.id)).toBe('pending');
  });

  it('a deduction never takes a balance below zero; the rest is recorded, not carried as debt', () => {
    const h = env.households[0]!;
    // Bring the household down to 7 points (a committee transfer, through the ledger).
    const bal = env.balance(h);
    const spend = bal - 7;
    if (spend > 0) {
      dispatch(env.core, env.who.admin.token, 'households.transferPoints', {
        requestId: env.rid('tr'),
        fromHouseholdId: h,
        toHouseholdId: env.households[1]!,
        passbookId: 1,
        points: spend,
        honour: 0,
        reason: '测试：分户',
      });
    }
    expect(env.balance(h)).toBe(7);
    const [id] = approved('D02', [{ householdId: h, points: 20 }]);
    const n = publish(1);
    env.advanceDays(1);
    const posted = env.who.accountant.call('notices.post', { noticeId: n.id });
    expect(env.balance(h)).toBe(0);
    expect(posted.posting).toMatchObject({ pointsDeducted: 7, pointsUndeducted: 13 });
    const ep = env.core.db.prepare('SELECT posted_points, undeducted_points FROM entry_postings WHERE entry_id = ?').get(id);
    expect(ep).toEqual({ posted_points: 7, undeducted_points: 13 });
    const note = env.core.db.prepare("SELECT note FROM ledger WHERE kind = 'deduction' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(note).toContain('应扣 20 分，余额不足，实扣 7 分');
    // A second deduction against an empty balance writes no ledger row at all.
    const [id2] = approved('D01', [{ householdId: h }]);
    const n2 = publish(1);
    env.advanceDays(1);
    const rows = ledgerRows();
    env.who.accountant.call('notices.post', { noticeId: n2.id });
    expect(ledgerRows()).toBe(rows);
    expect(env.core.db.prepare('SELECT ledger_id, undeducted_points FROM entry_postings WHERE entry_id = ?').get(id2)).toEqual({
      ledger_id: null,
      undeducted_points: 5,
    });
    expect(verifyDatabase(env.core.db).ok).toBe(true);
  });

  it('awards post before deductions in the same notice', () => {
    const h = env.households[0]!;
    const bal = env.balance(h);
    dispatch(env.core, env.who.admin.token, 'households.transferPoints', {
      requestId: env.rid('tr'),
      fromHouseholdId: h,
      toHouseholdId: env.households[1]!,
      passbookId: 1,
      points: bal,
      honour: 0,
      reason: '测试：清空',
    });
    approved('D02', [{ householdId: h, points: 10 }]);
    approved('A01', [{ householdId: h }]);
    const n = publish(1);
    env.advanceDays(1);
    env.who.accountant.call('notices.post', { noticeId: n.id });
    expect(env.balance(h)).toBe(0); // +10 then -10
  });
});

describe('clearing', () => {
  it('previews who loses what, refuses before the date, runs once, and spares points earned after the date', () => {
    const pb = env.who.admin.call('passbooks.list', {})[0]!;
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'clearing.preview', { passbookId: pb.id })).code).toBe('PASSBOOK_NEVER_CLEARS');
    env.who.admin.call('passbooks.save', { id: pb.id, code: pb.code, name: pb.name, spendable: true, clearOn: '12-31' });
    expect(
      errorOf(dispatch(env.core, env.who.admin.token, 'passbooks.save', { id: pb.id, code: pb.code, name: pb.name, spendable: true, clearOn: '13-01' })).code,
    ).toBe('CLEAR_ON_INVALID');

    const preview = env.who.admin.call('clearing.preview', { passbookId: pb.id });
    expect(preview.clearDate).toBe('2026-12-31');
    const total = env.core.db.prepare('SELECT SUM(balance) FROM accounts WHERE passbook_id = ?').pluck().get(pb.id) as number;
    expect(preview.totalPoints).toBe(total);
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'clearing.run', { passbookId: pb.id, clearDate: '2026-12-31' })).code).toBe(
      'CLEAR_DATE_NOT_REACHED',
    );

    // An award posted after the clearing date survives the clearing.
    env.advanceDays(33); // 2027-01-01
    const h = env.households[0]!;
    const r = env.who.admin.call('points.record', {
      requestId: env.rid(),
      ruleItemId: env.item('A01').id,
      eventDate: env.today(),
      evidence: '1 月检查',
      lines: [{ householdId: h }],
    });
    env.who.accountant.call('points.review', { entryIds: [r.entries[0]!.id], decision: 'approved' });
    const n = env.who.admin.call('notices.create', { requestId: env.rid(), periodDays: 1 });
    env.advanceDays(1);
    env.who.accountant.call('notices.post', { noticeId: n.id });
    const honourBefore = env.core.db.prepare('SELECT honour_total FROM accounts WHERE household_id = ? AND passbook_id = ?').pluck().get(h, pb.id) as number;

    const done = env.who.admin.call('clearing.run', { passbookId: pb.id, clearDate: '2026-12-31' });
    expect(done.ranNow).toBe(true);
    expect(done.points).toBe(total);
    expect(env.balance(h)).toBe(10);
    // Honour totals are kept.
    expect(env.core.db.prepare('SELECT honour_total FROM accounts WHERE household_id = ? AND passbook_id = ?').pluck().get(h, pb.id)).toBe(honourBefore);
    const rows = ledgerRows();
    const again = env.who.admin.call('clearing.run', { passbookId: pb.id, clearDate: '2026-12-31' });
    expect(again).toMatchObject({ ranNow: false, points: total, id: done.id });
    expect(ledgerRows()).toBe(rows);
    expect(env.who.admin.call('clearing.preview', { passbookId: pb.id, clearDate: '2026-12-31' }).alreadyRun).toBe(true);
    expect(verifyDatabase(env.core.db).ok).toBe(true);
  });
});
