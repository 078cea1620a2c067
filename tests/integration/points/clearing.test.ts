/**
 * Clearing by the rule people expect: the points held on the clearing date that were not
 * spent since (first in, first out), once per period, only on the passbook's own day.
 * The first two tests are the cases reported in issue 19, with their exact figures.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../db/dispatch.js';
import { verifyDatabase } from '../../../db/trust/integrity/verify.js';
import { errorOf, login } from '../../helpers/core.js';
import { clearingEnv, type ClearingEnv } from '../../helpers/clearing.js';

let env: ClearingEnv | undefined;
afterEach(() => env?.close());

describe('clearing takes only points held on the date and not spent since', () => {
  it('03-007: 230 on 11-25, −10 on 11-29, +5 on 11-30, run on 12-03: 220 cleared, the 5 earned after the date kept', () => {
    env = clearingEnv('2026-11-20');
    const pb = env.passbook('11-25');
    const h = env.households[0]!;
    env.post(h, pb, 'award', 230);
    env.setDay('2026-11-29');
    env.post(h, pb, 'deduction', -10);
    env.setDay('2026-11-30');
    env.post(h, pb, 'award', 5);
    env.setDay('2026-12-03');

    const preview = env.admin.call('clearing.preview', { passbookId: pb, clearDate: '2026-11-25' });
    expect(preview.households).toEqual([expect.objectContaining({ householdId: h, balanceNow: 225, toClear: 220, remains: 5 })]);
    const done = env.admin.call('clearing.run', { passbookId: pb, clearDate: '2026-11-25' });
    expect(done).toMatchObject({ ranNow: true, households: 1, points: 220 });
    expect(env.clearedBy(done.id).get(h)).toBe(220);
    expect(env.balance(h, pb)).toBe(5);
    expect(verifyDatabase(env.core.db).ok).toBe(true);
  });

  it('01-024: 375, then +40 and −29 after the date: 346 cleared, the 40 earned after it kept', () => {
    env = clearingEnv('2026-11-20');
    const pb = env.passbook('11-25');
    const h = env.households[1]!;
    env.post(h, pb, 'award', 375);
    env.setDay('2026-11-27');
    env.post(h, pb, 'award', 40);
    env.setDay('2026-11-28');
    env.post(h, pb, 'redemption', -29);
    env.setDay('2026-12-03');
    const done = env.admin.call('clearing.run', { passbookId: pb, clearDate: '2026-11-25' });
    expect(done.points).toBe(346);
    expect(env.balance(h, pb)).toBe(40);
  });

  it('a second date in the same period is refused, in preview and in run; the 30 points awarded on 12-01 stay', () => {
    env = clearingEnv('2026-11-20');
    const pb = env.passbook('11-25');
    const [a, b] = env.households as [number, number];
    env.post(a, pb, 'award', 100);
    env.setDay('2026-12-01');
    env.post(b, pb, 'award', 30);
    env.setDay('2026-12-03');
    env.admin.call('clearing.run', { passbookId: pb, clearDate: '2026-11-25' });
    for (const op of ['clearing.preview', 'clearing.run'] as const) {
      const e = errorOf(dispatch(env.core, env.admin.token, op, { passbookId: pb, clearDate: '2026-11-26' }));
      expect(e.code).toBe('CLEAR_DATE_NOT_CLEARING_DAY');
      expect(e.message).toContain('11-25');
    }
    expect(env.balance(b, pb)).toBe(30);
    // The same date again does nothing and says so.
    expect(env.admin.call('clearing.run', { passbookId: pb, clearDate: '2026-11-25' }).ranNow).toBe(false);
    expect(env.balance(b, pb)).toBe(30);
  });

  it('once per period even if the clearing day is moved within the year; never a date before one already cleared', () => {
    env = clearingEnv('2026-11-20');
    const pb = env.passbook('11-25');
    const h = env.households[0]!;
    env.post(h, pb, 'award', 50);
    env.setDay('2026-12-31');
    env.admin.call('clearing.run', { passbookId: pb, clearDate: '2026-11-25' });
    env.post(h, pb, 'award', 20);
    env.admin.call('passbooks.save', { id: pb, code: 'moved', name: '改日存折', spendable: true, clearOn: '12-31' });
    expect(errorOf(dispatch(env.core, env.admin.token, 'clearing.run', { passbookId: pb, clearDate: '2026-12-31' })).code).toBe('CLEARING_PERIOD_DONE');
    expect(errorOf(dispatch(env.core, env.admin.token, 'clearing.preview', { passbookId: pb, clearDate: '2026-12-31' })).code).toBe('CLEARING_PERIOD_DONE');
    expect(env.balance(h, pb)).toBe(20);
    // A year later the new day clears the 20, and the old year can no longer be run.
    env.setDay('2027-12-31');
    expect(env.admin.call('clearing.run', { passbookId: pb, clearDate: '2027-12-31' }).points).toBe(20);
    env.admin.call('passbooks.save', { id: pb, code: 'moved', name: '改日存折', spendable: true, clearOn: '11-25' });
    expect(errorOf(dispatch(env.core, env.admin.token, 'clearing.run', { passbookId: pb, clearDate: '2027-11-25' })).code).toBe('CLEARING_PERIOD_DONE');
  });

  it('a voided redemption was not spending: its points are old again; a transfer carries the dates of the points it moves', () => {
    env = clearingEnv('2026-11-20');
    const pb = env.passbook('11-25');
    const [a, b] = env.households as [number, number];
    env.post(a, pb, 'award', 100);
    env.post(b, pb, 'award', 60);
    env.setDay('2026-11-28');
    const redemption = env.post(a, pb, 'redemption', -40);
    env.post(a, pb, 'award', 10);
    env.admin.call('households.transferPoints', { requestId: env.rid(), fromHouseholdId: b, toHouseholdId: a, passbookId: pb, points: 50, reason: '合户' });
    env.post(a, pb, 'void', 40, redemption);
    env.setDay('2026-12-02');
    const preview = env.admin.call('clearing.preview', { passbookId: pb, clearDate: '2026-11-25' });
    const byId = new Map(preview.households.map((h) => [h.householdId, h]));
    // a: 100 old (the redemption was voided) + 50 old moved from b; the 10 awarded later stay.
    expect(byId.get(a)).toMatchObject({ balanceNow: 160, toClear: 150, remains: 10 });
    expect(byId.get(b)).toMatchObject({ balanceNow: 10, toClear: 10, remains: 0 });
    expect(preview.totalPoints).toBe(160);
  });

  it('a late run of last year, then this year: the first clearing row is not counted as spending by the second', () => {
    env = clearingEnv('2026-11-20');
    const pb = env.passbook('11-25');
    const h = env.households[0]!;
    env.post(h, pb, 'award', 80);
    env.setDay('2027-01-10');
    env.post(h, pb, 'award', 45);
    env.setDay('2027-12-03');
    env.post(h, pb, 'award', 7);
    // Last year's clearing was forgotten; it runs now, then this year's.
    expect(env.admin.call('clearing.run', { passbookId: pb, clearDate: '2026-11-25' }).points).toBe(80);
    expect(env.admin.call('clearing.run', { passbookId: pb, clearDate: '2027-11-25' }).points).toBe(45);
    expect(env.balance(h, pb)).toBe(7);
  });

  it('02-29 clears on 02-28 in a year that has none', () => {
    env = clearingEnv('2027-02-01');
    const pb = env.passbook('02-29');
    expect(env.admin.call('clearing.preview', { passbookId: pb }).clearDate).toBe('2027-02-28');
    expect(errorOf(dispatch(env.core, env.admin.token, 'clearing.preview', { passbookId: pb, clearDate: '2027-03-01' })).code).toBe(
      'CLEAR_DATE_NOT_CLEARING_DAY',
    );
  });
});

describe('clearing in the open', () => {
  it('the list afterwards names each household, what was cleared and what remains; the totals match the ledger', () => {
    env = clearingEnv('2026-11-20');
    const pb = env.passbook('11-25');
    const [a, b, c] = env.households as [number, number, number];
    env.post(a, pb, 'award', 1234);
    env.post(b, pb, 'award', 80);
    env.setDay('2026-11-30');
    env.post(b, pb, 'award', 15);
    env.post(c, pb, 'award', 9);
    env.setDay('2026-12-02');
    expect(errorOf(dispatch(env.core, env.admin.token, 'clearing.list', { passbookId: pb, clearDate: '2026-11-25' })).code).toBe('CLEARING_NOT_RUN');
    env.admin.call('clearing.run', { passbookId: pb, clearDate: '2026-11-25' });
    const list = env.admin.call('clearing.list', { passbookId: pb, clearDate: '2026-11-25' });
    expect(list).toMatchObject({ clearDate: '2026-11-25', ranOn: '2026-12-02', totalPoints: 1314 });
    expect(list.households.map((h) => [h.cleared, h.remains])).toEqual([
      [1234, 0],
      [80, 15],
    ]);
    const sum = env.core.db.prepare("SELECT -SUM(amount) FROM ledger WHERE kind = 'clearing' AND passbook_id = ?").pluck().get(pb);
    expect(sum).toBe(list.totalPoints);
  });

  it('the counter warns a household whose points clear within 30 days, and not before or after', () => {
    env = clearingEnv('2026-10-20');
    const pb = env.passbook('11-25');
    const h = env.households[0]!;
    env.post(h, pb, 'award', 42);
    const keeper = () => login(env!.core, 'keeper');
    const soon = () =>
      keeper()
        .call('clearing.soon', { householdId: h })
        .filter((x) => x.passbookId === pb);
    expect(soon()).toEqual([]); // 36 days ahead
    env.setDay('2026-10-26');
    expect(soon()).toEqual([{ passbookId: pb, passbookName: expect.any(String), clearDate: '2026-11-25', daysLeft: 30, points: 42 }]);
    env.setDay('2026-11-25');
    expect(soon()[0]).toMatchObject({ daysLeft: 0, points: 42 });
    env.admin.call('clearing.run', { passbookId: pb, clearDate: '2026-11-25' });
    expect(soon()).toEqual([]);
    // Across the new year: a passbook that clears on 01-05 warns in December.
    const jan = env.passbook('01-05');
    env.post(h, jan, 'award', 7);
    env.setDay('2026-12-20');
    expect(
      keeper()
        .call('clearing.soon', { householdId: h })
        .find((x) => x.passbookId === jan),
    ).toMatchObject({ clearDate: '2027-01-05', daysLeft: 16, points: 7 });
  });
});
