/**
 * Exports read back by an independent reader (SheetJS, not exceljs which wrote them) and
 * compared with the database: Chinese text, local times (Asia/Shanghai, not UTC),
 * number formats, frozen header, totals. CSV: UTF-8 with BOM. Jobs: progress, cancel,
 * audit with the file's SHA-256, download only while the session lives.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { DB_FILE } from '../../db/core.js';
import { localDateTime } from '../../db/domain/clock.js';
import { exportJobs } from '../../db/accounting/exports/jobs.js';
import { exportToFile, fileSha256 } from '../../db/accounting/exports/run.js';
import { ExportCancelled } from '../../db/accounting/exports/write.js';
import { postToLedger } from '../../db/books/ledger.js';
import { errorOf, freshCore, login, TestClock } from '../helpers/core.js';
import { points as toPoints } from '../../db/domain/amounts.js';
import { fen } from '../../db/domain/amounts.js';

const TZ = 'Asia/Shanghai';
const TODAY = '2026-11-29';

let env: ReturnType<typeof freshCore>;
let keeper: ReturnType<typeof login>;
let accountant: ReturnType<typeof login>;
let admin: ReturnType<typeof login>;
let passbookId: number;

beforeEach(() => {
  // 23:30 in Shanghai is 15:30 UTC: a UTC date or time would be visibly wrong.
  env = freshCore({ demo: true, households: 15, clock: new TestClock(new Date('2026-11-29T15:30:00Z')) });
  keeper = login(env.core, 'keeper');
  accountant = login(env.core, 'accountant');
  admin = login(env.core, 'admin');
  passbookId = env.core.db.prepare('SELECT id FROM passbooks WHERE is_default = 1').pluck().get() as number;
  const goods = env.core.db.prepare('SELECT id FROM goods WHERE stock >= 20 ORDER BY points_price LIMIT 2').pluck().all() as number[];
  const rich = env.core.db.prepare('SELECT household_id FROM accounts WHERE balance >= 100 ORDER BY household_id LIMIT 3').pluck().all() as number[];
  const made = rich.map((h, i) =>
    keeper.call('redemption.create', {
      requestId: `exp-test-${i}-000`,
      householdId: h,
      passbookId,
      lines: goods.map((g) => ({ goodsId: g, quantity: i + 1 })),
    }),
  );
  keeper.call('redemption.void', {
    requestId: 'exp-void-0001',
    redemptionId: made[1]!.id,
    reason: '退货, "包装破损"',
    approverId: admin.operatorId,
    approverPin: '9999',
  });
});

afterEach(() => env.close());

const dbFile = () => join(env.dir, DB_FILE);

function readBook(file: string) {
  return XLSX.read(readFileSync(file), { type: 'buffer', cellNF: true, bookFiles: true });
}

/** Rows as the formatted text a person sees in Excel (SheetJS's `w`). */
function shownRows(ws: XLSX.WorkSheet): string[][] {
  return XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false, defval: '' });
}

