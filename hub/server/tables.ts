/**
 * Every table the dashboard shows, defined once: its columns (Chinese titles, English in
 * the dashboard's own table) and its rows for a period and page. The JSON API and the
 * XLSX download both read from here, so an export always matches the screen.
 */
import type { Sql } from '../db/engine.js';
import { alerts } from '../queries/alerts.js';
import { daily, honourBoard, topRules, type Range } from '../queries/board.js';
import { hubToday, OVERDUE_AFTER_DAYS } from '../queries/today.js';
import { totals } from '../queries/totals.js';
import { villages } from '../queries/villages.js';

export interface TableQuery extends Range {
  limit: number;
  offset: number;
  kind?: string | null;
}

export interface TablePage {
  columns: { key: string; title: string }[];
  rows: Record<string, unknown>[];
  total: number;
}

type TableDef = {
  sheet: string;
  columns: { key: string; title: string }[];
  load(sql: Sql, q: TableQuery): Promise<{ rows: Record<string, unknown>[]; total: number }>;
};

const sums = [
  { key: 'households', title: '户数' },
  { key: 'awarded', title: '奖励积分' },
  { key: 'deducted', title: '扣减积分' },
  { key: 'redeemed', title: '兑换积分' },
  { key: 'outstanding', title: '未兑余额' },
  { key: 'receipts', title: '兑换单数' },
  { key: 'voids', title: '作废单数' },
  { key: 'stockPoints', title: '库存价值（积分）' },
  { key: 'stockYuan', title: '库存价值（元）' },
];

const page = <T>(rows: T[], q: TableQuery) => ({ rows: rows.slice(q.offset, q.offset + q.limit) as Record<string, unknown>[], total: rows.length });

export const TABLES: Record<string, TableDef> = {
  villages: {
    sheet: '村庄',
    columns: [
      { key: 'code', title: '区划代码' },
      { key: 'name', title: '村' },
      { key: 'township', title: '乡镇' },
      { key: 'lastDay', title: '最后上报日' },
      { key: 'daysSinceLast', title: '距今天数' },
      { key: 'overdue', title: '逾期' },
      { key: 'held', title: '暂存日报' },
      { key: 'fingerprint', title: '密钥指纹' },
    ],
    load: async (sql, q) => page(await villages(sql, { today: hubToday(), overdueAfterDays: OVERDUE_AFTER_DAYS }), q),
  },
  totals: {
    sheet: '汇总',
    columns: [{ key: 'code', title: '区划代码' }, { key: 'name', title: '村' }, { key: 'lastDay', title: '最后上报日' }, ...sums],
    load: async (sql, q) => {
      const t = await totals(sql, q);
      const rows = [...t.villages, { code: '合计', name: '全乡镇', ...t.total }];
      return { rows: rows.slice(q.offset, q.offset + q.limit) as unknown as Record<string, unknown>[], total: rows.length };
    },
  },
  rules: {
    sheet: '积分细则排行',
    columns: [
      { key: 'rule_code', title: '细则编号' },
      { key: 'rule_title', title: '细则' },
      { key: 'direction', title: '奖/扣' },
      { key: 'entries', title: '条数' },
      { key: 'points', title: '积分' },
      { key: 'villages', title: '村数' },
    ],
    load: async (sql, q) => page(await topRules(sql, q, 200), q),
  },
  honour: {
    sheet: '红榜',
    columns: [
      { key: 'village_name', title: '村' },
      { key: 'number', title: '户号' },
      { key: 'head_name', title: '户主' },
      { key: 'awarded', title: '奖励积分' },
    ],
    load: (sql, q) => honourBoard(sql, q, { limit: q.limit, offset: q.offset }),
  },
  alerts: {
    sheet: '告警',
    columns: [
      { key: 'date', title: '日期' },
      { key: 'code', title: '区划代码' },
      { key: 'name', title: '村' },
      { key: 'kind', title: '类型' },
      { key: 'detail', title: '详情' },
      { key: 'reportId', title: '日报' },
    ],
    load: async (sql, q) => {
      const a = await alerts(sql, { kind: q.kind ?? null, limit: q.limit, offset: q.offset });
      return { rows: a.rows as unknown as Record<string, unknown>[], total: a.total };
    },
  },
  daily: {
    sheet: '每日兑换',
    columns: [
      { key: 'date', title: '日期' },
      { key: 'receipts', title: '兑换单数' },
      { key: 'redeemed', title: '兑换积分' },
      { key: 'awarded', title: '奖励积分' },
      { key: 'villages', title: '上报村数' },
    ],
    load: async (sql, q) => page(await daily(sql, q), q),
  },
};

export async function loadTable(sql: Sql, name: string, q: TableQuery): Promise<TablePage | null> {
  const def = TABLES[name];
  if (!def) return null;
  const { rows, total } = await def.load(sql, q);
  return { columns: def.columns, rows, total };
}
