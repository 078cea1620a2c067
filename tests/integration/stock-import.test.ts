import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { formatMessage } from '../../db/contract/errors.js';
import type { ImportPreview } from '../../db/contract/views-stock.js';
import { parseYuan } from '../../db/stock/import.js';
import { readXlsxRows } from '../../db/platform/spreadsheet/xlsx-read.js';
import { errorOf, freshCore, login } from '../helpers/core.js';

let env: ReturnType<typeof freshCore>;
afterEach(() => env?.close());

function setup() {
  env = freshCore({ demo: true, households: 5 });
  return { acc: login(env.core, 'accountant'), db: env.core.db };
}

const HEADER = ['商品名称*', '分类*', '单位*', '兑换积分*', '参考价值(元)', '条码', '低库存提醒', '期初库存'];
const GOOD_ROWS = [
  ['菜籽油 5L', '粮油', '桶', '75', '72.5', '6901111111116', '5', '20'],
  ['抽纸 3包', '日用品', '提', '12', '￥11.90', '6902222222223/6902222222230', '', '40'],
  ['老花镜', '日用品', '副', '15', '', '', '2', ''],
];

async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('商品');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvOf(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
}

const b64 = (b: Buffer) => b.toString('base64');
const issuesText = (p: ImportPreview) => p.rows.flatMap((r) => r.issues.map((i) => `第${r.rowNo}行 ${formatMessage(i.code, 'zh', i.params)}`));

