import { z } from 'zod';
import { ADMIN, ALL, isoDate, op, pin, freeText, STAFF_ACCOUNTS } from '../define.js';
import type { DayListItem, DayStatusView, ExportJobView, NeverRedeemedPage, StatsView } from '../views-accounting.js';

const ACCOUNTANT = ['accountant'] as const;
const range = { from: isoDate, to: isoDate };
const jobId = z.string().regex(/^[A-Za-z0-9_-]{16,40}$/, 'bad export id');

/**
 * The accountant's area: day close (日结), exports and statistics. Exports run in the
 * background: `export.start` returns at once and the UI polls `export.status`; the
 * finished file is downloaded from the host's GET route in `downloadPath`.
 */
export const accountingOps = {
  /** A day: open with its live summary, or closed with the summary that was signed. */
  'dayClose.status': op<DayStatusView>()({ access: STAFF_ACCOUNTS, input: z.object({ date: isoDate }) }),
  /**
   * Is today's business day closed? Every role may ask: the counter polls it to show the
   * closed-day banner before a keeper fills a cart that could not be sold.
   */
  'dayClose.today': op<{ date: string; closed: boolean }>()({ access: ALL, passive: true, input: z.object({}) }),
  'dayClose.list': op<DayListItem[]>()({ access: STAFF_ACCOUNTS, input: z.object({ limit: z.number().int().min(1).max(366).default(31) }) }),
  /** The accountant signs the day off with their own PIN; refused if it does not reconcile. */
  'dayClose.close': op<DayStatusView>()({ access: ACCOUNTANT, writes: true, input: z.object({ date: isoDate, pin }) }),
  /** An administrator reopens a closed day, with a reason that stays in the record. */
  'dayClose.reopen': op<DayStatusView>()({
    access: ADMIN,
    writes: true,
    input: z.object({ date: isoDate, reason: freeText(200).pipe(z.string().min(2, '请填写原因（至少 2 个字）')) }),
  }),
  /** Queues the day's summary as a slip on the receipt printer (a draft while the day is open). */
  'dayClose.printSlip': op<{ jobId: number }>()({ access: STAFF_ACCOUNTS, writes: true, input: z.object({ date: isoDate }) }),
  'export.start': op<ExportJobView>()({
    access: STAFF_ACCOUNTS,
    writes: true,
    input: z.object({ kind: z.enum(['ledger', 'redemptions', 'stock', 'balances', 'stats']), format: z.enum(['xlsx', 'csv']), ...range }),
  }),
  'export.status': op<ExportJobView>()({ access: STAFF_ACCOUNTS, passive: true, input: z.object({ id: jobId }) }),
  'export.cancel': op<ExportJobView>()({ access: STAFF_ACCOUNTS, writes: true, input: z.object({ id: jobId }) }),
  'export.list': op<ExportJobView[]>()({ access: STAFF_ACCOUNTS, passive: true, input: z.object({}) }),
  'stats.overview': op<StatsView>()({ access: STAFF_ACCOUNTS, input: z.object(range) }),
  // --- office (issue 15): complete lists, paged, with totals over everything ---
  /** The households that never redeemed, a page at a time; count and points are over all of them. */
  'stats.neverRedeemed': op<NeverRedeemedPage>()({
    access: STAFF_ACCOUNTS,
    input: z.object({ offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(500).default(50) }),
  }),
};
