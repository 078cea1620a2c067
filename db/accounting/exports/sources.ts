/**
 * The four data exports as sheets over iterating statements. Every row comes straight
 * from the append-only tables (names from the snapshots where there are snapshots), in
 * business-date order; `count()` is a cheap COUNT on the same range for the progress bar.
 */
import type { Db } from '../../platform/open.js';
import { ExportLookups } from './lookups.js';
import { kindZh } from './names.js';
import type { Cell, ExportSheet } from '../../platform/spreadsheet/sheet.js';
import { query } from '../../platform/query.js';

export interface DateRange {
  from: string;
  to: string;
}

/** "兑换单 20261129-0001", "作废 20261129-0001", or the raw reference. */
const REF_SQL = (alias: string) => `CASE
    WHEN ${alias}.ref_type = 'redemption' THEN (SELECT '兑换单 ' || receipt_no FROM redemptions WHERE id = ${alias}.ref_id)
    WHEN ${alias}.ref_type = 'void' THEN (SELECT '作废 ' || r.receipt_no FROM voids v JOIN redemptions r ON r.id = v.redemption_id WHERE v.id = ${alias}.ref_id)
    WHEN ${alias}.ref_type IS NULL THEN NULL
    ELSE ${alias}.ref_type || ' #' || ${alias}.ref_id END`;

function iterate(db: Db, sql: string, args: unknown[], map?: (row: Cell[]) => Cell[]): IterableIterator<Cell[]> {
  const it = db
    .prepare(sql)
    .raw()
    .iterate(...args) as IterableIterator<Cell[]>;
  if (!map) return it;
  // A plain iterator rather than a generator: resuming a generator per row cost about as
  // much as mapping the row (a million rows in a year's ledger).
  const mapped: IterableIterator<Cell[]> = {
    next() {
      const r = it.next();
      return r.done === true ? r : { done: false, value: map(r.value) };
    },
    return(value?: unknown) {
      it.return?.();
      return { done: true, value: value as Cell[] };
    },
    [Symbol.iterator]() {
      return mapped;
    },
  };
  return mapped;
}

function count(db: Db, sql: string, args: unknown[]): number {
  return query(db).scalar<number>(sql, ...args);
}

/** The ledger export's one SELECT (also the bench's raw baseline for the CSV export). */
export const LEDGER_ROWS_SQL = `SELECT l.id, l.business_date, l.created, l.household_id, l.passbook_id, l.kind, l.amount, l.balance_after, l.honour_delta,
           l.operator_id, ${REF_SQL('l')}, l.corrects_id, l.note
         FROM ledger l WHERE l.business_date BETWEEN ? AND ? ORDER BY l.business_date, l.id`;

export function ledgerSheet(db: Db, r: DateRange): ExportSheet {
  const args = [r.from, r.to];
  return {
    name: '积分台账',
    columns: [
      { header: '台账编号', width: 10, type: 'int' },
      { header: '业务日期', width: 12, type: 'date' },
      { header: '时间', width: 20, type: 'datetime' },
      { header: '户号', width: 10, type: 'text' },
      { header: '户主', width: 10, type: 'text' },
      { header: '村民小组', width: 10, type: 'text' },
      { header: '存折', width: 12, type: 'text' },
      { header: '类型', width: 10, type: 'text' },
      { header: '积分变动', width: 11, type: 'int', total: true },
      { header: '变动后余额', width: 12, type: 'int' },
      { header: '荣誉积分变动', width: 13, type: 'int', total: true },
      { header: '经办人', width: 12, type: 'text' },
      { header: '关联单据', width: 24, type: 'text' },
      { header: '更正台账编号', width: 13, type: 'int' },
      { header: '备注', width: 36, type: 'text' },
    ],
    totalLabel: '合计',
    count: () => count(db, 'SELECT count(*) FROM ledger WHERE business_date BETWEEN ? AND ?', args),
    rows: () => {
      const names = new ExportLookups(db);
      return iterate(db, LEDGER_ROWS_SQL, args, (r) => {
        const [id, date, at, householdId, passbookId, kind, amount, balance, honour, operatorId, ref, corrects, note] = r;
        const h = names.household(householdId as number);
        return [
          id ?? null,
          date ?? null,
          at ?? null,
          h?.number ?? null,
          h?.headName ?? null,
          h?.groupName ?? null,
          names.passbooks.get(passbookId as number) ?? null,
          kindZh(String(kind)),
          amount ?? null,
          balance ?? null,
          honour ?? null,
          names.operators.get(operatorId as number) ?? null,
          ref ?? null,
          corrects ?? null,
          note ?? null,
        ];
      });
    },
  };
}