describe('XLSX exports, read back by SheetJS', () => {
  it('ledger: every row matches the database, in local time, with Chinese headers, formats, frozen header and totals', async () => {
    const out = join(env.dir, 'ledger.xlsx');
    const progress: number[] = [];
    const res = await exportToFile({
      dbFile: dbFile(),
      kind: 'ledger',
      from: '2026-09-01',
      to: TODAY,
      format: 'xlsx',
      out,
      timeZone: TZ,
      onProgress: (p) => progress.push(p.rows),
    });

    const db = env.core.db;
    const expected = db
      .prepare(
        `SELECT l.id, l.business_date, l.created_at, h.number, h.head_name, l.amount, l.balance_after, o.name AS operator, l.note
         FROM ledger l JOIN households h ON h.id = l.household_id JOIN operators o ON o.id = l.operator_id
         WHERE l.business_date BETWEEN '2026-09-01' AND ? ORDER BY l.business_date, l.id`,
      )
      .all(TODAY) as {
      id: number;
      business_date: string;
      created_at: string;
      number: string;
      head_name: string;
      amount: number;
      balance_after: number;
      operator: string;
      note: string | null;
    }[];
    expect(res.rows).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(50);
    expect(progress.at(-1)).toBe(expected.length);

    const book = readBook(out);
    expect(book.SheetNames).toEqual(['积分台账']);
    const ws = book.Sheets['积分台账']!;
    const rows = shownRows(ws);
    expect(rows[0]).toEqual([
      '台账编号',
      '业务日期',
      '时间',
      '户号',
      '户主',
      '村民小组',
      '存折',
      '类型',
      '积分变动',
      '变动后余额',
      '荣誉积分变动',
      '经办人',
      '关联单据',
      '更正台账编号',
      '备注',
    ]);
    expect(rows).toHaveLength(expected.length + 2);
    expected.forEach((e, i) => {
      const r = rows[i + 1]!;
      expect(Number(r[0])).toBe(e.id);
      expect(r[1]).toBe(e.business_date);
      expect(r[2]).toBe(localDateTime(e.created_at, TZ));
      expect(r[3]).toBe(e.number);
      expect(r[4]).toBe(e.head_name);
      expect(Number(r[8]!.replaceAll(',', ''))).toBe(e.amount);
      expect(Number(r[9]!.replaceAll(',', ''))).toBe(e.balance_after);
      expect(r[11]).toBe(e.operator);
      expect(r[14]).toBe(e.note ?? '');
    });
    // Tonight's redemption happened at 23:30 local time, on the local business date.
    const tonight = rows.filter((r) => r[1] === TODAY && r[7] === '兑换');
    expect(tonight.length).toBe(3);
    expect(tonight[0]![2]).toBe('2026-11-29 23:30:00');
    expect(tonight[0]![12]).toMatch(/^兑换单 20261129-000\d$/);
    expect(rows.find((r) => r[7] === '作废退回')![14]).toContain('退货, "包装破损"');

    // Totals row: a SUM formula whose cached result is the database's sum.
    const total = expected.reduce((s, e) => s + e.amount, 0);
    const last = rows.at(-1)!;
    expect(last[0]).toBe('合计');
    const totalCell = ws[`I${expected.length + 2}`] as XLSX.CellObject;
    expect(totalCell.f).toBe(`SUM(I2:I${expected.length + 1})`);
    expect(totalCell.v).toBe(total);

    // Number formats, real dates, widths, frozen header, autofilter.
    const amountCell = ws['I2'] as XLSX.CellObject;
    expect(amountCell.t).toBe('n');
    expect(amountCell.z).toBe('#,##0;-#,##0;0');
    const timeCell = ws['C2'] as XLSX.CellObject;
    expect(timeCell.t).toBe('n'); // a real Excel date-time, sortable and filterable
    expect(timeCell.z).toBe('yyyy-mm-dd hh:mm:ss');
    const sheetXml = (book as unknown as { files: Record<string, { content: Uint8Array }> }).files;
    const xmlKey = Object.keys(sheetXml).find((k) => /worksheets\/sheet1\.xml$/.test(k))!;
    const xml = Buffer.from(sheetXml[xmlKey]!.content).toString('utf8');
    expect(xml).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml).toContain('<autoFilter ref="A1:O1"');
    expect(xml).toContain('<col min="3" max="3" width="20"');
    expect(xml).toContain('<col min="15" max="15" width="36"');
    // Inline strings, no shared-strings table that grows with the range.
    expect(Object.keys(sheetXml).some((k) => /sharedStrings/.test(k))).toBe(false);
    expect(res.sha256).toBe(await fileSha256(out));
  });

  it('redemptions with lines: voided receipts marked, totals without them', async () => {
    const out = join(env.dir, 'r.xlsx');
    await exportToFile({ dbFile: dbFile(), kind: 'redemptions', from: TODAY, to: TODAY, format: 'xlsx', out, timeZone: TZ });
    const rows = shownRows(readBook(out).Sheets['兑换明细']!);
    const lines = env.core.db
      .prepare(
        `SELECT r.receipt_no, l.name, l.quantity, l.line_points, EXISTS (SELECT 1 FROM voids v WHERE v.redemption_id = r.id) AS voided
         FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date = ? ORDER BY r.id, l.line_no`,
      )
      .all(TODAY) as { receipt_no: string; name: string; quantity: number; line_points: number; voided: number }[];
    expect(rows.slice(1, -1).map((r) => [r[0], r[10], Number(r[13]), Number(r[14]), r[16]])).toEqual(
      lines.map((l) => [l.receipt_no, l.name, l.quantity, l.line_points, l.voided ? '已作废' : '正常']),
    );
    const voided = rows.find((r) => r[16] === '已作废')!;
    expect(voided[17]).toBe('退货, "包装破损"');
    expect(voided[18]).toBe('2026-11-29 23:30:00');
    const last = rows.at(-1)!;
    expect(last[0]).toBe('合计（不含已作废）');
    expect(Number(last[14]!.replaceAll(',', ''))).toBe(lines.filter((l) => !l.voided).reduce((s, l) => s + l.line_points, 0));
  });

  it('balances per household: opening + income − spending = closing = the account balance', async () => {
    const out = join(env.dir, 'b.xlsx');
    await exportToFile({ dbFile: dbFile(), kind: 'balances', from: '2026-11-01', to: TODAY, format: 'xlsx', out, timeZone: TZ });
    const ws = readBook(out).Sheets['农户积分余额']!;
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(ws, { header: 1, raw: true });
    const body = rows.slice(1, -1);
    const balances = new Map(
      (
        env.core.db.prepare('SELECT h.number, a.balance FROM accounts a JOIN households h ON h.id = a.household_id').all() as {
          number: string;
          balance: number;
        }[]
      ).map((r) => [r.number, r.balance]),
    );
    expect(body).toHaveLength(balances.size);
    for (const r of body) {
      const [number, , , , , opening, income, spent, closing] = r as [string, string, string, string, string, number, number, number, number];
      expect(opening + income - spent).toBe(closing);
      expect(closing).toBe(balances.get(number));
    }
    expect(rows.at(-1)![8]).toBe([...balances.values()].reduce((s, b) => s + b, 0));
  });

  it('stock movements and statistics', async () => {
    const out = join(env.dir, 's.xlsx');
    await exportToFile({ dbFile: dbFile(), kind: 'stock', from: '2026-01-01', to: TODAY, format: 'xlsx', out, timeZone: TZ });
    const rows = shownRows(readBook(out).Sheets['库存流水']!);
    expect(rows.length - 2).toBe(env.core.db.prepare('SELECT count(*) FROM stock_movements').pluck().get());
    expect(new Set(rows.slice(1, -1).map((r) => r[6]))).toEqual(new Set(['采购入库', '捐赠入库', '兑换', '作废退回']));

    const st = join(env.dir, 'stats.xlsx');
    await exportToFile({ dbFile: dbFile(), kind: 'stats', from: '2026-09-01', to: TODAY, format: 'xlsx', out: st, timeZone: TZ, pointValueFen: fen(100) });
    const book = readBook(st);
    expect(book.SheetNames).toEqual(['概况', '按类别加分', '按类别扣分', '按月', '兑换商品', '库存价值', '从未兑换的农户']);
    const stats = accountant.call('stats.overview', { from: '2026-09-01', to: TODAY });
    const cats = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets['按类别加分']!, { header: 1, raw: true });
    expect(cats.slice(1, -1)).toEqual(stats.earnedByCategory.map((c) => [c.category, c.points, c.count]));
  });
});

