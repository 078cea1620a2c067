/**
 * Roster import (花名册): one spreadsheet row per person, grouped into households by the
 * household number. The screen's preview, the import itself and the CLI all run the same
 * validation, row by row, so a wrong ID check character is reported with its row number
 * in every path. The import is all-or-nothing: any row with a problem imports nothing.
 */
import { AppError, formatMessage, type ErrorCode } from '../contract/errors.js';
import type { RosterImported, RosterPreview, RosterPreviewRow, RosterTemplateFile } from '../contract/views-households.js';
import type { StoreContext } from '../books/context.js';
import { maskResidentId, validateResidentId, type ResidentIdProblem } from '../domain/resident-id.js';
import { invisibleCharIn, residentIdIn } from '../domain/text-safety.js';
import { audit } from '../books/audit.js';
import { writeCsv } from '../platform/spreadsheet/csv-read.js';
import { writeXlsx, type SheetRow } from '../platform/spreadsheet/xlsx-read.js';
import { HOUSEHOLD_NUMBER } from './households.js';
import { defaultPassbookId, ensureGroup, insertHousehold, openingBalance } from './write.js';
import { query } from '../platform/query.js';

export const ROSTER_MAX_ROWS = 5000;
export const HEAD_RELATION = '户主';
const MAX_OPENING = 100_000;

/** Columns in template order; `required` ones must be present in the header row. */
export const ROSTER_COLUMNS = [
  { key: 'number', title: '户号', required: true, example: '01-001', note: '组号-序号，例如 01-001；同一户的每个人填同一个户号' },
  { key: 'group', title: '村民小组', required: true, example: '一组', note: '小组名称；系统中没有的小组会自动新建' },
  { key: 'name', title: '姓名', required: true, example: '张三', note: '每人一行' },
  { key: 'relation', title: '与户主关系', required: true, example: '户主', note: '每户必须有且只有一行“户主”；其他人填配偶、子、女等' },
  { key: 'idNumber', title: '身份证号', required: false, example: '', note: '18 位，可不填；系统只保存加密摘要和打码形式' },
  { key: 'address', title: '住址', required: false, example: '一组 12 号', note: '填在户主行' },
  { key: 'phone', title: '联系电话', required: false, example: '', note: '填在户主行' },
  { key: 'openingPoints', title: '期初积分', required: false, example: '0', note: '纸质台账结转的余额，整数，填在户主行' },
  {
    key: 'openingHonour',
    title: '期初计入荣誉',
    required: false,
    example: '否',
    note: '填“是”：期初积分同时计入荣誉积分（评星级用）；不填或“否”：只计入可兑换余额。填在户主行',
  },
] as const;

type ColumnKey = (typeof ROSTER_COLUMNS)[number]['key'];
type Cells = Record<ColumnKey, string>;

const ID_CODES: Record<ResidentIdProblem, ErrorCode> = {
  length: 'ID_LENGTH',
  format: 'ID_FORMAT',
  birth_date: 'ID_BIRTH_DATE',
  future_date: 'ID_FUTURE_DATE',
  check_char: 'ID_CHECK_CHAR',
};

interface ParsedRow {
  preview: RosterPreviewRow;
  cells: Cells;
  idNormalized: string | null;
}

function cellText(v: string | undefined): string {
  // Excel sometimes hands over non-breaking or full-width spaces around values.
  return (v ?? '').replace(/[\u00a0\u3000]/g, ' ').trim();
}

/** Maps header titles to column indexes; tolerant of spaces and a trailing '*'. */
function readHeader(header: string[]): Record<ColumnKey, number> {
  const norm = header.map((h) => cellText(h).replace(/[*＊\s]/g, ''));
  const out = {} as Record<ColumnKey, number>;
  for (const c of ROSTER_COLUMNS) {
    const i = norm.indexOf(c.title);
    if (i < 0 && c.required) throw new AppError('ROSTER_HEADER', { column: c.title });
    out[c.key] = i;
  }
  return out;
}

/** What the 期初计入荣誉 column accepts; empty means no. */
const HONOUR_YES = ['是', 'y', 'yes', '1', 'true'];
const HONOUR_NO = ['', '否', 'n', 'no', '0', 'false'];

function hasControl(s: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(s);
}

