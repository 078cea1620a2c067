/**
 * The monthly evaluation sheet (评比表, issue 15): rows are households, columns are the
 * rule items in force, a cell is points or ✓. The template is generated from the current
 * rule book and roster; a filled sheet (XLSX, or CSV in UTF-8 or GB18030) becomes batch
 * entries awaiting review, one batch per rule item, after the same row-by-row checks as
 * recording by hand (range, cap, rule in force, household active). All or nothing: any
 * problem in any cell imports nothing. The screen's preview, the import and the CLI run
 * the same code.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../contract/errors.js';
import type { RuleItemView } from '../contract/views-points.js';
import type { EvaluationImported, EvaluationPreview, EvaluationPreviewRow } from '../contract/views-office.js';
import type { StoreContext } from '../books/context.js';
import { periodBounds } from '../domain/dates.js';
import { decodeText, parseCsv, writeCsv } from '../platform/spreadsheet/csv-read.js';
import { readXlsxRows, writeXlsx, type SheetRow } from '../platform/spreadsheet/xlsx-read.js';
import { checkedPoints, insertEntries } from './entries-record.js';
import { bookInForce } from './rules-book.js';
import { query } from '../platform/query.js';

export const EVALUATION_MAX_ROWS = 5000;
const CHECK_MARKS = new Set(['✓', '√', '✔', 'v', 'V', '是', 'y', 'Y']);
const FIXED_COLUMNS = ['户号*', '户主', '村民小组'];

/** "【A01】门前三包 环境整洁（+10）": the code in 【】 is what the import reads back. */
function columnHeader(item: RuleItemView): string {
  const sign = item.direction === 'award' ? '+' : '−';
  const value = item.minPoints === item.maxPoints ? `${sign}${item.minPoints}` : `${sign}${item.minPoints}~${item.maxPoints}`;
  return `【${item.code}】${item.title}（${value}）`;
}

function eventDateFor(ctx: StoreContext, month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AppError('BAD_INPUT', { detail: `month must be YYYY-MM: ${month.slice(0, 20)}` });
  const today = ctx.stamp().businessDate;
  const { to } = periodBounds(`${month}-01`, 'month');
  if (`${month}-01` > today) throw new AppError('EVENT_DATE_FUTURE', { date: `${month}-01` });
  return to > today ? today : to;
}

function itemsFor(ctx: StoreContext, date: string): { version: number; items: RuleItemView[] } {
  const book = bookInForce(ctx, date);
  if (!book) throw new AppError('NO_RULE_BOOK_IN_FORCE', { date });
  const items = book.items.filter((i) => (i.validFrom === null || i.validFrom <= date) && (i.validTo === null || i.validTo >= date));
  return { version: book.version, items };
}

/** The template: households in roster order × the rule items in force for the month. */
export function evaluationTemplate(ctx: StoreContext, month: string, format: 'xlsx' | 'csv'): { fileName: string; bytes: Buffer } {
  const date = eventDateFor(ctx, month);
  const { version, items } = itemsFor(ctx, date);
  const header = [...FIXED_COLUMNS, ...items.map(columnHeader)];
  const households = ctx.db
    .prepare(
      `SELECT h.number, h.head_name, g.name FROM households h JOIN village_groups g ON g.id = h.group_id
       WHERE h.status = 'active' ORDER BY g.sort, h.number`,
    )
    .raw()
    .all() as string[][];
  const rows = [header, ...households.map((h) => [...h, ...items.map(() => '')])];
  const notes = [
    ['说明', `${month} 月评比表，积分细则第 ${version} 版`],
    ['填写', '每格填分数（整数），或填 ✓ 表示该项的固定分值；不适用的留空'],
    ['扣分', '扣分项填扣的分数（正数），导入后按扣分记录'],
    ['检查', '导入时逐格检查分值范围、每户上限和细则是否有效；任何一格有错，整张表都不导入'],
    ['之后', '导入的记录进入“待审核”，审核、公示期满后才入账'],
    ...items.map((i) => [
      i.code,
      `${i.category} · ${i.title}：${i.direction === 'award' ? '加分' : '扣分'} ${i.minPoints === i.maxPoints ? i.minPoints : `${i.minPoints}–${i.maxPoints}`} 分${i.capPeriod ? `，每户每${i.capPeriod === 'month' ? '月' : '年'}最多 ${i.capPoints} 分` : ''}`,
    ]),
  ];
  const bytes =
    format === 'csv'
      ? writeCsv(rows)
      : writeXlsx([
          { name: `${month} 评比表`, rows, widths: [10, 10, 10, ...items.map(() => 18)], header: true },
          { name: '填写说明', rows: notes, widths: [10, 80], header: false },
        ]);
  return { fileName: `评比表_${month}.${format}`, bytes };
}

