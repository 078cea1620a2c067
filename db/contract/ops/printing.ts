import { z } from 'zod';
import { ADMIN, ALL, id, op } from '../define.js';
import type { PrinterStatusView, PrintJobView, ReceiptPreview } from '../printing.js';
import { printerSettingsSchema, type PrinterSettings } from '../../printing/settings.js';

export interface CardCodeView {
  householdId: number;
  number: string;
  headName: string;
  groupName: string;
  cardVersion: number;
  /** The signed ASCII payload the QR code carries. */
  payload: string;
}

/**
 * Printing is asynchronous (a printer may take seconds, or be off), while the contract
 * is synchronous: these operations queue work and return at once; the UI polls
 * printer.status to show what the printer is doing.
 */
export const printingOps = {
  'printer.status': op<PrinterStatusView>()({ access: ALL, passive: true, input: z.object({}) }),
  /** Tries to reach the printer in the background; the result shows in printer.status. */
  'printer.probe': op<null>()({ access: ALL, input: z.object({}) }),
  'printer.settings': op<PrinterSettings>()({ access: ADMIN, input: z.object({}) }),
  'printer.saveSettings': op<PrinterStatusView>()({ access: ADMIN, writes: true, input: printerSettingsSchema }),
  'printer.testPage': op<{ jobId: number }>()({ access: ALL, writes: true, input: z.object({}) }),
  'printer.jobs': op<PrintJobView[]>()({
    access: ALL,
    passive: true,
    input: z.object({
      limit: z.number().int().min(1).max(200).default(50),
      status: z.enum(['queued', 'printing', 'done', 'failed']).optional(),
      /** Only the jobs of one receipt (its receipt, void slip and reprints). */
      redemptionId: id.optional(),
    }),
  }),
  'printer.retry': op<null>()({ access: ALL, writes: true, input: z.object({ jobId: id }) }),
  /** The on-screen receipt, drawn from the same document as the printed bytes. */
  'receipt.preview': op<ReceiptPreview>()({
    access: ALL,
    input: z.object({
      redemptionId: id,
      of: z.enum(['redemption', 'void']).default('redemption'),
      /** The copy a reprint would print now (marked 重印). */
      reprint: z.boolean().default(false),
    }),
  }),
  /** Prints a receipt: the original the first time, a reprint (marked 重印) after that. */
  'receipt.print': op<{ jobId: number; reprint: boolean }>()({ access: ALL, writes: true, input: z.object({ redemptionId: id }) }),
  'receipt.reprint': op<{ jobId: number }>()({
    access: ALL,
    writes: true,
    input: z.object({ redemptionId: id, of: z.enum(['receipt', 'void']).default('receipt') }),
  }),
  /** Prints a household's card (户卡) on the thermal printer. */
  'card.print': op<{ jobId: number }>()({ access: ADMIN, writes: true, input: z.object({ householdId: id }) }),
  /** Signed card payloads for an A4 sheet of cards (one group, or chosen households). */
  'card.codes': op<CardCodeView[]>()({
    access: ADMIN,
    input: z.object({ householdIds: z.array(id).max(500).optional(), groupName: z.string().max(40).optional() }),
  }),
};
