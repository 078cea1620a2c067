/**
 * Local wall-clock time for exports, fast enough for a million rows: the zone's UTC
 * offset is looked up once per UTC hour (zone transitions fall on hour boundaries) and
 * cached, instead of running Intl for every row.
 */
export class LocalTime {
  private readonly offsets = new Map<string, number>();
  private readonly fmt: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  }

  /** Milliseconds to add to a UTC instant to get the zone's wall-clock time. */
  offsetMs(utcMs: number): number {
    const key = Math.floor(utcMs / 3_600_000);
    let off = this.offsets.get(String(key));
    if (off === undefined) {
      const at = key * 3_600_000;
      const parts = this.fmt.formatToParts(new Date(at));
      const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
      const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
      off = wall - at;
      if (this.offsets.size > 50_000) this.offsets.clear();
      this.offsets.set(String(key), off);
    }
    return off;
  }

  /**
   * A Date whose UTC fields read as the local wall-clock time. Spreadsheet cells have no
   * zone: exceljs writes a Date's UTC fields, so this is what makes Excel show 10:00
   * for a redemption made at 10:00 in the village (not 02:00 UTC).
   */
  wallDate(iso: string): Date {
    const ms = Date.parse(iso);
    return new Date(ms + this.offsetMs(ms));
  }

  /** "2026-11-29 10:00:00" in the store's zone. */
  text(iso: string): string {
    return this.wallDate(iso).toISOString().slice(0, 19).replace('T', ' ');
  }
}

/** A business date (YYYY-MM-DD) as a zone-less spreadsheet date. */
export function dateCell(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
