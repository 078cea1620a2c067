/** Periods the accountant thinks in: a day, a month, a year, or from–to. */
export type PeriodKind = 'day' | 'month' | 'year' | 'range';

export interface Period {
  kind: PeriodKind;
  day: string;
  month: string;
  year: string;
  from: string;
  to: string;
}

/** Today in the store's time zone (not the browser's). */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function initialPeriod(timeZone: string, kind: PeriodKind = 'month'): Period {
  const today = todayIn(timeZone);
  return { kind, day: today, month: today.slice(0, 7), year: today.slice(0, 4), from: `${today.slice(0, 8)}01`, to: today };
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The inclusive date range of a period, or null while it is incomplete or reversed. */
export function periodRange(p: Period): { from: string; to: string } | null {
  const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  switch (p.kind) {
    case 'day':
      return valid(p.day) ? { from: p.day, to: p.day } : null;
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(p.month);
      if (!m) return null;
      return { from: `${p.month}-01`, to: `${p.month}-${String(lastDay(Number(m[1]), Number(m[2]))).padStart(2, '0')}` };
    }
    case 'year':
      return /^\d{4}$/.test(p.year) ? { from: `${p.year}-01-01`, to: `${p.year}-12-31` } : null;
    case 'range':
      return valid(p.from) && valid(p.to) && p.from <= p.to ? { from: p.from, to: p.to } : null;
  }
}
