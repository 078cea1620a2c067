/**
 * Day close (日结): the summary adds up, the accountant signs with a PIN, a closed day
 * refuses every kind of write dated into it, only an administrator reopens (with a
 * reason), and a row changed behind the app's back makes the close refuse and name it.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runStartupCheck } from '../../db/trust/integrity/run.js';
import { postToLedger } from '../../db/books/ledger.js';
import { moveStock } from '../../db/books/stock-moves.js';
import { verifyClosedDays } from '../../db/accounting/day-close/close.js';
import { dayDigest } from '../../db/books/day-digest.js';
import { dayCloseSlip } from '../../db/accounting/day-close/slip.js';
import { formatMessage } from '../../db/contract/errors.js';
import { errorOf, freshCore, login, TestClock } from '../helpers/core.js';
import { points as toPoints } from '../../db/domain/amounts.js';

const TODAY = '2026-11-29';

let env: ReturnType<typeof freshCore>;
let keeper: ReturnType<typeof login>;
let accountant: ReturnType<typeof login>;
let admin: ReturnType<typeof login>;
let passbookId: number;
let goods: { id: number; points_price: number }[];
let households: number[];

function redeem(n: number, goodsIdx = [0]) {
  return keeper.call('redemption.create', {
    requestId: `req-${n}-${Math.random().toString(36).slice(2, 10)}`,
    householdId: households[n % households.length]!,
    passbookId,
    lines: goodsIdx.map((i) => ({ goodsId: goods[i]!.id, quantity: 1 })),
  });
}

/** Edits a row the way someone with the sqlite3 shell would: around the triggers. */
function tamper(table: string, sql: string, ...args: unknown[]) {
  const db = env.core.db;
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(`${table}_no_update`) as string | undefined;
  if (trigger) db.exec(`DROP TRIGGER ${table}_no_update`);
  db.prepare(sql).run(...args);
  if (trigger) db.exec(trigger);
}

beforeEach(() => {
  env = freshCore({ demo: true, households: 20, clock: new TestClock(new Date('2026-11-29T02:00:00Z')) });
  keeper = login(env.core, 'keeper');
  accountant = login(env.core, 'accountant');
  admin = login(env.core, 'admin');
  passbookId = env.core.db.prepare('SELECT id FROM passbooks WHERE is_default = 1').pluck().get() as number;
  // Cheap goods with plenty of stock, so every demo household can afford them.
  goods = env.core.db.prepare('SELECT id, points_price FROM goods WHERE stock >= 20 ORDER BY points_price LIMIT 3').all() as typeof goods;
  households = env.core.db
    .prepare(`SELECT household_id FROM accounts WHERE passbook_id = ? AND balance >= 100 ORDER BY household_id`)
    .pluck()
    .all(passbookId) as number[];
});

afterEach(() => env.close());

