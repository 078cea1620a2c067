/**
 * The exports' fast local time (offset cached per UTC hour, instants read by position,
 * a memo per minute) agrees with Intl for every instant, in zones with daylight saving,
 * with 30- and 45-minute offsets, in time order (the memo's case) and at random.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateTime } from '../../db/domain/clock.js';
import { LocalTime } from '../../db/platform/spreadsheet/local-time.js';

const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC'];
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms).toISOString());
const EXCEL_EPOCH_DAYS = 25569;

function expectSame(local: LocalTime, iso: string, zone: string): void {
  const shown = localDateTime(iso, zone);
  expect(local.text(iso), `${iso} in ${zone}`).toBe(shown);
  // The serial is the wall-clock time as days since 1899-12-30, milliseconds kept.
  const wall = Date.parse(`${shown.replace(' ', 'T')}Z`) + (Date.parse(iso) % 1000);
  expect(local.excelSerial(iso)).toBe(EXCEL_EPOCH_DAYS + wall / 86_400_000);
  // The same instant as the tables store it since migration 005: milliseconds.
  const ms = Date.parse(iso);
  expect(local.textOf(ms), `${ms} ms in ${zone}`).toBe(shown);
  expect(local.excelSerialOf(ms)).toBe(EXCEL_EPOCH_DAYS + wall / 86_400_000);
  expect(local.textOf(iso)).toBe(shown);
}

describe('LocalTime (exports)', () => {
  it('matches Intl at random instants', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.array(instant, { minLength: 1, maxLength: 30 }), (zone, isos) => {
        const local = new LocalTime(zone);
        for (const iso of isos) expectSame(local, iso, zone);
      }),
      { numRuns: 200 },
    );
  });

  // Found by the random test on a busy machine (issue 21): half-hour transitions that fall
  // inside a UTC hour, met after an instant from long before had filled the caches.
  it('is right inside a UTC hour that holds a half-hour transition, in any order', () => {
    for (const [zone, iso] of [
      ['Australia/Lord_Howe', '2047-10-05T15:30:00.000Z'],
      ['America/St_Johns', '2031-11-02T04:30:00.000Z'],
    ] as const) {
      for (const before of [[], ['1990-01-01T00:00:00.000Z'], ['1990-06-15T12:34:56.789Z', '2060-01-01T00:00:00.000Z']]) {
        const local = new LocalTime(zone);
        for (const other of before) expectSame(local, other, zone);
        expectSame(local, iso, zone);
        // and the seconds around it, both ways
        const ms = Date.parse(iso);
        for (let d = -1_800_000; d <= 1_800_000; d += 59_000) expectSame(local, new Date(ms + d).toISOString(), zone);
        for (let d = 1_800_000; d >= -1_800_000; d -= 61_000) expectSame(local, new Date(ms + d).toISOString(), zone);
      }
    }
  });

  it('matches Intl second by second across daylight-saving changes, in time order', () => {
    for (const [zone, around] of [
      ['America/New_York', '2026-03-08T07:00:00.000Z'],
      ['America/New_York', '2026-11-01T06:00:00.000Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00.000Z'],
      ['Asia/Kathmandu', '2026-01-01T00:00:00.000Z'],
      ['Australia/Lord_Howe', '2026-10-04T15:30:00.000Z'],
      ['America/St_Johns', '2026-11-01T04:30:00.000Z'],
      ['America/St_Johns', '2026-03-08T05:30:00.000Z'],
    ] as const) {
      const local = new LocalTime(zone);
      const start = Date.parse(around) - 2 * 3_600_000;
      for (let ms = start; ms < start + 4 * 3_600_000; ms += 7_919) expectSame(local, new Date(ms).toISOString(), zone);
    }
  });

  it('leaves text that is not an instant as it is', () => {
    const local = new LocalTime('Asia/Shanghai');
    expect(local.text('not a time')).toBe('not a time');
    expect(Number.isNaN(local.excelSerial('2026-13-40T99:99:99.999Z'))).toBe(true);
    expect(local.text('2026-11-29T15:30:00Z')).toBe('2026-11-29 23:30:00');
  });
});
