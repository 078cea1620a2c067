/**
 * Importing goods from a spreadsheet, shared by the screen and the CLI: read the file
 * (XLSX or CSV in any encoding Chinese Excel writes), find the columns by their header,
 * check every row against the same rules as the catalogue form and against the database,
 * and report each bad row by its number. Nothing is imported unless every row is valid.
 */
import { AppError, type ErrorCode, type ErrorParams } from '../contract/errors.js';
import { invisibleCharIn } from '../domain/text-safety.js';
import { STOCK_LIMITS } from '../contract/ops/stock.js';
import type { ImportPreview, ImportResult, ImportRowIssue, ImportRowPreview, ImportTemplate } from '../contract/views-stock.js';
import type { StoreContext } from '../books/context.js';
import type { Db } from '../platform/open.js';
import { audit } from '../books/audit.js';
import type { Session } from '../books/sessions.js';
import { moveStock } from '../books/stock-moves.js';
import { insertGoods } from './goods.js';
import { writeCsv } from '../platform/spreadsheet/csv-read.js';
import type { PreRead } from '../platform/spreadsheet/read-off-thread.js';
import { readSheetFile } from '../platform/spreadsheet/sheet-file.js';
import { writeXlsx, type SheetRow } from '../platform/spreadsheet/xlsx-read.js';

export const MAX_IMPORT_ROWS = 2000;

type Field = 'name' | 'category' | 'unit' | 'pointsPrice' | 'value' | 'barcodes' | 'lowStock' | 'openingStock';

/** Template header, and the other spellings people use for each column. */
const COLUMNS: { field: Field; header: string; required: boolean; aliases: string[]; width: number; help: string }[] = [
  {
    field: 'name',
    header: '商品名称*',
    required: true,
    aliases: ['商品名称', '名称', '品名', '商品', 'name'],
    width: 28,
    help: '必填，最多 60 字，例如：金龙鱼大豆油 5L',
  },
  {
    field: 'category',
    header: '分类*',
    required: true,
    aliases: ['分类', '类别', '商品分类', 'category'],
    width: 10,
    help: '必填，最多 20 字，例如：粮油、日用品',
  },
  { field: 'unit', header: '单位*', required: true, aliases: ['单位', '计量单位', 'unit'], width: 8, help: '必填，最多 20 字，例如：桶、袋、瓶' },
  {
    field: 'pointsPrice',
    header: '兑换积分*',
    required: true,
    aliases: ['兑换积分', '积分', '积分价', '所需积分', 'points', 'pointsprice'],
    width: 10,
    help: `必填，整数，1 到 ${STOCK_LIMITS.maxPoints}`,
  },
  {
    field: 'value',
    header: '参考价值(元)',
    required: false,
    aliases: ['参考价值(元)', '参考价值', '参考价', '价值(元)', '价格(元)', '单价', 'value', 'valueyuan'],
    width: 12,
    help: '选填，每件的参考价值，单位元，最多两位小数；不填为 0',
  },
  {
    field: 'barcodes',
    header: '条码',
    required: false,
    aliases: ['条码', '条形码', '商品条码', 'barcode', 'barcodes'],
    width: 18,
    help: `选填，4 到 32 位数字或字母；多个条码用 / 或 ; 分隔，最多 ${STOCK_LIMITS.maxBarcodes} 个`,
  },
  {
    field: 'lowStock',
    header: '低库存提醒',
    required: false,
    aliases: ['低库存提醒', '低库存', '库存下限', '预警数量', 'lowstock'],
    width: 10,
    help: '选填，整数；库存降到这个数时在柜台提醒；不填为 0',
  },
  {
    field: 'openingStock',
    header: '期初库存',
    required: false,
    aliases: ['期初库存', '初始库存', '期初数量', 'openingstock'],
    width: 10,
    help: '选填，整数；导入时的现有库存，记为“期初”入库；不填为 0',
  },
];