describe('day close summary', () => {
  it('adds up the day: receipts, voids, goods out, points, per keeper, receipt numbers', () => {
    const a = redeem(0, [0, 1]);
    const b = redeem(1, [0]);
    redeem(2, [2]);
    env.clock.advance(60_000);
    keeper.call('redemption.void', { requestId: 'void-b-000001', redemptionId: b.id, reason: '顾客退回', approverId: admin.operatorId, approverPin: '9999' });

    const s = accountant.call('dayClose.status', { date: TODAY });
    expect(s.closed).toBe(false);
    expect(s.today).toBe(TODAY);
    const sum = s.summary;
    expect(sum.redemptions.count).toBe(3);
    expect(sum.redemptions.points).toBe(a.total + b.total + goods[2]!.points_price);
    expect(sum.redemptions.voidedCount).toBe(1);
    expect(sum.redemptions.voidedPoints).toBe(b.total);
    expect(sum.redemptions.byPassbook).toEqual([{ passbookId, name: '积分存折', count: 3, points: sum.redemptions.points }]);
    expect(sum.voids).toHaveLength(1);
    expect(sum.voids[0]).toMatchObject({ receiptNo: b.receiptNo, points: b.total, reason: '顾客退回', approvedByName: '演示管理员' });
    const g0 = sum.goodsOut.find((g) => g.goodsId === goods[0]!.id)!;
    expect(g0).toMatchObject({ out: 2, returned: 1, net: 1, points: goods[0]!.points_price });
    expect(sum.points.byKind).toEqual([
      { kind: 'redemption', count: 3, points: -sum.redemptions.points },
      { kind: 'void', count: 1, points: b.total },
    ]);
    expect(sum.points.deducted).toBe(sum.redemptions.points);
    expect(sum.points.posted).toBe(b.total);
    expect(sum.perKeeper).toEqual([
      { operatorId: keeper.operatorId, name: '演示店员', redemptions: 3, points: sum.redemptions.points, voids: 1, voidedPoints: b.total },
    ]);
    expect(sum.receipts).toEqual({ first: '20261129-0001', last: '20261129-0003', count: 3 });
    expect(sum.reconciliation.ok).toBe(true);
    expect(sum.reconciliation.checks.map((c) => c.key)).toEqual([
      'ledgerChain',
      'balances',
      'stock',
      'redemptions',
      'voids',
      'receiptNumbers',
      'auditChain',
      'books',
    ]);
    expect(sum.digest).toMatch(/^[0-9a-f]{64}$/);

    // The printer teammate's slip takes title + rows.
    const slip = dayCloseSlip(sum, null);
    expect(slip.title).toBe('日结单');
    expect(slip.subtitle).toBe(TODAY);
    expect(slip.rows).toContainEqual({ label: '兑换积分', value: `${sum.redemptions.points} 分`, bold: true });
    expect(slip.footer).toContain('草稿');
  });

  it("the digest is the same bytes as feeding every field of the day's rows one by one (closed days keep matching)", () => {
    redeem(0, [0, 1]);
    const b = redeem(1, [2]);
    keeper.call('redemption.void', { requestId: 'void-b-digest', redemptionId: b.id, reason: '顾客退回', approverId: admin.operatorId, approverPin: '9999' });
    const db = env.core.db;
    const h = createHash('sha256');
    const feed = (tag: string, sql: string) => {
      h.update(`[${tag}]`);
      for (const row of db.prepare(sql).raw().all(TODAY) as unknown[][]) {
        for (const f of row) {
          const s = f === null ? '\u0000' : Buffer.isBuffer(f) ? f.toString('hex') : String(f);
          h.update(`${Buffer.byteLength(s)}:${s};`);
        }
        h.update('\n');
      }
    };
    feed('ledger', 'SELECT id, hash FROM ledger WHERE business_date = ? ORDER BY id');
    feed(
      'stock',
      'SELECT id, goods_id, kind, quantity, stock_after, created_at, operator_id, ref_type, ref_id, note FROM stock_movements WHERE business_date = ? ORDER BY id',
    );
    feed(
      'redemptions',
      `SELECT id, receipt_no, request_id, household_id, passbook_id, member_id, operator_id, total, balance_before, balance_after,
         created_at, ledger_id FROM redemptions WHERE business_date = ? ORDER BY id`,
    );
    feed(
      'lines',
      `SELECT l.redemption_id, l.line_no, l.goods_id, l.name, l.unit, l.unit_points, l.quantity, l.line_points
       FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date = ? ORDER BY l.redemption_id, l.line_no`,
    );
    feed(
      'voids',
      'SELECT id, redemption_id, request_id, reason, operator_id, approved_by, created_at, ledger_id FROM voids WHERE business_date = ? ORDER BY id',
    );
    expect(dayDigest(db, TODAY)).toBe(h.digest('hex'));
  });

  it('summarises stock received, donated and adjusted', () => {
    const { createdAt, businessDate } = env.core.stamp();
    moveStock(env.core.db, { goodsId: goods[0]!.id, kind: 'purchase', quantity: 10, businessDate, createdAt, operatorId: admin.operatorId });
    moveStock(env.core.db, {
      goodsId: goods[1]!.id,
      kind: 'donation',
      quantity: 5,
      businessDate,
      createdAt,
      operatorId: admin.operatorId,
      note: '捐赠：县供销社',
    });
    moveStock(env.core.db, { goodsId: goods[1]!.id, kind: 'adjustment', quantity: -1, businessDate, createdAt, operatorId: admin.operatorId, note: '破损' });
    const sum = accountant.call('dayClose.status', { date: TODAY }).summary;
    expect(sum.stockIn.map((s) => [s.goodsId, s.kind, s.quantity])).toEqual([
      [goods[1]!.id, 'donation', 5],
      [goods[0]!.id, 'purchase', 10],
    ]);
    expect(sum.adjustments).toEqual([
      expect.objectContaining({ goodsId: goods[1]!.id, kind: 'adjustment', quantity: -1, note: '破损', operatorName: '演示管理员' }),
    ]);
    expect(sum.reconciliation.ok).toBe(true);
  });
});