/** Validates every row; never throws for a row's content, only for the sheet's shape. */
export function validateRoster(ctx: StoreContext, sheet: SheetRow[]): { view: RosterPreview; parsed: ParsedRow[] } {
  // The header is the first row with anything in it (some sheets start with a title row gap).
  const table = sheet.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  const [header, ...body] = table;
  if (!header) throw new AppError('ROSTER_EMPTY');
  const col = readHeader(header.cells);
  if (body.length > ROSTER_MAX_ROWS) throw new AppError('ROSTER_TOO_MANY_ROWS', { max: ROSTER_MAX_ROWS });
  const now = ctx.clock.now();
  const parsed: ParsedRow[] = [];
  body.forEach((raw) => {
    const cells = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, col[c.key] >= 0 ? cellText(raw.cells[col[c.key]]) : ''])) as Cells;
    if (Object.values(cells).every((v) => v === '')) return;
    const problems: string[] = [];
    const need = (k: ColumnKey, title: string) => {
      if (!cells[k]) problems.push(`“${title}”不能为空`);
    };
    need('number', '户号');
    need('group', '村民小组');
    need('name', '姓名');
    need('relation', '与户主关系');
    if (cells.number && !HOUSEHOLD_NUMBER.test(cells.number)) problems.push(formatMessage('HOUSEHOLD_NUMBER_FORMAT', 'zh', { number: cells.number }));
    if (cells.name.length > 20) problems.push('姓名太长（最多 20 个字）');
    if (cells.relation.length > 10) problems.push('与户主关系太长（最多 10 个字）');
    if (cells.group.length > 20) problems.push('村民小组名称太长（最多 20 个字）');
    if (cells.address.length > 60) problems.push('住址太长（最多 60 个字）');
    if (cells.phone && !/^[0-9+\- ]{5,20}$/.test(cells.phone)) problems.push(`联系电话格式不正确：${cells.phone}`);
    if (Object.values(cells).some(hasControl)) problems.push('含有不允许的控制字符');
    // The same rules as the forms (issue 12): no invisible or direction-changing characters,
    // and no ID number in the address (it belongs in the ID column, which is kept hashed).
    const hidden = [cells.name, cells.relation, cells.group, cells.address].map((c) => invisibleCharIn(c)).find((c) => c !== null);
    if (hidden) problems.push(formatMessage('TEXT_INVISIBLE', 'zh', { char: hidden }));
    const idInAddress = residentIdIn(cells.address);
    if (idInAddress) problems.push(formatMessage('TEXT_HAS_ID_NUMBER', 'zh', { masked: idInAddress }));
    let opening = 0;
    if (cells.openingPoints) {
      if (!/^\d+$/.test(cells.openingPoints) || Number(cells.openingPoints) > MAX_OPENING)
        problems.push(`期初积分应为 0 到 ${MAX_OPENING} 的整数：${cells.openingPoints}`);
      else opening = Number(cells.openingPoints);
    }
    const honourWord = cells.openingHonour.toLowerCase();
    const openingHonour = HONOUR_YES.includes(honourWord);
    if (!openingHonour && !HONOUR_NO.includes(honourWord)) problems.push(`期初计入荣誉只能填“是”或“否”：${cells.openingHonour}`);
    let idNormalized: string | null = null;
    if (cells.idNumber) {
      const v = validateResidentId(cells.idNumber, now);
      if (v.ok) idNormalized = v.normalized;
      else problems.push(formatMessage(ID_CODES[v.problem], 'zh'));
    }
    parsed.push({
      cells,
      idNormalized,
      preview: {
        row: raw.rowNo,
        number: cells.number,
        groupName: cells.group,
        name: cells.name,
        relation: cells.relation,
        idMasked: idNormalized ? maskResidentId(idNormalized) : null,
        openingPoints: opening,
        openingHonour,
        status: 'ok',
        problems,
      },
    });
  });
  if (parsed.length === 0) throw new AppError('ROSTER_EMPTY');
  crossCheck(ctx, parsed);
  for (const p of parsed) p.preview.status = p.preview.problems.length ? 'error' : 'ok';
  const households = new Set(parsed.map((p) => p.cells.number));
  const known = new Set(query(ctx.db).column<string>('SELECT name FROM village_groups'));
  const newGroups = [...new Set(parsed.map((p) => p.cells.group).filter((g) => g && !known.has(g)))];
  const view: RosterPreview = {
    rows: parsed.map((p) => p.preview),
    households: households.size,
    members: parsed.length,
    errors: parsed.filter((p) => p.preview.status === 'error').length,
    newGroups,
  };
  // `parsed` holds clear ID numbers: it never leaves the ctx.
  return { view, parsed };
}

export function previewRoster(ctx: StoreContext, sheet: SheetRow[]): RosterPreview {
  return validateRoster(ctx, sheet).view;
}