const LABEL: Record<Field, string> = {
  name: '商品名称',
  category: '分类',
  unit: '单位',
  pointsPrice: '兑换积分',
  value: '参考价值(元)',
  barcodes: '条码',
  lowStock: '低库存提醒',
  openingStock: '期初库存',
};

function normHeader(s: string): string {
  return s
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
}

/**
 * The rows of the file as text. Throws AppError for a file that cannot be read at all.
 * `preRead`: the same file already read on a worker thread by the host (see
 * dispatchAsync); without it the file is read here.
 */
export function readGoodsFile(fileName: string, bytes: Buffer, preRead?: PreRead): SheetRow[] {
  if (preRead) {
    if (!preRead.ok) throw preRead.error;
    return preRead.rows;
  }
  return readSheetFile(fileName, bytes);
}

const issue = (code: ErrorCode, params: ErrorParams = {}): ImportRowIssue => ({ code, params });

function checkText(v: string, field: Field, max: number, issues: ImportRowIssue[]): string {
  const s = v.trim();
  if (s.length === 0) issues.push(issue('IMPORT_REQUIRED', { field: LABEL[field] }));
  else if ([...s].length > max) issues.push(issue('IMPORT_TOO_LONG', { field: LABEL[field], max }));
  else if (/[\u0000-\u001f\u007f]/.test(s) || /\p{Extended_Pictographic}/u.test(s)) issues.push(issue('TEXT_INVALID', { field: LABEL[field] }));
  else if (invisibleCharIn(s)) issues.push(issue('TEXT_INVISIBLE', { char: invisibleCharIn(s)! }));
  return s;
}

/** Whole numbers as typed ("80") or as a spreadsheet stores them ("80", "80.0"). */
function checkInt(v: string, field: Field, min: number, max: number, optional: boolean, issues: ImportRowIssue[]): number | null {
  const s = v.trim().replace(/[,，]/g, '');
  if (s === '') {
    if (!optional) issues.push(issue('IMPORT_REQUIRED', { field: LABEL[field] }));
    return optional ? 0 : null;
  }
  if (!/^-?\d+(\.0+)?$/.test(s)) {
    issues.push(issue('IMPORT_NOT_INTEGER', { field: LABEL[field], value: s.slice(0, 20) }));
    return null;
  }
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    issues.push(issue('IMPORT_OUT_OF_RANGE', { field: LABEL[field], min, max, value: s.slice(0, 20) }));
    return null;
  }
  return n;
}

/**
 * Yuan to fen without floating-point drift: "12.5" and "¥12.50" are 1250; a spreadsheet's
 * binary float written out long ("79.900000000000006") is still 7990; "12.345" is refused.
 */
export function parseYuan(v: string): number | null {
  const s = v
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
    .replace(/[,，]/g, '')
    .trim();
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (m) return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (/^\d{1,9}\.\d{3,20}$/.test(s)) {
    const f = Number(s) * 100;
    if (Math.abs(f - Math.round(f)) < 1e-6) return Math.round(f);
  }
  return null;
}

