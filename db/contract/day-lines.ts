/**
 * The day close's points, one line per kind in a fixed order (issue 15): awards posted,
 * deductions posted, opening balances, redemptions, voids returned, clearing, transfers,
 * corrections. Each line is only its own kind, so a voided sale is a redemption line and a
 * void line, never a "deduction", and a void's refund or an opening balance never counts
 * as an award. Points keep their sign. Derived from the summary's `byKind`, which every
 * stored close has, so days closed before this change show the same lines.
 *
 * Pure data and functions: the renderer, the slip and the CLI all use it.
 */
import type { LedgerKind } from './views.js';

export const DAY_LINE_KINDS = [
  'award',
  'deduction',
  'opening',
  'redemption',
  'void',
  'clearing',
  'transfer',
  'correction',
] as const satisfies readonly LedgerKind[];

export const DAY_LINE_LABELS: Record<LedgerKind, { zh: string; en: string }> = {
  award: { zh: '加分入账', en: 'Awards posted' },
  deduction: { zh: '扣分入账', en: 'Deductions posted' },
  opening: { zh: '期初余额', en: 'Opening balances' },
  redemption: { zh: '兑换', en: 'Redemptions' },
  void: { zh: '作废退回', en: 'Voids returned' },
  clearing: { zh: '清零', en: 'Clearing' },
  transfer: { zh: '转存', en: 'Transfers' },
  correction: { zh: '更正', en: 'Corrections' },
};

export interface DayPointLine {
  kind: LedgerKind;
  count: number;
  /** Signed: negative for deductions, redemptions, clearing. */
  points: number;
}

/** Every kind on its own line (zero lines included, so the sheet always has the same rows). */
export function dayPointLines(byKind: readonly { kind: LedgerKind; count: number; points: number }[]): DayPointLine[] {
  const lines: DayPointLine[] = DAY_LINE_KINDS.map((kind) => {
    const k = byKind.find((b) => b.kind === kind);
    return { kind, count: k?.count ?? 0, points: k?.points ?? 0 };
  });
  // A kind this build does not list (a newer core) still gets its own line.
  for (const k of byKind) if (!lines.some((l) => l.kind === k.kind)) lines.push({ kind: k.kind, count: k.count, points: k.points });
  return lines;
}

/** "+50", "−1,200", "0": every figure with its sign and thousands separators (points-format.ts). */
export { signedPoints } from './points-format.js';
