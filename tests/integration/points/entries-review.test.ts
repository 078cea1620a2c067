/** Recording entries against the rule book (range, fixed value, caps, claims) and review by a second person. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../db/dispatch.js';
import { errorOf } from '../../helpers/core.js';
import { pointsEnv, type PointsEnv } from '../../helpers/points.js';

let env: PointsEnv;
beforeEach(() => {
  env = pointsEnv();
});
afterEach(() => env.close());

const count = (table: string) => env.core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function record(
  token: string,
  ruleCode: string,
  lines: { householdId: number; points?: number }[],
  extra: { eventDate?: string; evidence?: string; requestId?: string } = {},
) {
  return dispatch(env.core, token, 'points.record', {
    requestId: extra.requestId ?? env.rid(),
    ruleItemId: env.item(ruleCode).id,
    eventDate: extra.eventDate ?? env.today(),
    evidence: extra.evidence ?? '11 月环境卫生检查记录',
    lines,
  });
}

describe('recording entries', () => {
  it('records a monthly evaluation sheet for several households, with the rule text copied onto each entry', () => {
    const [a, b, c] = env.households;
    const r = env.who.admin.call('points.record', {
      requestId: env.rid(),
      ruleItemId: env.item('A01').id,
      eventDate: env.today(),
      evidence: '11 月环境卫生检查记录',
      lines: [{ householdId: a! }, { householdId: b! }, { householdId: c! }],
    });
    expect(r.entries).toHaveLength(3);
    for (const e of r.entries) {
      expect(e.status).toBe('pending');
      expect(e.points).toBe(10);
      expect(e.ruleText).toContain('门前三包');
      expect(e.ruleText).toContain('加 10 分');
      expect(e.ruleBookVersion).toBe(1);
      expect(e.recordedByName).toBe('演示管理员');
    }
  });

  it('refuses a value outside the range, naming the household, and writes nothing', () => {
    const before = count('point_entries');
    const e = errorOf(
      record(env.who.admin.token, 'B01', [
        { householdId: env.households[0]!, points: 10 },
        { householdId: env.households[1]!, points: 25 },
      ]),
    );
    expect(e.code).toBe('POINTS_OUT_OF_RANGE');
    expect(e.message).toContain('5 到 20');
    expect(e.message).toContain('25');
    expect(count('point_entries')).toBe(before);
    expect(count('entry_batches')).toBe(0);
  });

  it('refuses a different value for a fixed-value item, and a missing value for a range item', () => {
    expect(errorOf(record(env.who.admin.token, 'A01', [{ householdId: env.households[0]!, points: 12 }])).code).toBe('POINTS_FIXED');
    expect(errorOf(record(env.who.admin.token, 'B01', [{ householdId: env.households[0]! }])).code).toBe('POINTS_OUT_OF_RANGE');
  });

  it('enforces the monthly cap across entries, and counts a rejected entry no more', () => {
    const h = env.households[0]!;
    // B01: 5–20 per time, at most 40 a month.
    expect(record(env.who.admin.token, 'B01', [{ householdId: h, points: 20 }]).ok).toBe(true);
    const second = record(env.who.admin.token, 'B01', [{ householdId: h, points: 20 }]);
    expect(second.ok).toBe(true);
    const over = errorOf(record(env.who.admin.token, 'B01', [{ householdId: h, points: 5 }]));
    expect(over.code).toBe('CAP_EXCEEDED');
    expect(over.message).toContain('每月最多 40 分');
    expect(over.message).toContain('已有 40 分');
    // A rejected entry frees its part of the cap.
    const id = second.ok ? (second.value as { entries: { id: number }[] }).entries[0]!.id : 0;
    env.who.accountant.call('points.review', { entryIds: [id], decision: 'rejected', reason: '重复申报' });
    expect(record(env.who.admin.token, 'B01', [{ householdId: h, points: 5 }]).ok).toBe(true);
    // Next month the cap starts again.
    env.advanceDays(5); // 2026-12-04
    expect(record(env.who.admin.token, 'B01', [{ householdId: h, points: 20 }]).ok).toBe(true);
  });

  it('enforces a yearly cap', () => {
    const h = env.households[0]!;
    expect(record(env.who.admin.token, 'B02', [{ householdId: h, points: 30 }], { eventDate: '2026-10-20' }).ok).toBe(true);
    expect(record(env.who.admin.token, 'B02', [{ householdId: h, points: 30 }]).ok).toBe(true);
    expect(errorOf(record(env.who.admin.token, 'B02', [{ householdId: h, points: 10 }])).code).toBe('CAP_EXCEEDED');
  });

  it('refuses a future date, missing evidence, a moved-away household and a household twice on one sheet', () => {
    const h = env.households[0]!;
    expect(errorOf(record(env.who.admin.token, 'A01', [{ householdId: h }], { eventDate: '2026-12-25' })).code).toBe('EVENT_DATE_FUTURE');
    expect(errorOf(record(env.who.admin.token, 'A01', [{ householdId: h }], { evidence: ' ' })).code).toBe('EVIDENCE_REQUIRED');
    expect(errorOf(record(env.who.admin.token, 'A01', [{ householdId: h }, { householdId: h }])).code).toBe('ENTRY_DUPLICATE_HOUSEHOLD');
    env.who.admin.call('households.setStatus', { householdId: h, status: 'moved', reason: '全家迁往县城' });
    const e = errorOf(record(env.who.admin.token, 'A01', [{ householdId: h }]));
    expect(e.code).toBe('HOUSEHOLD_MOVED_AWAY');
  });

  it('a retried submission (same request id) records once', () => {
    const lines = [{ householdId: env.households[0]! }, { householdId: env.households[1]! }];
    const a = record(env.who.admin.token, 'A01', lines, { requestId: 'sheet-once-1' });
    const b = record(env.who.admin.token, 'A01', lines, { requestId: 'sheet-once-1' });
    expect(a.ok && b.ok).toBe(true);
    expect(count('point_entries')).toBe(2);
  });

  it('a keeper may take down a villager’s own claim only for self-claimable items', () => {
    const h = env.households[0]!;
    const claim = record(env.who.keeper.token, 'C01', [{ householdId: h }]);
    expect(claim.ok).toBe(true);
    expect(env.core.db.prepare('SELECT source FROM entry_batches').pluck().get()).toBe('claim');
    const e = errorOf(record(env.who.keeper.token, 'A01', [{ householdId: h }]));
    expect(e.code).toBe('NOT_SELF_CLAIMABLE');
  });
});

describe('review', () => {
  function pending(n = 2): number[] {
    const r = record(
      env.who.admin.token,
      'A01',
      env.households.slice(0, n).map((householdId) => ({ householdId })),
    );
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { entries: { id: number }[] }).entries.map((e) => e.id);
  }

  it('the person who recorded an entry cannot approve it; another operator can', () => {
    const ids = pending();
    const e = errorOf(dispatch(env.core, env.who.admin.token, 'points.review', { entryIds: ids, decision: 'approved' }));
    expect(e.code).toBe('SELF_REVIEW');
    expect(e.message).toContain('不能审核自己登记的记录');
    expect(count('entry_reviews')).toBe(0);
    expect(env.who.accountant.call('points.review', { entryIds: ids, decision: 'approved' })).toEqual({ approved: 2, rejected: 0 });
    const list = env.who.admin.call('points.entries', { status: ['approved'] });
    expect(list.rows.map((x) => x.review?.reviewedByName)).toEqual(['演示会计', '演示会计']);
  });

  it('the database itself refuses a self-review, even past the service', () => {
    const [id] = pending(1);
    const recorder = env.core.db.prepare('SELECT recorded_by FROM point_entries WHERE id = ?').pluck().get(id) as number;
    expect(() =>
      env.core.db.prepare("INSERT INTO entry_reviews (entry_id, decision, reviewed_by, created_at) VALUES (?, 'approved', ?, 'x')").run(id, recorder),
    ).toThrow(/cannot review/);
  });

  it('a rejection needs a reason; an entry is reviewed once; keepers cannot review', () => {
    const ids = pending();
    expect(errorOf(dispatch(env.core, env.who.accountant.token, 'points.review', { entryIds: ids, decision: 'rejected' })).code).toBe('REJECT_REASON_REQUIRED');
    expect(errorOf(dispatch(env.core, env.who.keeper.token, 'points.review', { entryIds: ids, decision: 'approved' })).code).toBe('FORBIDDEN');
    env.who.accountant.call('points.review', { entryIds: [ids[0]!], decision: 'rejected', reason: '检查记录不符' });
    const again = errorOf(dispatch(env.core, env.who.accountant.token, 'points.review', { entryIds: ids, decision: 'approved' }));
    expect(again.code).toBe('ENTRY_NOT_PENDING');
    // All or nothing: the second id was not approved either.
    expect(env.core.db.prepare('SELECT status FROM point_entries WHERE id = ?').pluck().get(ids[1])).toBe('pending');
  });

  it('entries are never edited or deleted, and only move forward', () => {
    const [id] = pending(1);
    expect(() => env.core.db.prepare('UPDATE point_entries SET points = 99 WHERE id = ?').run(id)).toThrow(/never edited/);
    expect(() => env.core.db.prepare('DELETE FROM point_entries WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() => env.core.db.prepare("UPDATE point_entries SET status = 'posted' WHERE id = ?").run(id)).toThrow(/only forward/);
  });
});