interface Parsed {
  preview: EvaluationPreview;
  /** householdId and points per rule item, for rows without problems. */
  lines: Map<number, { item: RuleItemView; lines: { householdId: number; points: number }[] }>;
}

function parseSheet(ctx: StoreContext, month: string, sheet: SheetRow[]): Parsed {
  const eventDate = eventDateFor(ctx, month);
  const { version, items } = itemsFor(ctx, eventDate);
  const nonEmpty = sheet.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonEmpty.length === 0) throw new AppError('EVALUATION_EMPTY');
  if (nonEmpty.length - 1 > EVALUATION_MAX_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS', { max: EVALUATION_MAX_ROWS });
  const head = nonEmpty[0]!.cells.map((c) => c.trim());
  const numberCol = head.findIndex((h) => h.replace(/[*＊\s]/g, '') === '户号');
  if (numberCol < 0) throw new AppError('IMPORT_MISSING_COLUMNS', { columns: '户号' });
  const byCode = new Map(items.map((i) => [i.code, i]));
  const columns: { col: number; item: RuleItemView }[] = [];
  const unknown: string[] = [];
  head.forEach((h, col) => {
    const code = /【([^】]+)】/.exec(h)?.[1]?.trim();
    if (!code) return;
    const item = byCode.get(code);
    if (item) columns.push({ col, item });
    else unknown.push(code);
  });
  if (columns.length === 0) throw new AppError('IMPORT_MISSING_COLUMNS', { columns: '细则项目列（如【A01】…，请用本月模板）' });

  const household = ctx.db.prepare('SELECT id, head_name, status FROM households WHERE number = ?');
  const lines: Parsed['lines'] = new Map();
  const rows: EvaluationPreviewRow[] = [];
  const seen = new Set<string>();
  for (const r of nonEmpty.slice(1)) {
    const number = (r.cells[numberCol] ?? '').trim();
    const row: EvaluationPreviewRow = { row: r.rowNo, number, headName: '', cells: [], problems: [] };
    rows.push(row);
    if (unknown.length > 0 && rows.length === 1) row.problems.push(`表头中的项目 ${unknown.join('、')} 不在 ${eventDate} 有效的细则第 ${version} 版中`);
    const h = number ? (household.get(number) as { id: number; head_name: string; status: string } | undefined) : undefined;
    if (!number) row.problems.push('户号为空');
    else if (!h) row.problems.push(`户号 ${number} 不存在`);
    else if (seen.has(number)) row.problems.push(`户号 ${number} 在表中重复`);
    seen.add(number);
    if (h) row.headName = h.head_name;
    const rowLines: { item: RuleItemView; householdId: number; points: number }[] = [];
    for (const { col, item } of columns) {
      const raw = (r.cells[col] ?? '').trim();
      if (raw === '') continue;
      let points: number | null;
      if (CHECK_MARKS.has(raw)) {
        points = item.minPoints === item.maxPoints ? item.minPoints : null;
        if (points === null) {
          row.problems.push(`【${item.code}】${item.title}：分值为 ${item.minPoints}–${item.maxPoints} 分，不能只打 ✓，请填分数`);
          continue;
        }
      } else if (/^[+-]?\d+$/.test(raw)) {
        points = Math.abs(Number(raw));
      } else {
        row.problems.push(`【${item.code}】${item.title}：应填整数分值或 ✓，而不是“${raw.slice(0, 20)}”`);
        continue;
      }
      if (!h) continue;
      try {
        // The same checks as recording by hand: active household, range, cap (with what is already recorded).
        const checked = checkedPoints(ctx, item, h.id, eventDate, points);
        rowLines.push({ item, householdId: h.id, points: checked });
        row.cells.push({ code: item.code, points: item.direction === 'award' ? checked : -checked });
      } catch (e) {
        if (e instanceof AppError) row.problems.push(`【${item.code}】${e.message}`);
        else throw e;
      }
    }
    if (row.problems.length === 0 && h) {
      for (const l of rowLines) {
        const bucket = lines.get(l.item.id) ?? { item: l.item, lines: [] };
        bucket.lines.push({ householdId: l.householdId, points: l.points });
        lines.set(l.item.id, bucket);
      }
    }
  }
  const byItem = columns.map(({ item }) => {
    const cells = rows.flatMap((r) => r.cells.filter((c) => c.code === item.code));
    return { code: item.code, title: item.title, direction: item.direction, households: cells.length, points: cells.reduce((s, c) => s + c.points, 0) };
  });
  const errors = rows.filter((r) => r.problems.length > 0).length;
  return {
    preview: {
      month,
      eventDate,
      ruleBookVersion: version,
      alreadyImported: false,
      rows,
      errors,
      entries: rows.reduce((s, r) => s + r.cells.length, 0),
      byItem,
    },
    lines,
  };
}

