/**
 * Issue 15, item 5: the day close's figures by kind, on a real database. A day with one of
 * each (an award and a deduction posted from a notice, an opening balance, sales with one
 * voided, a transfer) shows each on its own line with its sign; the void's refund and the
 * opening balance are not awards, the voided sale is not a deduction; the lines add up to
 * the day's net; the printed slip says the same.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayPointLines, signedPoints } from '../../../db/contract/day-lines.js';
import { dayCloseSlip } from '../../../db/accounting/day-close/slip.js';
import iconv from 'iconv-lite';
import { encodeDocument } from '../../../db/printing/escpos.js';
import { slipDocument } from '../../../db/printing/layout.js';
import { pointsEnv, type PointsEnv } from '../../helpers/points.js';

let env: PointsEnv;
beforeEach(() => {
  env = pointsEnv({ households: 8 });
});
afterEach(() => env.close());

describe('day close by kind', () => {
  it('shows awards, deductions, openings, redemptions, voids, transfers each on its own line, signed', () => {
    const [a, b, c] = env.households;
    // Entries recorded and approved on the first day, published for one day.
    const award = env.who.admin.call('points.record', {
      requestId: env.rid(),
      ruleItemId: env.item('A01').id,
      eventDate: env.today(),
      evidence: '评议',
      lines: [{ householdId: a! }],
    });
    const ded = env.who.admin.call('points.record', {
      requestId: env.rid(),
      ruleItemId: env.item('D02').id,
      eventDate: env.today(),
      evidence: '评议',
      lines: [{ householdId: b!, points: 12 }],
    });
    env.who.accountant.call('points.review', { entryIds: [...award.entries, ...ded.entries].map((e) => e.id), decision: 'approved' });
    const notice = env.who.admin.call('notices.create', { requestId: env.rid('n'), periodDays: 1 });
    env.advanceDays(2);
    const day = env.today();

    // The day itself: posting, an opening balance, three sales (one voided), a transfer.
    env.who.accountant.call('notices.post', { noticeId: notice.id });
    const groupId = env.who.admin.call('households.groups', {})[0]!.id;
    env.who.admin.call('households.create', { number: '09-950', groupId, members: [{ name: '期初户', relation: '户主' }], openingPoints: 40 });
    const goods = env.core.db.prepare('SELECT id, points_price FROM goods WHERE stock >= 5 ORDER BY points_price LIMIT 1').get() as {
      id: number;
      points_price: number;
    };
    const sale = (h: number, i: number) =>
      env.who.keeper.call('redemption.create', { requestId: env.rid(`s${i}`), householdId: h, passbookId: 1, lines: [{ goodsId: goods.id, quantity: 1 }] });
    sale(a!, 1);
    const voided = sale(c!, 2);
    env.who.keeper.call('redemption.void', {
      requestId: env.rid('v'),
      redemptionId: voided.id,
      reason: '顾客退回',
      approverId: env.who.admin.operatorId,
      approverPin: '9999',
    });
    env.who.admin.call('households.transferPoints', {
      requestId: env.rid('t'),
      fromHouseholdId: c!,
      toHouseholdId: a!,
      passbookId: 1,
      points: 3,
      reason: '分户转存',
    });

    const s = env.who.accountant.call('dayClose.status', { date: day }).summary;
    const lines = dayPointLines(s.points.byKind);
    const by = Object.fromEntries(lines.map((l) => [l.kind, l]));
    expect(lines.map((l) => l.kind)).toEqual(['award', 'deduction', 'opening', 'redemption', 'void', 'clearing', 'transfer', 'correction']);
    expect(by.award).toEqual({ kind: 'award', count: 1, points: 10 });
    // A deduction never takes a balance below zero, so what is posted may be less than 12; it is negative.
    expect(by.deduction!.count).toBe(1);
    expect(by.deduction!.points).toBeLessThan(0);
    expect(by.opening).toEqual({ kind: 'opening', count: 1, points: 40 });
    expect(by.redemption).toEqual({ kind: 'redemption', count: 2, points: -2 * goods.points_price });
    expect(by.void).toEqual({ kind: 'void', count: 1, points: goods.points_price });
    expect(by.clearing).toEqual({ kind: 'clearing', count: 0, points: 0 });
    expect(by.transfer!.count).toBe(2);
    expect(by.transfer!.points).toBe(0);

    // The lines are the database, kind by kind, and add up to the day's net.
    const db = env.core.db.prepare('SELECT kind, count(*) AS count, SUM(amount) AS points FROM ledger WHERE business_date = ? GROUP BY kind').all(day) as {
      kind: string;
      count: number;
      points: number;
    }[];
    for (const r of db) expect(by[r.kind]).toEqual(r);
    expect(lines.reduce((t, l) => t + l.points, 0)).toBe(s.points.net);

    // The slip prints the same lines with their signs, and no "入账合计" mixing kinds.
    const slip = dayCloseSlip(s, null);
    expect(slip.rows).toContainEqual({ label: '加分入账', value: '1 笔 +10' });
    expect(slip.rows).toContainEqual({ label: '扣分入账', value: `1 笔 −${-by.deduction!.points}` });
    expect(slip.rows).toContainEqual({ label: '期初余额', value: '1 笔 +40' });
    expect(slip.rows).toContainEqual({ label: '作废退回', value: `1 笔 +${goods.points_price}` });
    expect(slip.rows).toContainEqual({ label: '净变动', value: signedPoints(s.points.net), bold: true });
    expect(slip.rows.some((r) => 'label' in r && (r.label === '入账合计' || r.label === '扣减合计'))).toBe(false);
  });

  it('prints large figures with thousands separators on the slip, down to the printer bytes', () => {
    const groupId = env.who.admin.call('households.groups', {})[0]!.id;
    env.who.admin.call('households.create', { number: '09-951', groupId, members: [{ name: '大额户', relation: '户主' }], openingPoints: 12345 });
    const s = env.who.accountant.call('dayClose.status', { date: env.today() }).summary;
    const slip = dayCloseSlip(s, null);
    expect(slip.rows).toContainEqual({ label: '期初余额', value: '1 笔 +12,345' });
    // The same figure through the layout and the ESC/POS encoder, read back as GB18030.
    const doc = slipDocument(slip, { storeName: '积分超市', villageName: '', receiptFooter: '', timeZone: 'Asia/Shanghai' }, 58);
    const printed = iconv.decode(encodeDocument(doc), 'gb18030');
    expect(printed).toMatch(/期初余额\s+1 笔 \+12,345/);
  });
});