describe('goods import', () => {
  it('reads an XLSX made by exceljs (numbers as numbers), previews, then imports all rows with opening stock', async () => {
    const { acc, db } = setup();
    const file = await xlsxOf([HEADER, ['菜籽油 5L', '粮油', '桶', 75, 72.5, '6901111111116', 5, 20], ...GOOD_ROWS.slice(1)]);
    const p = acc.call('stock.importPreview', { fileName: '商品.xlsx', base64: b64(file) });
    expect(p.fileIssues).toEqual([]);
    expect(issuesText(p)).toEqual([]);
    expect(p.ok).toBe(true);
    expect(p.rows.map((r) => [r.rowNo, r.name, r.pointsPrice, r.valueFen, r.barcodes, r.lowStock, r.openingStock])).toEqual([
      [2, '菜籽油 5L', 75, 7250, ['6901111111116'], 5, 20],
      [3, '抽纸 3包', 12, 1190, ['6902222222223', '6902222222230'], 0, 40],
      [4, '老花镜', 15, 0, [], 2, 0],
    ]);
    const goodsBefore = db.prepare('SELECT count(*) FROM goods').pluck().get() as number;
    const res = acc.call('stock.importGoods', { fileName: '商品.xlsx', base64: b64(file) });
    expect(res).toMatchObject({ imported: 3, openingUnits: 60 });
    expect(db.prepare('SELECT count(*) FROM goods').pluck().get()).toBe(goodsBefore + 3);
    const oil = acc.call('stock.goodsGet', { goodsId: res.goodsIds[0]! });
    expect(oil).toMatchObject({ name: '菜籽油 5L', stock: 20, valueFen: 7250 });
    const h = acc.call('stock.movements', { goodsId: oil.id });
    expect(h.movements).toHaveLength(1);
    expect(h.movements[0]).toMatchObject({ kind: 'opening', quantity: 20, operatorName: '演示会计' });
    // Importing the same file again is refused row by row: names and barcodes now exist.
    const again = acc.call('stock.importPreview', { fileName: '商品.xlsx', base64: b64(file) });
    expect(again.ok).toBe(false);
    expect(again.badRows).toBe(3);
    expect(errorOf(acc.call.raw('stock.importGoods', { fileName: '商品.xlsx', base64: b64(file) })).code).toBe('IMPORT_INVALID');
  });

  it('reads CSV as UTF-8 with and without BOM, and GBK/GB18030 from Chinese Excel', () => {
    const { acc } = setup();
    const text = csvOf([HEADER, ...GOOD_ROWS]);
    const files = {
      'utf8-bom.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      'utf8.csv': Buffer.from(text, 'utf8'),
      'gbk.csv': iconv.encode(text, 'gbk'),
      'gb18030.csv': iconv.encode(text, 'gb18030'),
    };
    for (const [name, bytes] of Object.entries(files)) {
      const p = acc.call('stock.importPreview', { fileName: name, base64: b64(bytes) });
      expect(issuesText(p), name).toEqual([]);
      expect(
        p.rows.map((r) => r.name),
        name,
      ).toEqual(['菜籽油 5L', '抽纸 3包', '老花镜']);
      expect(p.rows[1]!.valueFen, name).toBe(1190);
    }
  });

  it('reports every bad row with its row number and reason, and imports nothing', async () => {
    const { acc, db } = setup();
    const takenBarcode = db.prepare('SELECT b.barcode FROM goods_barcodes b LIMIT 1').pluck().get() as string;
    const rows = [
      HEADER,
      GOOD_ROWS[0]!, // row 2: fine
      ['', '粮油', '桶', '10', '', '', '', ''], // 3: no name
      ['香皂', '洗护', '块', '十', '', '', '', ''], // 4: points not a number
      ['牙刷', '洗护', '支', '0', '', '', '', ''], // 5: points out of range
      ['毛巾', '日用品', '条', '5', '3.456', '', '', ''], // 6: yuan with 3 decimals
      ['菜籽油 5L', '粮油', '桶', '70', '', '', '', ''], // 7: same as row 2
      ['梳子', '日用品', '把', '3', '', '6901111111116', '', ''], // 8: barcode on row 2
      ['扇子', '日用品', '把', '3', '', takenBarcode, '', ''], // 9: barcode already used
      ['五常大米 10kg', '粮油', '袋', '60', '', '', '', ''], // 10: a demo good already
      ['剪刀', '日用品', '把', '4', '', 'abc', '-1', '1.5'], // 11: bad barcode, low stock, opening
      [], // blank lines are skipped
      ['针线包', '日用品', '包', '2', '', '', '', ''], // 13: fine
    ];
    const file = await xlsxOf(rows);
    const before = db.prepare('SELECT count(*) FROM goods').pluck().get();
    const p = acc.call('stock.importPreview', { fileName: 'bad.xlsx', base64: b64(file) });
    expect(p.ok).toBe(false);
    expect(p.validRows).toBe(2);
    expect(p.badRows).toBe(9);
    const text = issuesText(p);
    expect(text).toEqual(
      expect.arrayContaining([
        '第3行 “商品名称”不能为空',
        '第4行 “兑换积分”应为整数：十',
        '第5行 “兑换积分”应在 1 到 100000 之间：0',
        '第6行 “参考价值(元)”应为金额（元，最多两位小数）：3.456',
        '第7行 与第 2 行的商品重复（同名同单位）',
        '第8行 条码 6901111111116 与第 2 行重复',
        `第10行 已有同名同单位的商品“五常大米 10kg”（袋）`,
        '第11行 条码格式不正确：abc（应为 4 到 32 位数字或字母）',
        '第11行 “低库存提醒”应在 0 到 100000 之间：-1',
        '第11行 “期初库存”应为整数：1.5',
      ]),
    );
    expect(text.some((t) => t.startsWith('第9行 条码') && t.includes('已用于商品'))).toBe(true);
    expect(p.rows.find((r) => r.rowNo === 13)!.issues).toEqual([]);
    const refused = errorOf(acc.call.raw('stock.importGoods', { fileName: 'bad.xlsx', base64: b64(file) }));
    expect(refused).toMatchObject({ code: 'IMPORT_INVALID', params: { count: 9 } });
    expect(db.prepare('SELECT count(*) FROM goods').pluck().get()).toBe(before);
  });

  it('refuses files it cannot use: wrong type, not really xlsx, missing columns, no rows', () => {
    const { acc } = setup();
    const one = (fileName: string, bytes: Buffer) => acc.call('stock.importPreview', { fileName, base64: b64(bytes) }).fileIssues.map((i) => i.code);
    expect(one('goods.xls', Buffer.from('x'))).toEqual(['IMPORT_FILE_TYPE']);
    expect(one('goods.xlsx', Buffer.from('not a zip at all, just text'))).toEqual(['IMPORT_FILE_DAMAGED']);
    expect(one('goods.csv', Buffer.from('名称,单位\n盐,袋\n'))).toEqual(['IMPORT_MISSING_COLUMNS']);
    expect(one('goods.csv', Buffer.from(HEADER.join(',') + '\n\n'))).toEqual(['IMPORT_EMPTY']);
    expect(errorOf(acc.call.raw('stock.importGoods', { fileName: 'goods.csv', base64: b64(Buffer.from('名称,单位\n盐,袋\n')) })).code).toBe(
      'IMPORT_MISSING_COLUMNS',
    );
  });

  it('the template (XLSX and CSV) opens in an independent reader and imports back as "no rows"', async () => {
    const { acc } = setup();
    const t = acc.call('stock.importTemplate', { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.base64, 'base64') as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['商品', '填写说明']);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(HEADER);
    expect(readXlsxRows(Buffer.from(t.base64, 'base64'))[0]!.cells).toEqual(HEADER);
    const csv = acc.call('stock.importTemplate', { format: 'csv' });
    const bytes = Buffer.from(csv.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(acc.call('stock.importPreview', { fileName: csv.fileName, base64: csv.base64 }).fileIssues.map((i) => i.code)).toEqual(['IMPORT_EMPTY']);
  });

  it('parses yuan exactly', () => {
    expect(parseYuan('12')).toBe(1200);
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('￥0.05')).toBe(5);
    expect(parseYuan('79.900000000000006')).toBe(7990);
    expect(parseYuan('1,234.50元')).toBe(123450);
    expect(parseYuan('12.345')).toBeNull();
    expect(parseYuan('-3')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });
});
