/**
 * Local wall-clock time for exports, fast enough for a million rows: the zone's UTC
 * offset is looked up once per UTC hour and cached, instead of running Intl for every row.
 * Transitions do not all fall on UTC hour boundaries (Lord Howe changes by 30 minutes at
 * 15:30 UTC, St John's at 05:30 UTC, old local mean times at odd seconds), so an hour is
 * cached as one offset only when its first and last second agree; an hour with a
 * transition in it is computed instant by instant through Intl (a few hours a year); the instants the core stamps
 * (`Date.toISOString()`, "2026-11-29T15:30:00.000Z") are read digit by digit instead of
 * through `Date.parse`; and the text of a minute is made once for all the rows in it.
 */
import { localDateTimeFormat } from '../../domain/clock.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Days from Excel's epoch (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;
const DAY = 86_400_000;
/** 10000-01-01T00:00:00Z: from here on toISOString writes six-digit years. */
const MAX_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

export class LocalTime {
  /** Offset per UTC hour; NaN marks an hour with a transition inside it. */
  private readonly offsets = new Map<number, number>();
  private lastHour = NaN;
  private lastOffset = 0;
  private readonly fmt: Intl.DateTimeFormat;
  /** The last minute read by position ("2026-11-29T15:30"), its local wall-clock ms and text. */
  private memoMinute = '';
  private memoWallMs = 0;
  private memoText = '';
  /** The same for instants given as milliseconds: the UTC minute and its local text. */
  private msMinute = NaN;
  private msMinuteText = '';
  /** The local day (days since 1970) of that minute and its text ("2026-11-29 "). */
  private msDay = NaN;
  private msDayText = '';

  constructor(readonly timeZone: string) {
    this.fmt = localDateTimeFormat(timeZone);
  }

  /** Milliseconds to add to a UTC instant to get the zone's wall-clock time. */
  offsetMs(utcMs: number): number {
    const hourOffset = this.hourOffset(utcMs);
    return Number.isNaN(hourOffset) ? this.exactOffset(utcMs) : hourOffset;
  }

  /** The offset shared by the whole UTC hour of `utcMs`, or NaN when the hour has a transition. */
  private hourOffset(utcMs: number): number {
    const key = Math.floor(utcMs / HOUR);
    if (key === this.lastHour) return this.lastOffset;
    let off = this.offsets.get(key);
    if (off === undefined) {
      const first = this.exactOffset(key * HOUR);
      const last = this.exactOffset(key * HOUR + HOUR - 1000);
      off = first === last ? first : NaN;
      if (this.offsets.size > 50_000) this.offsets.clear();
      this.offsets.set(key, off);
    }
    this.lastHour = key;
    this.lastOffset = off;
    return off;
  }

  /** The offset at this very second, through Intl (whose wall clock has whole seconds). */
  private exactOffset(utcMs: number): number {
    const at = Math.floor(utcMs / 1000) * 1000;
    const parts = this.fmt.formatToParts(new Date(at));
    const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
    const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
    return wall - at;
  }

  /**
   * Whether `iso` is a core-stamped instant whose minute is now in the memo. Rows come in
   * time order, so most rows share the previous row's minute and need no parsing at all.
   * Zones whose offset is not whole minutes (local mean times before 1900) are left to
   * the general path.
   */
  private memo(iso: string): boolean {
    if (!isStamp(iso)) return false;
    if (this.memoMinute === '' || !iso.startsWith(this.memoMinute)) {
      const utc = parseInstant(`${iso.slice(0, 16)}:00.000Z`);
      if (Number.isNaN(utc)) return false;
      // Only a whole-minute offset that holds for the whole hour may stand for every second of the minute.
      const off = this.hourOffset(utc);
      if (Number.isNaN(off) || off % MINUTE !== 0) return false;
      this.memoMinute = iso.slice(0, 16);
      this.memoWallMs = utc + off;
      this.memoText = new Date(this.memoWallMs).toISOString().slice(0, 16).replace('T', ' ');
    }
    return true;
  }

  /** The instant as milliseconds whose UTC fields read as the local wall-clock time (NaN if unreadable). */
  wallMs(iso: string): number {
    if (this.memo(iso)) return this.memoWallMs + two(iso, 17) * 1000 + digit(iso, 20) * 100 + two(iso, 21);
    const utc = parseInstant(iso);
    return Number.isNaN(utc) ? NaN : utc + this.offsetMs(utc);
  }

  /**
   * A Date whose UTC fields read as the local wall-clock time. Spreadsheet cells have no
   * zone, so this is what makes Excel show 10:00 for a redemption made at 10:00 in the
   * village (not 02:00 UTC).
   */
  wallDate(iso: string): Date {
    return new Date(this.wallMs(iso));
  }

  /** The local wall-clock time as an Excel serial date-time (days since 1899-12-30). */
  excelSerial(iso: string): number {
    return EXCEL_EPOCH_DAYS + this.wallMs(iso) / DAY;
  }

  /**
   * An instant as the tables store it since migration 005: milliseconds (what the core
   * writes), or the original text for the rare value that had no exact millisecond form.
   * Reading `created` instead of the derived `created_at` spares SQLite formatting and
   * this class parsing a date string for every row of a big export.
   */
  wallMsOf(v: number | string): number {
    return typeof v === 'number' ? v + this.offsetMs(v) : this.wallMs(v);
  }

  excelSerialOf(v: number | string): number {
    return EXCEL_EPOCH_DAYS + this.wallMsOf(v) / DAY;
  }

  textOf(v: number | string): string {
    if (typeof v === 'string') return this.text(v);
    const minute = Math.floor(v / MINUTE);
    if (minute !== this.msMinute) {
      const off = this.hourOffset(minute * MINUTE);
      if (Number.isNaN(off) || off % MINUTE !== 0) return new Date(v + this.offsetMs(v)).toISOString().slice(0, 19).replace('T', ' ');
      this.msMinute = minute;
      const wall = minute * MINUTE + off;
      const wallDay = Math.floor(wall / DAY);
      // A year's rows change minute at nearly every row: the date's text is made once per
      // local day and the hour and minute put after it from a table, instead of a Date and
      // its ISO text per minute (about a microsecond a row). Years 0–9999 only, where the
      // ISO text has four-digit years.
      if (wall < 0 || wall >= MAX_FOUR_DIGIT_YEAR_MS) this.msMinuteText = new Date(wall).toISOString().slice(0, 16).replace('T', ' ');
      else {
        if (wallDay !== this.msDay) {
          this.msDay = wallDay;
          this.msDayText = new Date(wallDay * DAY).toISOString().slice(0, 11).replace('T', ' ');
        }
        const m = (wall - wallDay * DAY) / MINUTE;
        this.msMinuteText = this.msDayText + TWO_DIGITS[Math.floor(m / 60)]! + ':' + TWO_DIGITS[m % 60]!;
      }
    }
    return this.msMinuteText + ':' + TWO_DIGITS[Math.floor((v - minute * MINUTE) / 1000)]!;
  }

  /** "2026-11-29 10:00:00" in the store's zone (seconds truncated, like toISOString). */
  text(iso: string): string {
    // A whole-minute offset leaves the seconds as they are.
    if (this.memo(iso)) return `${this.memoText}:${iso.slice(17, 19)}`;
    const wall = this.wallMs(iso);
    return Number.isNaN(wall) ? iso : new Date(wall).toISOString().slice(0, 19).replace('T', ' ');
  }
}

const ISO_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const isDigit = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};
/**
 * "YYYY-MM-DDTHH:MM:SS.sssZ" as far as the seconds and milliseconds go (the minute is
 * checked when it is parsed into the memo).
 */
