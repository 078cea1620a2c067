import { localDateTimeFormat } from './clock.js';

/** The local wall-clock time of an instant in a zone, read back as if it were UTC, in ms. */
function wallClockMs(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    localDateTimeFormat(timeZone)
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return Date.parse(`${parts.year}-${parts.month}-${parts.day}T${hour}:${parts.minute}:${parts.second}Z`);
}

/** The UTC instant at which a local date begins in a zone (twice corrected, for DST zones). */
export function dayStartUtc(date: string, timeZone: string): string {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  let t = midnight - (wallClockMs(midnight, timeZone) - midnight);
  t -= wallClockMs(t, timeZone) - midnight;
  return new Date(t).toISOString();
}

/** [start, end) of a business date as ISO instants, comparable with stored created_at text. */
export function dayBoundsUtc(date: string, timeZone: string): { start: string; end: string } {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { start: dayStartUtc(date, timeZone), end: dayStartUtc(next, timeZone) };
}
