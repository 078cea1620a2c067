import type { DayCloseRecord, DaySummary } from '../../contract/views-accounting.js';
import { DAY_LINE_LABELS, dayPointLines } from '../../contract/day-lines.js';
import { formatPoints, signedPoints } from '../../contract/points-format.js';
import { kindZh } from '../exports/names.js';
import type { SlipInput, SlipRow } from '../../printing/layout.js';

/**
 * The day close as a slip for the receipt printer: title and rows, laid out by the
 * printing module's `slipDocument` (db/printing/layout.ts), which wraps and measures
 * for 58 or 80 mm paper. `signedBy` is the close record when the day is closed.
 */
export function dayCloseSlip(summary: DaySummary, signedBy: DayCloseRecord | null, witness: string | null = null): SlipInput {
  const rows: SlipRow[] = [];
  const r = summary.redemptions;
  rows.push({ label: '兑换单', value: `${r.count} 张` });
  rows.push({ label: '兑换积分', value: `${formatPoints(r.points)} 分`, bold: true });
  if (r.voidedCount > 0) rows.push({ label: '其中已作废', value: `${r.voidedCount} 张 / ${formatPoints(r.voidedPoints)} 分` });
  for (const p of r.byPassbook) rows.push({ label: `  ${p.name}`, value: `${p.count} 张 / ${formatPoints(p.points)} 分` });
  if (summary.receipts.first) rows.push({ label: '单号', value: `${summary.receipts.first.slice(-4)}–${(summary.receipts.last ?? '').slice(-4)}` });
  rows.push({ label: '当日作废', value: `${summary.voids.length} 张` });
  rows.push({ separator: true });
  rows.push({ text: '积分变动', bold: true });
  // One line per kind, each with its sign: a void's refund is not an award, a voided sale not a deduction.
  for (const l of dayPointLines(summary.points.byKind)) rows.push({ label: DAY_LINE_LABELS[l.kind].zh, value: `${l.count} 笔 ${signedPoints(l.points)}` });
  rows.push({ label: '净变动', value: signedPoints(summary.points.net), bold: true });
  rows.push({ separator: true });
  if (summary.goodsOut.length > 0) {
    rows.push({ text: '商品出库（净）', bold: true });
    for (const g of summary.goodsOut) rows.push({ label: g.name, value: `${g.net}${g.unit}` });
    rows.push({ separator: true });
  }
  if (summary.stockIn.length > 0) {
    rows.push({ text: '入库', bold: true });
    for (const s of summary.stockIn) rows.push({ label: `${kindZh(s.kind)} ${s.name}`, value: `${s.quantity}${s.unit}` });
    rows.push({ separator: true });
  }
  if (summary.adjustments.length > 0) {
    rows.push({ text: '库存调整', bold: true });
    for (const a of summary.adjustments) rows.push({ label: `${a.name}`, value: `${a.quantity > 0 ? '+' : ''}${a.quantity}${a.unit}` });
    rows.push({ separator: true });
  }
  rows.push({ text: '按店员', bold: true });
  for (const k of summary.perKeeper) rows.push({ label: k.name, value: `${k.redemptions} 张 ${formatPoints(k.points)} 分` });
  rows.push({ separator: true });
  rows.push({ label: '对账', value: summary.reconciliation.ok ? '通过' : '未通过', bold: true });
  rows.push({ label: '校验码', value: summary.digest.slice(0, 16) });
  // The books fingerprint when the slip was printed (db/books/witness.ts).
  if (witness) rows.push({ label: '见证码', value: witness });
  if (signedBy) rows.push({ label: '会计签字', value: signedBy.operatorName });
  return {
    title: '日结单',
    subtitle: summary.businessDate,
    rows,
    footer: signedBy ? '已日结，当日不能再记账' : '尚未日结（草稿）',
  };
}
