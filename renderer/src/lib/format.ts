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

/**
 * Points with thousands separators (12,345) and signed changes (+1,200 / −35): the one
 * formatter in db/contract/points-format.ts, shared with the slips and receipts.
 */
export { formatPoints, signedPoints as formatSignedPoints } from '../../../db/contract/points-format.js';
