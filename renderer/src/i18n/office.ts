/**
 * The office's words (issue 15): complete lists and their counts, day-close lines by kind,
 * the closed-day banner, the evaluation sheet and self-claims at the counter. Its own
 * dictionary like points.ts and trust.ts; Chinese is the source, English has every key.
 */
import { useCallback } from 'react';
import { useI18n } from './index.js';

export const officeZh = {
  'list.total': '共 {total} 条',
  'list.shownOf': '显示 {shown} 条，共 {total} 条',
  'stats.topGoodsOf': '兑换最多的商品（图中前 {shown} 种，共 {total} 种，导出含全部）',
  'stats.neverRedeemedListOf': '从未兑换的在册农户：共 {total} 户，可用积分合计 {points} 分（按可用积分排序）',
  'stats.neverRedeemedPoints': '可用积分合计 {points} 分',
  'honours.andMore': ' 等，共 {n} 户',
  'honours.deductionTotals': '本期扣分共 {count} 条，合计 −{points} 分（下列最近 {shown} 条）',
  'dayLine.net': '净变动（全部台账行）',
  'limits.range': '分（{min}–{max}）',

  'closedDay.title': '今天（{date}）已日结，暂停兑换',
  'closedDay.what': '已日结的日子不能再记入兑换。如确需继续兑换，请管理员在「日结」页面填写原因后重新开启当天；开启后本页会自动恢复。',
} as const;

export type OfficeKey = keyof typeof officeZh;

export const officeEn: Record<OfficeKey, string> = {
  'list.total': '{total} in all',
  'list.shownOf': '{shown} shown of {total}',
  'stats.topGoodsOf': 'Top goods (first {shown} of {total} in the chart; the export has all)',
  'stats.neverRedeemedListOf': 'Active households that never redeemed: {total}, holding {points} points in all (by balance)',
  'stats.neverRedeemedPoints': '{points} points held in all',
  'honours.andMore': ' and others, {n} households in all',
  'honours.deductionTotals': '{count} deductions in the period, −{points} points in all (latest {shown} below)',
  'dayLine.net': 'Net change (every ledger row)',
  'limits.range': 'points ({min}–{max})',

  'closedDay.title': 'Today ({date}) is closed: no redemptions',
  'closedDay.what': 'Nothing more can be dated into a closed day. If selling must go on, an administrator reopens today on the Day close page, giving a reason; this page resumes by itself once it is reopened.',
};

export type OfficeTranslate = (key: OfficeKey, params?: Record<string, string | number>) => string;

/** `t` for the office's screens, following the app's language toggle. */
export function useOfficeT(): OfficeTranslate {
  const { lang } = useI18n();
  return useCallback(
    (key, params = {}) => {
      const tpl = (lang === 'en' ? officeEn : officeZh)[key];
      return tpl.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
    },
    [lang],
  );
}