/** The shared readers: XLSX, and CSV in UTF-8 or GB18030/GBK as Chinese Excel saves it. */
export function readEvaluationFile(fileName: string, bytes: Buffer): SheetRow[] {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  try {
    if (ext === 'xlsx') return readXlsxRows(bytes);
    if (ext === 'csv' || ext === 'txt') return parseCsv(decodeText(bytes).text);
  } catch (e) {
    throw new AppError('IMPORT_FILE_UNREADABLE', { detail: e instanceof Error ? e.message.slice(0, 100) : 'unknown' });
  }
  throw new AppError('IMPORT_FILE_TYPE', { name: fileName.slice(0, 80) });
}

function fileDigest(fileBytes: Buffer, month: string): string {
  return createHash('sha256').update(fileBytes).update(month).digest('hex').slice(0, 24);
}

/** The batches an earlier import of these very bytes made (none when it is new). */
function earlierBatches(ctx: StoreContext, digest: string): number[] {
  return query(ctx.db).column<number>('SELECT id FROM entry_batches WHERE request_id LIKE ? ORDER BY id', `eval-${digest}-%`);
}

export function previewEvaluation(ctx: StoreContext, month: string, fileBytes: Buffer, sheet: SheetRow[]): EvaluationPreview {
  const { preview } = parseSheetAsImported(ctx, month, fileBytes, sheet);
  return preview;
}

/**
 * A file already imported is shown as such: checked again, its own entries would count
 * against the caps and every row would look wrong.
 */
function parseSheetAsImported(ctx: StoreContext, month: string, fileBytes: Buffer, sheet: SheetRow[]): Parsed & { earlier: number[] } {
  const earlier = earlierBatches(ctx, fileDigest(fileBytes, month));
  if (earlier.length === 0) return { ...parseSheet(ctx, month, sheet), earlier };
  const eventDate = eventDateFor(ctx, month);
  const { version } = itemsFor(ctx, eventDate);
  const entries = query(ctx.db).scalar<number>(`SELECT count(*) FROM point_entries WHERE batch_id IN (${earlier.map(() => '?').join(',')})`, ...earlier);
  return {
    preview: { month, eventDate, ruleBookVersion: version, alreadyImported: true, rows: [], errors: 0, entries, byItem: [] },
    lines: new Map(),
    earlier,
  };
}

/**
 * Imports a filled sheet: one IMMEDIATE transaction, one batch of entries per rule item
 * (source 'import', awaiting review). The batches' request ids come from the file's bytes,
 * so importing the same file twice returns the first import instead of recording twice.
 */
export function importEvaluation(ctx: StoreContext, operatorId: number, month: string, fileBytes: Buffer, sheet: SheetRow[]): EvaluationImported {
  const digest = fileDigest(fileBytes, month);
  return ctx.db
    .transaction((): EvaluationImported => {
      const { preview, lines, earlier } = parseSheetAsImported(ctx, month, fileBytes, sheet);
      if (earlier.length > 0) return { month, batches: earlier.length, entries: preview.entries, batchIds: earlier };
      if (preview.errors > 0) throw new AppError('EVALUATION_HAS_ERRORS', { count: preview.errors });
      if (preview.entries === 0) throw new AppError('EVALUATION_EMPTY');
      const batchIds: number[] = [];
      for (const { item, lines: l } of lines.values()) {
        const requestId = `eval-${digest}-${item.code}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
        const existing = query(ctx.db).value<number>('SELECT id FROM entry_batches WHERE request_id = ?', requestId);
        batchIds.push(
          existing ??
            insertEntries(ctx, operatorId, { requestId, ruleItemId: item.id, eventDate: preview.eventDate, evidence: `${month} 月评比表`, lines: l }, 'import'),
        );
      }
      return { month, batches: batchIds.length, entries: preview.entries, batchIds };
    })
    .immediate();
}
