import type { StatsView } from '../../contract/views-accounting.js';
import type { Db } from '../../platform/open.js';
import { NEVER_REDEEMED_ROWS_SQL } from '../stats.js';
import type { Cell, Column, ExportSheet } from '../../platform/spreadsheet/sheet.js';

function arraySheet(name: string, columns: Column[], rows: Cell[][], totalLabel?: string): ExportSheet {
  const sheet: ExportSheet = { name, columns, count: () => rows.length, rows: () => rows[Symbol.iterator]() };
  if (totalLabel) sheet.totalLabel = totalLabel;
  return sheet;
}

/**
 * The statistics page's data, one sheet per chart, for the "export data" button. Every
 * list is complete (no top-N, no first 200): the households that never redeemed are
 * iterated from the same query the screen pages through, so the sheet's rows and 合计
 * match the headline count and points.
 */
export function statsSheets(s: StatsView, db: Db): ExportSheet[] {
  const fen = (points: number) => points * s.pointValueFen;
  return [
    arraySheet(
      '概况',
      [
        { header: '项目', width: 28, type: 'text' },
        { header: '积分', width: 14, type: 'int' },
        { header: '折合金额（元）', width: 16, type: 'yuan' },
      ],
      [
        ['统计期间', `${s.from} 至 ${s.to}`, null],
        ['本期加分', s.earnedByCategory.reduce((a, c) => a + c.points, 0), null],
        ['本期扣分', s.deductedByCategory.reduce((a, c) => a + c.points, 0), null],
        ['本期兑换（不含作废）', s.redeemed.points, fen(s.redeemed.points)],
        ['未兑换积分（当前结余）', s.outstanding.points, s.outstanding.valueFen],
        ['库存价值', null, s.stock.valueFen],
        ['从未兑换的在册农户（户）', s.neverRedeemed.count, null],
        ['从未兑换农户的可用积分', s.neverRedeemed.balance, fen(s.neverRedeemed.balance)],
        ['兑换过的商品（种）', s.goods.length, null],
        ['每积分折合（分）', s.pointValueFen, null],
      ],
    ),
    arraySheet(
      '按类别加分',
      [
        { header: '类别', width: 24, type: 'text' },
        { header: '积分', width: 12, type: 'int', total: true },
        { header: '笔数', width: 10, type: 'int', total: true },
      ],
      s.earnedByCategory.map((c) => [c.category, c.points, c.count]),
      '合计',
    ),
    arraySheet(
      '按类别扣分',
      [
        { header: '类别', width: 24, type: 'text' },
        { header: '积分', width: 12, type: 'int', total: true },
        { header: '笔数', width: 10, type: 'int', total: true },
      ],
      s.deductedByCategory.map((c) => [c.category, c.points, c.count]),
      '合计',
    ),
    arraySheet(
      '按月',
      [
        { header: '月份', width: 10, type: 'text' },
        { header: '加分', width: 12, type: 'int', total: true },
        { header: '扣分', width: 12, type: 'int', total: true },
        { header: '兑换（不含作废）', width: 18, type: 'int', total: true },
      ],
      s.byMonth.map((m) => [m.month, m.earned, m.deducted, m.redeemed]),
      '合计',
    ),
    arraySheet(
      '兑换商品',
      [
        { header: '商品', width: 30, type: 'text' },
        { header: '单位', width: 6, type: 'text' },
        { header: '数量', width: 10, type: 'int', total: true },
        { header: '积分', width: 12, type: 'int', total: true },
      ],
      s.goods.map((g) => [g.name, g.unit, g.quantity, g.points]),
      '合计',
    ),
    arraySheet(
      '库存价值',
      [
        { header: '类别', width: 16, type: 'text' },
        { header: '数量', width: 10, type: 'int', total: true },
        { header: '价值（元）', width: 14, type: 'yuan', total: true },
      ],
      s.stock.byCategory.map((c) => [c.category, c.quantity, c.valueFen]),
      '合计',
    ),
    {
      name: '从未兑换的农户',
      columns: [
        { header: '户号', width: 10, type: 'text' },
        { header: '户主', width: 10, type: 'text' },
        { header: '村民小组', width: 10, type: 'text' },
        { header: '可用积分', width: 12, type: 'int', total: true },
      ],
      totalLabel: '合计',
      count: () => s.neverRedeemed.count,
      rows: () => db.prepare(NEVER_REDEEMED_ROWS_SQL).raw().iterate() as IterableIterator<Cell[]>,
    },
  ];
}