describe('CSV exports', () => {
  it('are UTF-8 with a BOM, CRLF, quoted where needed, local times, totals', async () => {
    const out = join(env.dir, 'ledger.csv');
    await exportToFile({ dbFile: dbFile(), kind: 'ledger', from: TODAY, to: TODAY, format: 'csv', out, timeZone: TZ });
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('台账编号,业务日期,时间,户号,户主,村民小组,存折,类型,积分变动,变动后余额,荣誉积分变动,经办人,关联单据,更正台账编号,备注');
    const day = env.core.db.prepare('SELECT amount FROM ledger WHERE business_date = ?').pluck().all(TODAY) as number[];
    expect(lines).toHaveLength(day.length + 3);
    expect(lines[1]).toContain(',2026-11-29 23:30:00,');
    expect(text).toContain(',"20261129-0002 退货, ""包装破损"""\r\n');
    expect(lines.at(-2)!.split(',')[8]).toBe(String(day.reduce((s, a) => s + a, 0)));
    // SheetJS reads it back with the same columns.
    const ws = XLSX.read(text, { type: 'string', raw: true }).Sheets.Sheet1!;
    expect(shownRows(ws)[0]![4]).toBe('户主');
  });
});

describe('export jobs through the contract', () => {
  it('run in the background, are audited with the file hash, and download only while the session lives', async () => {
    const view = accountant.call('export.start', { kind: 'ledger', format: 'xlsx', from: '2026-11-01', to: TODAY });
    expect(view.state).toBe('running');
    expect(view.fileName).toBe('积分台账_2026-11-01_2026-11-29.xlsx');
    const done = (await exportJobs(env.core).settled(view.id))!;
    expect(done.state).toBe('done');
    expect(done.rows).toBe(done.totalRows);
    expect(done.downloadPath).toBe(`/download/export/${view.id}`);
    expect(accountant.call('export.status', { id: view.id })).toMatchObject({ state: 'done', sha256: done.sha256 });
    expect(accountant.call('export.list', {}).map((j) => j.id)).toEqual([view.id]);
    expect(errorOf(accountant.call.raw('export.status', { id: 'x'.repeat(24) })).code).toBe('EXPORT_NOT_FOUND');
    // The administrator sees every export; a keeper may not export at all.
    expect(admin.call('export.status', { id: view.id }).state).toBe('done');
    expect(errorOf(keeper.call.raw('export.start', { kind: 'ledger', format: 'csv', from: TODAY, to: TODAY })).code).toBe('FORBIDDEN');
    expect(errorOf(accountant.call.raw('export.start', { kind: 'ledger', format: 'csv', from: TODAY, to: '2026-01-01' })).code).toBe('EXPORT_RANGE_INVALID');

    const dl = exportJobs(env.core).download(view.id)!;
    expect(existsSync(dl.file)).toBe(true);
    expect(dl.file.startsWith(join(env.dir, 'exports'))).toBe(true);
    expect(await fileSha256(dl.file)).toBe(done.sha256);
    const audits = env.core.db.prepare('SELECT action, detail FROM audit_log WHERE target = ? ORDER BY id').all(`export:${view.id}`) as {
      action: string;
      detail: string;
    }[];
    expect(audits.map((a) => a.action)).toEqual(['export.start', 'export.done', 'export.download']);
    expect(JSON.parse(audits[1]!.detail)).toMatchObject({ kind: 'ledger', rows: done.rows, sha256: done.sha256 });

    accountant.call('session.logout', {});
    expect(exportJobs(env.core).download(view.id)).toBeNull();
  });

  it('can be cancelled: the partial file is removed and the cancel audited', async () => {
    // Enough rows for several chunks.
    const { createdAt, businessDate } = env.core.stamp();
    const hh = env.core.db.prepare('SELECT id FROM households ORDER BY id LIMIT 1').pluck().get() as number;
    env.core.db.transaction(() => {
      for (let i = 0; i < 9000; i++)
        postToLedger(env.core.db, {
          householdId: hh,
          passbookId,
          kind: 'award',
          amount: toPoints(1),
          honourDelta: toPoints(1),
          businessDate,
          createdAt,
          operatorId: admin.operatorId,
          note: '测试',
        });
    })();
    const out = join(env.dir, 'cancel.xlsx');
    const ctl = new AbortController();
    await expect(
      exportToFile({
        dbFile: dbFile(),
        kind: 'ledger',
        from: TODAY,
        to: TODAY,
        format: 'xlsx',
        out,
        timeZone: TZ,
        signal: ctl.signal,
        onProgress: (p) => p.rows >= 2000 && ctl.abort(),
      }),
    ).rejects.toBeInstanceOf(ExportCancelled);
    expect(existsSync(out)).toBe(false);

    const view = accountant.call('export.start', { kind: 'ledger', format: 'csv', from: TODAY, to: TODAY });
    accountant.call('export.cancel', { id: view.id });
    const end = (await exportJobs(env.core).settled(view.id))!;
    expect(end.state).toBe('cancelled');
    expect(env.core.db.prepare('SELECT action FROM audit_log WHERE target = ? ORDER BY id DESC LIMIT 1').pluck().get(`export:${view.id}`)).toBe(
      'export.cancelled',
    );
  });
});
