/**
 * Which points a household still holds from which day: a first-in-first-out replay of a
 * passbook's ledger rows. Clearing takes the points held on the clearing date that were not
 * spent since, so it needs to know, for each point left, when it was earned.
 *
 * - A positive row adds a lot dated on its business date (awards, openings, transfers in).
 * - A negative row (redemption, deduction, transfer out, clearing…) takes the oldest lots first.
 * - A void (or any positive row that corrects a negative one) gives back the very lots the
 *   corrected row took, with their dates: a redemption that was voided was never spending.
 * - A negative row that corrects a positive one takes that row's own lot first: an award
 *   taken back does not eat older points.
 * - A transfer moves lots with their dates: the receiving household gets the sender's
 *   oldest points as old points, so merging households before a clearing saves nothing.
 * - A clearing row takes the oldest lots, which are exactly the ones dated on or before
 *   its clearing date (it took no more than those): it is never counted as spending of
 *   later points by a later clearing.
 */

export interface LedgerMove {
  id: number;
  householdId: number;
  kind: string;
  amount: number;
  businessDate: string;
  correctsId: number | null;
  refType: string | null;
  refId: number | null;
}

interface Lot {
  date: string;
  /** The ledger row that created the lot (for corrections that take an award back). */
  source: number;
  left: number;
}

/** The lots of one household, kept oldest first (by date, then by the row that made them). */
class Lots {
  readonly lots: Lot[] = [];

  add(lot: Lot): void {
    if (lot.left <= 0) return;
    // Restored lots may be older than the newest ones: insert in date order.
    let i = this.lots.length;
    while (i > 0 && (this.lots[i - 1]!.date > lot.date || (this.lots[i - 1]!.date === lot.date && this.lots[i - 1]!.source > lot.source))) i--;
    this.lots.splice(i, 0, lot);
  }

  /** Takes `n` points, from the lot of `preferSource` first, then oldest first; returns what was taken. */
  take(n: number, preferSource: number | null): Lot[] {
    const taken: Lot[] = [];
    let need = n;
    const takeFrom = (i: number) => {
      const lot = this.lots[i]!;
      const k = Math.min(lot.left, need);
      taken.push({ date: lot.date, source: lot.source, left: k });
      lot.left -= k;
      need -= k;
    };
    if (preferSource !== null) {
      const i = this.lots.findIndex((l) => l.source === preferSource);
      if (i >= 0) takeFrom(i);
    }
    for (let i = 0; i < this.lots.length && need > 0; i++) if (this.lots[i]!.left > 0) takeFrom(i);
    for (let i = this.lots.length - 1; i >= 0; i--) if (this.lots[i]!.left === 0) this.lots.splice(i, 1);
    return taken;
  }

  heldOnOrBefore(date: string): number {
    let s = 0;
    for (const l of this.lots) if (l.date <= date) s += l.left;
    return s;
  }

  total(): number {
    return this.lots.reduce((s, l) => s + l.left, 0);
  }
}

/** Replays one passbook's rows (all households, in ledger order). */
export class PassbookLots {
  private readonly byHousehold = new Map<number, Lots>();
  /** What each negative row took, so that a void can give the same lots back. */
  private readonly takenBy = new Map<number, Lot[]>();
  /** What the sending side of each transfer took, for the receiving side. */
  private readonly inTransit = new Map<number, Lot[]>();

  private lotsOf(householdId: number): Lots {
    let l = this.byHousehold.get(householdId);
    if (!l) this.byHousehold.set(householdId, (l = new Lots()));
    return l;
  }

  apply(m: LedgerMove): void {
    const lots = this.lotsOf(m.householdId);
    if (m.amount < 0) {
      const taken = lots.take(-m.amount, m.correctsId);
      this.takenBy.set(m.id, taken);
      if (m.kind === 'transfer' && m.refId !== null) this.inTransit.set(m.refId, taken);
      return;
    }
    let left = m.amount;
    const given = m.correctsId !== null ? this.takenBy.get(m.correctsId) : m.kind === 'transfer' && m.refId !== null ? this.inTransit.get(m.refId) : undefined;
    if (given) {
      // Give back (or pass on) the same lots, oldest first, never more than this row's amount.
      for (const lot of given) {
        if (left === 0) break;
        const k = Math.min(lot.left, left);
        lots.add({ date: lot.date, source: lot.source, left: k });
        lot.left -= k;
        left -= k;
      }
    }
    lots.add({ date: m.businessDate, source: m.id, left });
  }

  /** Points this household held on `date` (end of day) that it still holds. */
  oldPoints(householdId: number, date: string): number {
    return this.byHousehold.get(householdId)?.heldOnOrBefore(date) ?? 0;
  }

  balance(householdId: number): number {
    return this.byHousehold.get(householdId)?.total() ?? 0;
  }

  households(): number[] {
    return [...this.byHousehold.keys()];
  }
}