function splitBarcodes(v: string): string[] {
  return v
    .split(/[/;；,，、|\s]+/)
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

/** Checks every row of the file; the database is read for names and barcodes already in use. */
export function previewGoodsRows(db: Db, fileName: string, rows: SheetRow[]): ImportPreview {
  const fileIssues: ImportRowIssue[] = [];
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = nonEmpty[0];
  const empty: ImportPreview = { fileName, fileIssues, rows: [], validRows: 0, badRows: 0, ok: false };
  if (!header) {
    fileIssues.push(issue('IMPORT_EMPTY'));
    return empty;
  }
  const colOf = new Map<Field, number>();
  header.cells.forEach((h, i) => {
    const n = normHeader(h);
    const col = COLUMNS.find((c) => c.aliases.some((a) => normHeader(a) === n) || normHeader(c.header) === n);
    if (col && !colOf.has(col.field)) colOf.set(col.field, i);
  });
  const missing = COLUMNS.filter((c) => c.required && !colOf.has(c.field)).map((c) => LABEL[c.field]);
  if (missing.length > 0) {
    fileIssues.push(issue('IMPORT_MISSING_COLUMNS', { columns: missing.join('、') }));
    return empty;
  }
  const body = nonEmpty.slice(1);
  if (body.length === 0) {
    fileIssues.push(issue('IMPORT_EMPTY'));
    return empty;
  }
  if (body.length > MAX_IMPORT_ROWS) {
    fileIssues.push(issue('IMPORT_TOO_MANY_ROWS', { max: MAX_IMPORT_ROWS }));
    return empty;
  }

  const barcodeOwner = db.prepare('SELECT g.name FROM goods_barcodes b JOIN goods g ON g.id = b.goods_id WHERE b.barcode = ?').pluck();
  const nameTaken = db.prepare('SELECT 1 FROM goods WHERE name = ? AND unit = ? AND active = 1').pluck();
  const seenName = new Map<string, number>();
  const seenBarcode = new Map<string, number>();
  const out: ImportRowPreview[] = body.map((r) => {
    const cell = (f: Field) => {
      const i = colOf.get(f);
      return i === undefined ? '' : (r.cells[i] ?? '');
    };
    const issues: ImportRowIssue[] = [];
    const name = checkText(cell('name'), 'name', 60, issues);
    const category = checkText(cell('category'), 'category', 20, issues);
    const unit = checkText(cell('unit'), 'unit', 20, issues);
    const pointsPrice = checkInt(cell('pointsPrice'), 'pointsPrice', 1, STOCK_LIMITS.maxPoints, false, issues);
    let valueFen: number | null = 0;
    if (cell('value').trim() !== '') {
      valueFen = parseYuan(cell('value'));
      if (valueFen === null) issues.push(issue('IMPORT_BAD_YUAN', { field: LABEL.value, value: cell('value').trim().slice(0, 20) }));
      else if (valueFen > STOCK_LIMITS.maxValueFen) {
        issues.push(
          issue('IMPORT_OUT_OF_RANGE', { field: LABEL.value, min: 0, max: STOCK_LIMITS.maxValueFen / 100, value: cell('value').trim().slice(0, 20) }),
        );
        valueFen = null;
      }
    }
    const lowStock = checkInt(cell('lowStock'), 'lowStock', 0, STOCK_LIMITS.maxLowStock, true, issues);
    const openingStock = checkInt(cell('openingStock'), 'openingStock', 0, STOCK_LIMITS.maxQuantity, true, issues);
    const barcodes = splitBarcodes(cell('barcodes'));
    if (barcodes.length > STOCK_LIMITS.maxBarcodes)
      issues.push(issue('IMPORT_OUT_OF_RANGE', { field: LABEL.barcodes, min: 0, max: STOCK_LIMITS.maxBarcodes, value: barcodes.length }));
    for (const b of barcodes) {
      if (!/^[0-9A-Za-z-]{4,32}$/.test(b)) {
        issues.push(issue('IMPORT_BAD_BARCODE', { value: b.slice(0, 40) }));
        continue;
      }
      const other = seenBarcode.get(b);
      if (other !== undefined) issues.push(issue('IMPORT_DUPLICATE_BARCODE', { barcode: b, other }));
      else seenBarcode.set(b, r.rowNo);
      const owner = barcodeOwner.get(b) as string | undefined;
      if (owner !== undefined) issues.push(issue('BARCODE_DUPLICATE', { barcode: b, name: owner }));
    }
    if (name && unit) {
      const key = `${name}\u0000${unit}`;
      const other = seenName.get(key);
      if (other !== undefined) issues.push(issue('IMPORT_DUPLICATE_NAME', { other }));
      else seenName.set(key, r.rowNo);
      if (nameTaken.get(name, unit) !== undefined) issues.push(issue('GOODS_NAME_DUPLICATE', { name, unit }));
    }
    return { rowNo: r.rowNo, name, category, unit, pointsPrice, valueFen, barcodes, lowStock, openingStock, issues };
  });
  const badRows = out.filter((r) => r.issues.length > 0).length;
  return { fileName, fileIssues, rows: out, validRows: out.length - badRows, badRows, ok: badRows === 0 && out.length > 0 };
}

export function previewGoodsFile(ctx: StoreContext, fileName: string, bytes: Buffer, preRead?: PreRead): ImportPreview {
  let rows: SheetRow[];
  try {
    rows = readGoodsFile(fileName, bytes, preRead);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { fileName, fileIssues: [issue(e.code, e.params)], rows: [], validRows: 0, badRows: 0, ok: false };
  }
  return previewGoodsRows(ctx.db, fileName, rows);
}

/**
 * Imports the whole file or nothing: the file is checked again inside the write
 * transaction (the database may have changed since the preview), then every good is
 * inserted and any opening stock becomes an 'opening' movement.
 */
export function importGoodsFile(ctx: StoreContext, session: Session, fileName: string, bytes: Buffer, preRead?: PreRead): ImportResult {
  const rows = readGoodsFile(fileName, bytes, preRead);
  return ctx.db
    .transaction((): ImportResult => {
      const preview = previewGoodsRows(ctx.db, fileName, rows);
      const first = preview.fileIssues[0];
      if (first) throw new AppError(first.code, first.params);
      if (!preview.ok) throw new AppError('IMPORT_INVALID', { count: preview.badRows });
      const { createdAt, businessDate } = ctx.stamp();
      const goodsIds: number[] = [];
      let openingUnits = 0;
      for (const r of preview.rows) {
        const goodsId = insertGoods(
          ctx.db,
          { name: r.name, category: r.category, unit: r.unit, pointsPrice: r.pointsPrice!, valueFen: r.valueFen!, lowStock: r.lowStock!, barcodes: r.barcodes },
          createdAt,
        );
        goodsIds.push(goodsId);
        if (r.openingStock) {
          moveStock(ctx.db, {
            goodsId,
            kind: 'opening',
            quantity: r.openingStock,
            businessDate,
            createdAt,
            operatorId: session.operatorId,
            refType: 'import',
            note: `导入：${fileName.slice(0, 60)} 第 ${r.rowNo} 行`,
          });
          openingUnits += r.openingStock;
        }
      }
      audit(ctx.db, createdAt, session.operatorId, 'goods.import', null, { fileName: fileName.slice(0, 120), goods: goodsIds.length, openingUnits });
      return { imported: goodsIds.length, goodsIds, openingUnits };
    })
    .immediate();
}

const NOTES_INTRO = [
  '填写说明：',
  '1. 在“商品”表第 2 行起每行填写一种商品，不要改动第 1 行的列名。带 * 的列必须填写。',
  '2. 导入前会逐行检查，任何一行有错都不会导入，并指出第几行、什么问题。',
  '3. 已有的同名同单位商品、已被使用的条码会被拒绝，以免重复。',
  '4. 也可以另存为 CSV（UTF-8 或 GBK 编码均可）再导入。',
];

export function templateRows(): string[][] {
  return [COLUMNS.map((c) => c.header)];
}

/** The import template: XLSX with a notes sheet, or CSV (UTF-8 with BOM) with the header only. */
export function goodsTemplate(format: 'xlsx' | 'csv'): ImportTemplate & { bytes: Buffer } {
  if (format === 'csv') {
    const bytes = writeCsv(templateRows());
    return { fileName: '商品导入模板.csv', mimeType: 'text/csv', base64: bytes.toString('base64'), bytes };
  }
  const bytes = writeXlsx([
    { name: '商品', rows: templateRows(), widths: COLUMNS.map((c) => c.width), header: true },
    {
      name: '填写说明',
      rows: [...NOTES_INTRO.map((l) => [l]), [], ['列名', '说明'], ...COLUMNS.map((c) => [c.header, c.help])],
      widths: [16, 70],
    },
  ]);
  return {
    fileName: '商品导入模板.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: bytes.toString('base64'),
    bytes,
  };
}

/** The file as the screen sends it: base64 text. */
export function bytesFromBase64(base64: string): Buffer {
  return Buffer.from(base64.replace(/\s+/g, ''), 'base64');
}
