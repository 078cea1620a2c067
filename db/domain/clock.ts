/**
 * Time for the core: UTC instants are stored; the business date (the local calendar day
 * the store is open, Asia/Shanghai by default) is stored beside them. Injected so tests
 * can move through days.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// Building an Intl.DateTimeFormat costs a few hundred microseconds (it loads the zone's
// rules); every sale stamps a date, so one formatter per time zone is kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (!f) {
    f = make();
    cache.set(timeZone, f);
  }
  return f;
}

export function businessDate(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return formatter(dateFormats, timeZone, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).format(at);
}

/** "YYYY-MM-DD, HH:MM:SS" parts in a zone (en-CA, 24-hour), one formatter per zone. */
export function localDateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  return formatter(
    dateTimeFormats,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
  );
}

export function localDateTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const parts = localDateTimeFormat(timeZone).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}