/** Checks across rows: one head per household, one group, unique ID numbers, free numbers. */
function crossCheck(ctx: StoreContext, rows: ParsedRow[]): void {
  const byNumber = new Map<string, ParsedRow[]>();
  for (const r of rows) if (r.cells.number) byNumber.set(r.cells.number, [...(byNumber.get(r.cells.number) ?? []), r]);
  const taken = ctx.db.prepare('SELECT 1 FROM households WHERE number = ?');
  for (const [number, members] of byNumber) {
    const heads = members.filter((m) => m.cells.relation === HEAD_RELATION);
    if (taken.get(number)) for (const m of members) m.preview.problems.push(formatMessage('HOUSEHOLD_NUMBER_TAKEN', 'zh', { number }));
    if (heads.length === 0) for (const m of members) m.preview.problems.push(`户号 ${number} 没有“户主”行`);
    if (heads.length > 1)
      for (const h of heads) h.preview.problems.push(`户号 ${number} 有 ${heads.length} 个户主（第 ${heads.map((x) => x.preview.row).join('、')} 行）`);
    const head = heads[0];
    if (head) {
      for (const m of members) {
        if (m !== head && m.cells.group && m.cells.group !== head.cells.group) m.preview.problems.push(`村民小组与户主行（第 ${head.preview.row} 行）不一致`);
        if (m !== head && m.preview.openingPoints > 0) m.preview.problems.push('期初积分只填在户主行');
        if (m !== head && m.preview.openingHonour) m.preview.problems.push('期初计入荣誉只填在户主行');
      }
    }
  }
  const seenId = new Map<string, number>();
  const hashTaken = ctx.db.prepare('SELECT 1 FROM members WHERE id_hash = ?');
  for (const r of rows) {
    if (!r.idNormalized) continue;
    const other = seenId.get(r.idNormalized);
    if (other !== undefined) r.preview.problems.push(`身份证号与第 ${other} 行重复`);
    else seenId.set(r.idNormalized, r.preview.row);
    if (hashTaken.get(ctx.keyring.idHash(r.idNormalized))) r.preview.problems.push(formatMessage('ID_DUPLICATE', 'zh'));
  }
}

/** Imports every household of the sheet, or nothing when any row has a problem. */
export function importRoster(ctx: StoreContext, operatorId: number, sheet: SheetRow[]): RosterImported {
  return ctx.db
    .transaction(() => {
      const p = validateRoster(ctx, sheet);
      if (p.view.errors > 0) throw new AppError('ROSTER_HAS_ERRORS', { count: p.view.errors });
      const stamp = ctx.stamp();
      const passbook = defaultPassbookId(ctx);
      const byNumber = new Map<string, ParsedRow[]>();
      for (const r of p.parsed) byNumber.set(r.cells.number, [...(byNumber.get(r.cells.number) ?? []), r]);
      let opening = 0;
      for (const [number, rows] of byNumber) {
        const head = rows.find((r) => r.cells.relation === HEAD_RELATION)!;
        const ordered = [head, ...rows.filter((r) => r !== head)];
        ensureGroup(ctx, head.cells.group);
        const id = insertHousehold(
          ctx,
          {
            number,
            groupName: head.cells.group,
            address: head.cells.address || null,
            phone: head.cells.phone || null,
            members: ordered.map((r) => ({ name: r.cells.name, relation: r.cells.relation, idNumber: r.idNormalized })),
          },
          stamp.createdAt,
        );
        openingBalance(ctx, id, passbook, head.preview.openingPoints, operatorId, stamp, head.preview.openingHonour);
        opening += head.preview.openingPoints;
      }
      const result = { households: byNumber.size, members: p.parsed.length, openingPoints: opening };
      audit(ctx.db, stamp.createdAt, operatorId, 'households.import', null, result);
      return result;
    })
    .immediate();
}

/** The template's rows: the header, then nothing (the example lives in the notes sheet). */
export function rosterTemplate(): { header: string[]; notes: string[][] } {
  return {
    header: ROSTER_COLUMNS.map((c) => (c.required ? `${c.title}*` : c.title)),
    notes: [
      ['列名', '是否必填', '说明', '示例'],
      ...ROSTER_COLUMNS.map((c) => [c.title, c.required ? '必填' : '可不填', c.note, c.example]),
      [],
      ['一户多人时，每人一行，户号相同；户主行填住址、电话和期初积分。'],
      ['导入前系统会逐行检查（例如身份证号校验位），有任何一行出错就不会导入任何数据。'],
    ],
  };
}

/** The template file: the roster sheet (header only) and a notes sheet; or a UTF-8 CSV header. */
export function rosterTemplateBytes(format: 'xlsx' | 'csv'): Buffer {
  const t = rosterTemplate();
  return format === 'csv'
    ? writeCsv([t.header])
    : writeXlsx([
        { name: '花名册', rows: [t.header], widths: [10, 10, 10, 12, 22, 24, 14, 10], header: true },
        { name: '填写说明', rows: t.notes, widths: [12, 10, 60, 12], header: true },
      ]);
}

export function rosterTemplateFile(format: 'xlsx' | 'csv'): RosterTemplateFile {
  return {
    fileName: `农户花名册模板.${format}`,
    mimeType: format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: rosterTemplateBytes(format).toString('base64'),
  };
}
