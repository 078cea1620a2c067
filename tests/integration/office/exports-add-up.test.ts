/**
 * Issue 15, items 1 and 2: every export adds up to its source. For each export kind the
 * file is read back by SheetJS (never by our writer) and its rows and totals are compared
 * with the database: balances list every household and passbook (zero ones too, households
 * with no ledger row yet included), the statistics' lists are complete and their 合计 are
 * over everything, and the paged list on screen has the same count and points.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { DB_FILE } from '../../../db/core.js';
import { exportToFile } from '../../../db/accounting/exports/run.js';
import type { ExportFormat, ExportKind } from '../../../db/contract/index.js';
import { freshCore, login, TestClock } from '../../helpers/core.js';
import { fen } from '../../../db/domain/amounts.js';

const TZ = 'Asia/Shanghai';
const TODAY = '2026-11-29';
const FROM = '2026-01-01';

let env: ReturnType<typeof freshCore>;
let accountant: ReturnType<typeof login>;

beforeEach(() => {
  env = freshCore({ demo: true, households: 24, clock: new TestClock(new Date('2026-11-29T04:00:00Z')) });
  accountant = login(env.core, 'accountant');
  const admin = login(env.core, 'admin');
  const keeper = login(env.core, 'keeper');
  const groupId = admin.call('households.groups', {})[0]!.id;
  // Two households without a single ledger row: they must still be in the balances sheet.
  admin.call('households.create', { number: '09-901', groupId, members: [{ name: '新户甲', relation: '户主' }] });
  admin.call('households.create', { number: '09-902', groupId, members: [{ name: '新户乙', relation: '户主' }] });
  const passbookId = env.core.db.prepare('SELECT id FROM passbooks WHERE is_default = 1').pluck().get() as number;
  const goods = env.core.db.prepare('SELECT id FROM goods WHERE stock >= 20 ORDER BY points_price LIMIT 2').pluck().all() as number[];
  const rich = env.core.db.prepare('SELECT household_id FROM accounts WHERE balance >= 100 ORDER BY household_id LIMIT 3').pluck().all() as number[];
  const made = rich.map((h, i) =>
    keeper.call('redemption.create', { requestId: `add-up-${i}-0000`, householdId: h, passbookId, lines: goods.map((g) => ({ goodsId: g, quantity: 1 })) }),
  );
  keeper.call('redemption.void', { requestId: 'add-up-void-01', redemptionId: made[0]!.id, reason: '退货', approverId: admin.operatorId, approverPin: '9999' });
});

afterEach(() => env.close());

async function exported(kind: ExportKind, format: ExportFormat = 'xlsx'): Promise<XLSX.WorkBook> {
  const out = join(env.dir, `${kind}.${format}`);
  await exportToFile({ dbFile: join(env.dir, DB_FILE), kind, from: FROM, to: TODAY, format, out, timeZone: TZ, pointValueFen: fen(100) });
  const bytes = readFileSync(out);
  return format === 'xlsx' ? XLSX.read(bytes, { type: 'buffer' }) : XLSX.read(bytes.toString('utf8').replace(/^\uFEFF/, ''), { type: 'string', raw: true });
}

function table(book: XLSX.WorkBook, sheet: string): (string | number)[][] {
  return XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets[sheet]!, { header: 1, raw: true });
}

const num = (v: string | number | undefined) => Number(v);
const sum = (rows: (string | number)[][], col: number) => rows.reduce((s, r) => s + num(r[col]), 0);
const db = () => env.core.db;

describe('every export adds up to the database (read back by SheetJS)', () => {
  it('ledger: one row per ledger row in range, 积分变动 and 荣誉 totals equal the database sums', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const book = await exported('ledger', format);
      const rows = table(book, book.SheetNames[0]!);
      const body = rows.slice(1, -1);
      const expected = db()
        .prepare('SELECT count(*) AS n, SUM(amount) AS amount, SUM(honour_delta) AS honour FROM ledger WHERE business_date BETWEEN ? AND ?')
        .get(FROM, TODAY) as { n: number; amount: number; honour: number };
      expect(body).toHaveLength(expected.n);
      expect(sum(body, 8)).toBe(expected.amount);
      expect(num(rows.at(-1)![8])).toBe(expected.amount);
      expect(num(rows.at(-1)![10])).toBe(expected.honour);
    }
  });

  it('redemptions: one row per line, totals without the voided receipt equal the standing receipts', async () => {
    const rows = table(await exported('redemptions'), '兑换明细');
    const body = rows.slice(1, -1);
    const lines = db()
      .prepare('SELECT count(*) FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date BETWEEN ? AND ?')
      .pluck()
      .get(FROM, TODAY) as number;
    const standing = db()
      .prepare('SELECT SUM(total) FROM redemptions r WHERE NOT EXISTS (SELECT 1 FROM voids v WHERE v.redemption_id = r.id) AND business_date BETWEEN ? AND ?')
      .pluck()
      .get(FROM, TODAY) as number;
    expect(body).toHaveLength(lines);
    expect(num(rows.at(-1)![14])).toBe(standing);
    expect(body.filter((r) => r[16] === '已作废').length).toBeGreaterThan(0);
  });

  it('stock: one row per movement, the quantity total equals the database sum', async () => {
    const rows = table(await exported('stock', 'csv'), 'Sheet1');
    const body = rows.slice(1, -1);
    const e = db().prepare('SELECT count(*) AS n, SUM(quantity) AS q FROM stock_movements WHERE business_date BETWEEN ? AND ?').get(FROM, TODAY) as {
      n: number;
      q: number;
    };
    expect(body).toHaveLength(e.n);
    expect(num(rows.at(-1)![7])).toBe(e.q);
  });

  it('balances: every household × passbook (zero and never-posted ones too); closing equals the cached balance; totals equal the roster', async () => {
    const households = db().prepare('SELECT count(*) FROM households').pluck().get() as number;
    const passbooks = db().prepare('SELECT count(*) FROM passbooks').pluck().get() as number;
    const noLedger = db()
      .prepare('SELECT count(*) FROM households h WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.household_id = h.id)')
      .pluck()
      .get() as number;
    expect(noLedger).toBeGreaterThanOrEqual(2);
    for (const format of ['xlsx', 'csv'] as const) {
      const book = await exported('balances', format);
      const rows = table(book, book.SheetNames[0]!);
      const body = rows.slice(1, -1);
      expect(body).toHaveLength(households * passbooks);
      const cached = new Map(
        (
          db()
            .prepare(
              'SELECT h.number, p.name AS passbook, a.balance FROM accounts a JOIN households h ON h.id = a.household_id JOIN passbooks p ON p.id = a.passbook_id',
            )
            .all() as { number: string; passbook: string; balance: number }[]
        ).map((r) => [`${r.number}/${r.passbook}`, r.balance]),
      );
      for (const r of body) {
        expect(num(r[5]) + num(r[6]) - num(r[7])).toBe(num(r[8]));
        expect(num(r[8])).toBe(cached.get(`${String(r[0])}/${String(r[4])}`) ?? 0);
      }
      expect(body.filter((r) => String(r[0]) === '09-901')).toHaveLength(passbooks);
      const total = db().prepare('SELECT SUM(balance) FROM accounts').pluck().get() as number;
      expect(num(rows.at(-1)![8])).toBe(total);
    }
  });

  it('stats: the never-redeemed list is complete (rows = headline count, 合计 = headline points), the goods list holds every good', async () => {
    const s = accountant.call('stats.overview', { from: FROM, to: TODAY });
    const book = await exported('stats');
    const never = table(book, '从未兑换的农户');
    const neverBody = never.slice(1, -1);
    const activeNever = db()
      .prepare(
        `SELECT count(*) FROM households h WHERE status = 'active' AND NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.household_id = h.id AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.redemption_id = r.id))`,
      )
      .pluck()
      .get() as number;
    expect(s.neverRedeemed.count).toBe(activeNever);
    expect(neverBody).toHaveLength(activeNever);
    expect(num(never.at(-1)![3])).toBe(s.neverRedeemed.balance);

    // The screen's pages, walked to the end, are the same households with the same points.
    const seen: string[] = [];
    let points = 0;
    for (let offset = 0; ; offset += 7) {
      const page = accountant.call('stats.neverRedeemed', { offset, limit: 7 });
      expect(page.total).toBe(activeNever);
      expect(page.balance).toBe(s.neverRedeemed.balance);
      if (page.rows.length === 0) break;
      seen.push(...page.rows.map((r) => r.number));
      points += page.rows.reduce((a, r) => a + r.balance, 0);
    }
    expect(seen).toEqual(neverBody.map((r) => String(r[0])));
    expect(points).toBe(s.neverRedeemed.balance);

    const goods = table(book, '兑换商品').slice(1, -1);
    const distinct = db()
      .prepare(
        `SELECT count(DISTINCT l.goods_id) FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.redemption_id = r.id)`,
      )
      .pluck()
      .get(FROM, TODAY) as number;
    expect(goods).toHaveLength(distinct);
    expect(sum(goods, 3)).toBe(s.redeemed.points);
  });
});
