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

  'eval.explain':
    '每月一张表：每行一户，每列一个评分项目；格子里填分数，或填 ✓ 表示按该项目的标准分。先选月份、下载模板，填好后上传，逐行检查无误再导入。导入的记录进入审核，不直接入账。',
  'eval.month': '评比月份',
  'eval.templateXlsx': '下载模板（Excel）',
  'eval.templateCsv': '下载模板（CSV）',
  'eval.pick': '点击或拖入填好的评比表（.xlsx 或 .csv）',
  'eval.tooLarge': '文件太大（最多 700 KB）',
  'eval.row': '行',
  'eval.number': '户号',
  'eval.head': '户主',
  'eval.cells': '评分',
  'eval.check': '检查',
  'eval.ok': '无误',
  'eval.hasErrors': '有 {errors} 行有问题，改好后重新上传；有错时一条也不会导入。',
  'eval.allGood': '{month} 共 {entries} 条记录，全部无误（记账日期 {eventDate}，规则第 {version} 版）。',
  'eval.already': '这个文件已经为 {month} 导入过，再导入不会重复记录。',
  'eval.import': '导入',
  'eval.importN': '导入 {entries} 条，送审核',
  'eval.imported': '已导入 {entries} 条（{batches} 批），等待审核',
  'eval.byItem': '{title}：{households} 户，合计 {points} 分',

  'claim.open': '村民申报',
  'claim.title': '村民申报：{number} {name}',
  'claim.explain': '村民为可自行申报的项目申请积分。记下事实依据（时间、地点、见证人或照片编号），提交后进入审核，审核通过并公示后才入账。',
  'claim.none': '现行细则中没有可由村民自行申报的项目。',
  'claim.item': '申报项目',
  'claim.points': '申报分值',
  'claim.note': '事实依据',
  'claim.notePlaceholder': '例如：3 月 2 日参加防汛值守，见证人张三',
  'claim.submit': '提交审核',
  'claim.cancel': '取消',
  'claim.done': '已提交申报，等待审核',
  'claim.photo': '证明照片（可选）',
  'claim.photoPick': '选择照片',
  'claim.photoHelp': 'JPEG 或 PNG，不超过 {max}；随申报一起保存，审核人可查看',
  'claim.photoRemove': '移除照片',
  'review.photo': '照片',
  'review.photoTitle': '证明照片：{entry}',
  'dialog.keepTyped': '未保存：已填写的内容都还在，改正后可再次提交',
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
  'closedDay.what':
    'Nothing more can be dated into a closed day. If selling must go on, an administrator reopens today on the Day close page, giving a reason; this page resumes by itself once it is reopened.',

  'eval.explain':
    "One sheet a month: a row per household, a column per rule item; a cell holds points, or ✓ for the item's standard points. Pick the month, download the template, fill it in and upload it; import once every row checks out. Imported entries await review, nothing is posted directly.",
  'eval.month': 'Month',
  'eval.templateXlsx': 'Download template (Excel)',
  'eval.templateCsv': 'Download template (CSV)',
  'eval.pick': 'Click or drop the filled sheet here (.xlsx or .csv)',
  'eval.tooLarge': 'The file is too large (700 KB at most)',
  'eval.row': 'Row',
  'eval.number': 'Household',
  'eval.head': 'Head',
  'eval.cells': 'Points',
  'eval.check': 'Check',
  'eval.ok': 'OK',
  'eval.hasErrors': '{errors} rows have problems; fix them and upload again. Nothing is imported while there are errors.',
  'eval.allGood': '{month}: {entries} entries, all correct (dated {eventDate}, rule book version {version}).',
  'eval.already': 'This file was already imported for {month}; importing it again records nothing.',
  'eval.import': 'Import',
  'eval.importN': 'Import {entries} entries for review',
  'eval.imported': '{entries} entries imported ({batches} batches), awaiting review',
  'eval.byItem': '{title}: {households} households, {points} points in all',

  'claim.open': 'Villager claim',
  'claim.title': 'Villager claim: {number} {name}',
  'claim.explain':
    'A villager claims points for an item villagers may claim themselves. Write down the evidence (when, where, a witness or a photo number); the claim goes to review and is posted only after review and public notice.',
  'claim.none': 'The rule book in force has no items villagers may claim themselves.',
  'claim.item': 'Item claimed',
  'claim.points': 'Points claimed',
  'claim.note': 'Evidence',
  'claim.notePlaceholder': 'e.g. flood watch on 2 March, witness Zhang San',
  'claim.submit': 'Submit for review',
  'claim.cancel': 'Cancel',
  'claim.done': 'Claim submitted, awaiting review',
  'claim.photo': 'Evidence photo (optional)',
  'claim.photoPick': 'Choose a photo',
  'claim.photoHelp': 'JPEG or PNG, at most {max}; kept with the claim for the reviewer',
  'claim.photoRemove': 'Remove photo',
  'review.photo': 'Photo',
  'review.photoTitle': 'Evidence photo: {entry}',
  'dialog.keepTyped': 'Not saved: everything you typed is still here; correct it and submit again',
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
