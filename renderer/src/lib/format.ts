/** Date and time for the store's own time zone (not the browser's), as receipts print it. */
export function formatDateTime(iso: string, timeZone: string, lang: 'zh' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(d);
}

export function formatTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

const POINTS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Points as people read them on paper and screen: integers with thousands separators
 * (12,345). One helper so that every table, slip and board groups digits the same way;
 * the comma (not 、 or a space) is what Chinese accounting forms use.
 */
export function formatPoints(n: number): string {
  return POINTS.format(n);
}

