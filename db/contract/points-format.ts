/**
 * Points as people read them on screen and paper: integers with thousands separators
 * (12,345), the comma that Chinese accounting forms use. One module for every place a
 * points figure is shown: the renderer's tables and boards, the day-close slip and A4
 * sheet, the receipt printer's layout. In db/contract because it is pure and the
 * renderer may import only the contract from the core.
 *
 * A negative figure takes a real minus sign (U+2212), as the day lines always did: it does
 * not break from its digits at a line end and reads clearly on thermal paper.
 */

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: true });

const MINUS = '\u2212';

/** 1280 → "1,280", −35 → "−35", 0 → "0". */
export function formatPoints(n: number): string {
  if (n < 0) return `${MINUS}${GROUPED.format(-n)}`;
  // `|| 0` turns −0 into 0, so a figure never reads "-0".
  return GROUPED.format(n || 0);
}

/** A change with its sign: "+1,200", "−35", "0". */
export function signedPoints(n: number): string {
  if (n > 0) return `+${GROUPED.format(n)}`;
  return formatPoints(n);
}