function isStamp(iso: string): boolean {
  return (
    iso.length === 24 &&
    iso.charCodeAt(23) === 90 /* Z */ &&
    iso.charCodeAt(19) === 46 /* . */ &&
    iso.charCodeAt(16) === 58 /* : */ &&
    iso.charCodeAt(17) >= 48 &&
    iso.charCodeAt(17) <= 53 /* 0-5 */ &&
    isDigit(iso, 18) &&
    isDigit(iso, 20) &&
    isDigit(iso, 21) &&
    isDigit(iso, 22)
  );
}
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/**
 * Milliseconds since the epoch. "YYYY-MM-DDTHH:MM:SS.sssZ" (the only shape the core
 * writes) is read by position; anything else goes through Date.parse.
 */
export function parseInstant(iso: string): number {
  if (iso.length === 24 && ISO_UTC.test(iso)) {
    return Date.UTC(
      digit(iso, 0) * 1000 + digit(iso, 1) * 100 + two(iso, 2),
      two(iso, 5) - 1,
      two(iso, 8),
      two(iso, 11),
      two(iso, 14),
      two(iso, 17),
      digit(iso, 20) * 100 + two(iso, 21),
    );
  }
  return Date.parse(iso);
}

/** A business date (YYYY-MM-DD) as an Excel serial date (NaN if unreadable). */
export function excelDate(date: string): number {
  return EXCEL_EPOCH_DAYS + Date.parse(`${date}T00:00:00Z`) / DAY;
}
