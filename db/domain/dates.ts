/** Calendar arithmetic on business dates (YYYY-MM-DD), done in UTC so no time zone shifts a day. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first and last day of the month or year that contains `date`. */
export function periodBounds(date: string, period: 'month' | 'year'): { from: string; to: string } {
  const y = date.slice(0, 4);
  if (period === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  const m = date.slice(0, 7);
  const next = new Date(`${m}-01T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  next.setUTCDate(0);
  return { from: `${m}-01`, to: next.toISOString().slice(0, 10) };
}
