import { AppError } from '../../contract/errors.js';

export interface RangeSpec {
  from?: string | undefined;
  to?: string | undefined;
  date?: string | undefined;
  month?: string | undefined;
  year?: string | undefined;
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A day, a month (2026-11), a year (2026) or from/to, as an inclusive date range. */
export function resolveRange(r: RangeSpec): { from: string; to: string } {
  if (r.date) return { from: r.date, to: r.date };
  if (r.month) {
    const m = /^(\d{4})-(\d{2})$/.exec(r.month);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new AppError('BAD_INPUT', { detail: `月份应为 YYYY-MM：${r.month}` });
    return { from: `${r.month}-01`, to: `${r.month}-${String(lastDay(Number(m[1]), Number(m[2]))).padStart(2, '0')}` };
  }
  if (r.year) {
    if (!/^\d{4}$/.test(r.year)) throw new AppError('BAD_INPUT', { detail: `年份应为 YYYY：${r.year}` });
    return { from: `${r.year}-01-01`, to: `${r.year}-12-31` };
  }
  if (!r.from || !r.to) throw new AppError('BAD_INPUT', { detail: '请给出 --from 和 --to，或 --date / --month / --year' });
  for (const d of [r.from, r.to]) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) throw new AppError('BAD_INPUT', { detail: `日期应为 YYYY-MM-DD：${d}` });
  }
  if (r.from > r.to) throw new AppError('EXPORT_RANGE_INVALID');
  return { from: r.from, to: r.to };
}