describe('closing a day', () => {
  it('needs the accountant and their PIN; then refuses redeem, void, award and stock moves dated into it', () => {
    const first = redeem(0);
    const second = redeem(1);

    expect(errorOf(keeper.call.raw('dayClose.close', { date: TODAY, pin: '1234' })).code).toBe('FORBIDDEN');
    expect(errorOf(admin.call.raw('dayClose.close', { date: TODAY, pin: '9999' })).code).toBe('FORBIDDEN');
    expect(errorOf(accountant.call.raw('dayClose.close', { date: TODAY, pin: '0000' })).code).toBe('PIN_WRONG');
    expect(errorOf(accountant.call.raw('dayClose.close', { date: '2026-11-30', pin: '5678' })).code).toBe('DAY_IN_FUTURE');
    expect(accountant.call('dayClose.status', { date: TODAY }).closed).toBe(false);

    const closed = accountant.call('dayClose.close', { date: TODAY, pin: '5678' });
    expect(closed.closed).toBe(true);
    expect(closed.unchanged).toBe(true);
    expect(closed.history).toHaveLength(1);
    expect(closed.history[0]).toMatchObject({ action: 'close', operatorName: '演示会计' });
    expect(closed.history[0]!.summaryHash).toMatch(/^[0-9a-f]{64}$/);
    expect(errorOf(accountant.call.raw('dayClose.close', { date: TODAY, pin: '5678' })).code).toBe('DAY_ALREADY_CLOSED');

    const ledgerRows = env.core.db.prepare('SELECT count(*) FROM ledger').pluck().get();
    // Redeem: refused with the closed-day message, nothing written.
    const r = errorOf(
      keeper.call.raw('redemption.create', {
        requestId: 'after-close-1',
        householdId: households[3]!,
        passbookId,
        lines: [{ goodsId: goods[0]!.id, quantity: 1 }],
      }),
    );
    expect(r.code).toBe('DAY_CLOSED');
    expect(r.message).toBe('2026-11-29 已日结，不能再记入该日');
    // Void of a receipt of the (closed) day.
    expect(
      errorOf(
        keeper.call.raw('redemption.void', {
          requestId: 'void-after-close',
          redemptionId: second.id,
          reason: '退回',
          approverId: admin.operatorId,
          approverPin: '9999',
        }),
      ).code,
    ).toBe('DAY_CLOSED');
    // Award and stock adjustment, at the layer every feature goes through.
    const { createdAt, businessDate } = env.core.stamp();
    expect(() =>
      postToLedger(env.core.db, {
        householdId: households[0]!,
        passbookId,
        kind: 'award',
        amount: toPoints(5),
        honourDelta: toPoints(5),
        businessDate,
        createdAt,
        operatorId: admin.operatorId,
      }),
    ).toThrow(/已日结/);
    expect(() =>
      moveStock(env.core.db, { goodsId: goods[0]!.id, kind: 'adjustment', quantity: -1, businessDate, createdAt, operatorId: admin.operatorId }),
    ).toThrow(/已日结/);
    expect(env.core.db.prepare('SELECT count(*) FROM ledger').pluck().get()).toBe(ledgerRows);
    expect(env.core.db.prepare('SELECT count(*) FROM redemptions').pluck().get()).toBe(
      (env.core.db.prepare('SELECT count(*) FROM redemptions WHERE business_date < ?').pluck().get(TODAY) as number) + 2,
    );
    expect(first.id).toBeLessThan(second.id);

    // The close is audited with its digest; the PIN never is.
    const auditRow = env.core.db.prepare("SELECT detail FROM audit_log WHERE action = 'day.close'").pluck().get() as string;
    expect(JSON.parse(auditRow)).toMatchObject({ redemptions: 2, digest: closed.summary.digest });
    expect(auditRow).not.toContain('5678');
  });

  it('is reopened only by an administrator with a reason, and the record keeps both', () => {
    redeem(0);
    accountant.call('dayClose.close', { date: TODAY, pin: '5678' });
    expect(errorOf(accountant.call.raw('dayClose.reopen', { date: TODAY, reason: '补录' })).code).toBe('FORBIDDEN');
    expect(errorOf(admin.call.raw('dayClose.reopen', { date: TODAY, reason: ' ' })).code).toBe('BAD_INPUT');
    const reopened = admin.call('dayClose.reopen', { date: TODAY, reason: '漏记一笔兑换，需补录' });
    expect(reopened.closed).toBe(false);
    expect(errorOf(admin.call.raw('dayClose.reopen', { date: TODAY, reason: '再来一次' })).code).toBe('DAY_NOT_CLOSED');

    redeem(1); // accepted again
    const again = accountant.call('dayClose.close', { date: TODAY, pin: '5678' });
    expect(again.history.map((h) => [h.action, h.operatorName, h.reason])).toEqual([
      ['close', '演示会计', null],
      ['reopen', '演示管理员', '漏记一笔兑换，需补录'],
      ['close', '演示会计', null],
    ]);
    expect(again.summary.redemptions.count).toBe(2);
    expect(verifyClosedDays(env.core)).toEqual([]);
  });

  it('lists recent days with whether each is closed', () => {
    redeem(0);
    accountant.call('dayClose.close', { date: TODAY, pin: '5678' });
    const days = accountant.call('dayClose.list', { limit: 10 });
    expect(days[0]).toMatchObject({ businessDate: TODAY, closed: true, redemptions: 1 });
    expect(days.slice(1).every((d) => !d.closed)).toBe(true);
    expect(days.some((d) => d.redemptions > 0 && d.businessDate < TODAY)).toBe(true);
  });
});