/** One row per receipt line, with the receipt's fields repeated, and whether it was voided. */
export function redemptionsSheet(db: Db, r: DateRange): ExportSheet {
  const args = [r.from, r.to];
  return {
    name: '兑换明细',
    columns: [
      { header: '兑换单号', width: 16, type: 'text' },
      { header: '业务日期', width: 12, type: 'date' },
      { header: '时间', width: 20, type: 'datetime' },
      { header: '户号', width: 10, type: 'text' },
      { header: '户主', width: 10, type: 'text' },
      { header: '村民小组', width: 10, type: 'text' },
      { header: '领取人', width: 10, type: 'text' },
      { header: '存折', width: 12, type: 'text' },
      { header: '经办人', width: 12, type: 'text' },
      { header: '行号', width: 6, type: 'int' },
      { header: '商品', width: 28, type: 'text' },
      { header: '单位', width: 6, type: 'text' },
      { header: '单价（积分）', width: 12, type: 'int' },
      { header: '数量', width: 8, type: 'int', total: true },
      { header: '小计（积分）', width: 12, type: 'int', total: true },
      { header: '单据合计', width: 10, type: 'int' },
      { header: '状态', width: 8, type: 'text' },
      { header: '作废原因', width: 24, type: 'text' },
      { header: '作废时间', width: 20, type: 'datetime' },
    ],
    totalLabel: '合计（不含已作废）',
    countsForTotal: (row) => row[16] !== '已作废',
    count: () => count(db, 'SELECT count(*) FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date BETWEEN ? AND ?', args),
    rows: () =>
      iterate(
        db,
        `SELECT r.receipt_no, r.business_date, r.created, h.number, h.head_name, g.name, m.name, p.name, o.name,
           l.line_no, l.name, l.unit, l.unit_points, l.quantity, l.line_points, r.total,
           CASE WHEN v.id IS NULL THEN '正常' ELSE '已作废' END, v.reason, v.created_at
         FROM redemptions r JOIN redemption_lines l ON l.redemption_id = r.id
         JOIN households h ON h.id = r.household_id JOIN village_groups g ON g.id = h.group_id
         JOIN passbooks p ON p.id = r.passbook_id JOIN operators o ON o.id = r.operator_id
         LEFT JOIN members m ON m.id = r.member_id LEFT JOIN voids v ON v.redemption_id = r.id
         WHERE r.business_date BETWEEN ? AND ? ORDER BY r.business_date, r.id, l.line_no`,
        args,
      ),
  };
}

export function stockSheet(db: Db, r: DateRange): ExportSheet {
  const args = [r.from, r.to];
  return {
    name: '库存流水',
    columns: [
      { header: '流水编号', width: 10, type: 'int' },
      { header: '业务日期', width: 12, type: 'date' },
      { header: '时间', width: 20, type: 'datetime' },
      { header: '商品', width: 28, type: 'text' },
      { header: '类别', width: 10, type: 'text' },
      { header: '单位', width: 6, type: 'text' },
      { header: '类型', width: 10, type: 'text' },
      { header: '数量变动', width: 10, type: 'int', total: true },
      { header: '变动后库存', width: 11, type: 'int' },
      { header: '经办人', width: 12, type: 'text' },
      { header: '关联单据', width: 24, type: 'text' },
      { header: '备注', width: 30, type: 'text' },
    ],
    totalLabel: '合计',
    count: () => count(db, 'SELECT count(*) FROM stock_movements WHERE business_date BETWEEN ? AND ?', args),
    rows: () =>
      iterate(
        db,
        `SELECT m.id, m.business_date, m.created, g.name, g.category, g.unit, m.kind, m.quantity, m.stock_after, o.name, ${REF_SQL('m')}, m.note
         FROM stock_movements m JOIN goods g ON g.id = m.goods_id JOIN operators o ON o.id = m.operator_id
         WHERE m.business_date BETWEEN ? AND ? ORDER BY m.business_date, m.id`,
        args,
        (row) => {
          row[6] = kindZh(String(row[6]));
          return row;
        },
      ),
  };
}

/**
 * Balances per household and passbook over the range: before it, earned and spent in
 * it, and at its end (期初 + 收入 − 支出 = 期末), from the ledger rows by business date.
 * One row for every household (moved ones too, marked) and every passbook, zero balances
 * included: a household with no ledger row yet has no account row either, and leaving it
 * out made the sheet stop adding up to the roster. The ledger is read through its
 * household index, one seek per household and passbook.
 */
export function balancesSheet(db: Db, r: DateRange): ExportSheet {
  return {
    name: '农户积分余额',
    columns: [
      { header: '户号', width: 10, type: 'text' },
      { header: '户主', width: 10, type: 'text' },
      { header: '村民小组', width: 10, type: 'text' },
      { header: '状态', width: 8, type: 'text' },
      { header: '存折', width: 12, type: 'text' },
      { header: '期初余额', width: 11, type: 'int', total: true },
      { header: '本期收入', width: 11, type: 'int', total: true },
      { header: '本期支出', width: 11, type: 'int', total: true },
      { header: '期末余额', width: 11, type: 'int', total: true },
      { header: '累计荣誉积分', width: 13, type: 'int', total: true },
    ],
    totalLabel: '合计',
    count: () => count(db, 'SELECT (SELECT count(*) FROM households) * (SELECT count(*) FROM passbooks)', []),
    rows: () =>
      iterate(
        db,
        `SELECT h.number, h.head_name, g.name, CASE h.status WHEN 'active' THEN '在册' ELSE '已迁出' END, p.name,
           COALESCE(SUM(CASE WHEN l.business_date < @from THEN l.amount END), 0),
           COALESCE(SUM(CASE WHEN l.business_date >= @from AND l.amount > 0 THEN l.amount END), 0),
           COALESCE(SUM(CASE WHEN l.business_date >= @from AND l.amount < 0 THEN -l.amount END), 0),
           COALESCE(SUM(l.amount), 0),
           COALESCE(SUM(l.honour_delta), 0)
         FROM households h CROSS JOIN passbooks p JOIN village_groups g ON g.id = h.group_id
         LEFT JOIN ledger l ON l.household_id = h.id AND l.passbook_id = p.id AND l.business_date <= @to
         GROUP BY h.id, p.id ORDER BY h.number, p.sort, p.id`,
        [{ from: r.from, to: r.to }],
      ),
  };
}