describe('the day close slip', () => {
  it('is queued on the receipt printer as a slip, signed once the day is closed', () => {
    redeem(0);
    accountant.call('dayClose.close', { date: TODAY, pin: '5678' });
    const { jobId } = accountant.call('dayClose.printSlip', { date: TODAY });
    const job = env.core.db.prepare('SELECT kind, title, payload FROM print_jobs WHERE id = ?').get(jobId) as { kind: string; title: string; payload: string };
    expect(job.kind).toBe('slip');
    expect(job.title).toBe('日结单');
    const payload = JSON.parse(job.payload) as { subtitle: string; rows: { label?: string; value?: string }[]; footer: string };
    expect(payload.subtitle).toBe(TODAY);
    expect(payload.rows).toContainEqual({ label: '会计签字', value: '演示会计' });
    expect(payload.footer).toBe('已日结，当日不能再记账');
  });
});

describe('reconciliation catches rows changed behind the app', () => {
  it('a ledger amount edited with the sqlite shell: the close refuses and names the row', () => {
    redeem(0);
    const b = redeem(1);
    const ledgerId = env.core.db.prepare('SELECT ledger_id FROM redemptions WHERE id = ?').pluck().get(b.id) as number;
    tamper('ledger', 'UPDATE ledger SET amount = amount + 10 WHERE id = ?', ledgerId);

    const res = accountant.call.raw('dayClose.close', { date: TODAY, pin: '5678' });
    const err = errorOf(res);
    expect(err.code).toBe('DAY_NOT_RECONCILED');
    expect(err.message).toContain(`台账 #${ledgerId}`);
    expect(err.message).toContain('哈希不符');
    // In English the refusal names the same row in English, not the core's Chinese.
    const english = formatMessage(err.code, 'en', err.params);
    expect(english).toContain(`ledger #${ledgerId}: hash does not match the row`);
    expect(english).not.toMatch(/[\u4e00-\u9fff]/);
    expect(accountant.call('dayClose.status', { date: TODAY }).closed).toBe(false);

    const checks = accountant.call('dayClose.status', { date: TODAY }).summary.reconciliation.checks;
    const failed = checks.filter((c) => !c.ok).map((c) => c.key);
    expect(failed).toEqual(expect.arrayContaining(['ledgerChain', 'balances', 'redemptions']));
  });

  it('with a signed checkpoint (the fast path a host uses): the same edit is still caught', () => {
    runStartupCheck(env.core); // sets the signed checkpoint, as a host does at start-up
    redeem(0);
    const b = redeem(1);
    const ledgerId = env.core.db.prepare('SELECT ledger_id FROM redemptions WHERE id = ?').pluck().get(b.id) as number;
    const status = accountant.call('dayClose.status', { date: TODAY });
    expect(status.summary.reconciliation.checks.find((c) => c.key === 'ledgerChain')?.checked).toMatchObject({ code: 'SCOPE_LEDGER_CHAIN_SINCE' });
    tamper('ledger', 'UPDATE ledger SET amount = amount + 10 WHERE id = ?', ledgerId);
    const err = errorOf(accountant.call.raw('dayClose.close', { date: TODAY, pin: '5678' }));
    expect(err.code).toBe('DAY_NOT_RECONCILED');
    expect(err.message).toContain(`#${ledgerId}`);
  });

  it('a receipt number skipped: the close refuses with the gap', () => {
    redeem(0);
    const b = redeem(1);
    tamper('redemptions', "UPDATE redemptions SET receipt_no = '20261129-0003' WHERE id = ?", b.id);
    const err = errorOf(accountant.call.raw('dayClose.close', { date: TODAY, pin: '5678' }));
    expect(err.code).toBe('DAY_NOT_RECONCILED');
    expect(err.message).toContain('兑换单号不连续：应为 20261129-0002，实为 20261129-0003');
  });

  it('a stock level changed behind the app: the close refuses', () => {
    redeem(0);
    tamper('goods', 'UPDATE goods SET stock = stock + 5 WHERE id = ?', goods[0]!.id);
    const err = errorOf(accountant.call.raw('dayClose.close', { date: TODAY, pin: '5678' }));
    expect(err.code).toBe('DAY_NOT_RECONCILED');
    expect(err.message).toContain(`商品 #${goods[0]!.id}`);
  });

  it('a guard trigger dropped (found by the verify, on no line of its own before): the books line fails and the close refuses', () => {
    redeem(0);
    env.core.db.exec('DROP TRIGGER voids_no_update');
    const books = accountant.call('dayClose.status', { date: TODAY }).summary.reconciliation.checks.find((c) => c.key === 'books')!;
    expect(books.ok).toBe(false);
    expect(books.problems).toContainEqual({ table: 'sqlite_master', rowId: 'trigger voids_no_update', code: 'SCHEMA_DROPPED' });
    const err = errorOf(accountant.call.raw('dayClose.close', { date: TODAY, pin: '5678' }));
    expect(err.code).toBe('DAY_NOT_RECONCILED');
    expect(err.message).toContain('数据库结构 #trigger voids_no_update');
    expect(accountant.call('dayClose.status', { date: TODAY }).closed).toBe(false);
  });

  it('a closed day edited afterwards no longer matches its digest', () => {
    redeem(0);
    accountant.call('dayClose.close', { date: TODAY, pin: '5678' });
    tamper('stock_movements', "UPDATE stock_movements SET note = '改过' WHERE id = (SELECT MAX(id) FROM stock_movements)");
    expect(accountant.call('dayClose.status', { date: TODAY }).unchanged).toBe(false);
    expect(verifyClosedDays(env.core)).toEqual([{ date: TODAY, problem: '已日结当天的数据与签字时不一致' }]);
    // And the stored summary itself, edited: its chained hash no longer matches.
    tamper('day_closes', 'UPDATE day_closes SET summary = replace(summary, \'"count":1\', \'"count":9\')');
    expect(verifyClosedDays(env.core).map((p) => p.problem)).toContain('日结汇总在签字后被改动（哈希不符）');
  });
});
