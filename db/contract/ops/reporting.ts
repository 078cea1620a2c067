import { z } from 'zod';
import { ADMIN, isoDate, op, pin, printableText, STAFF_ACCOUNTS, text } from '../define.js';
import type { HubStatusView, HubRegisterView, CatchUpView, HubExportView } from '../views-reporting.js';

const ACCOUNTANT = ['accountant'] as const;

/**
 * The store's side of the township hub: registration (village code, names, signing key),
 * the hub's address for pushes, the reporting state, and closing a run of days at once.
 */
export const reportingOps = {
  'hub.status': op<HubStatusView>()({ access: STAFF_ACCOUNTS, passive: true, input: z.object({}) }),
  'hub.register': op<HubRegisterView>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      villageCode: z
        .string()
        .trim()
        .regex(/^\d{12}$/, '区划代码应为 12 位数字'),
      villageName: printableText(40).pipe(z.string().min(1)),
      townshipName: printableText(40).pipe(z.string().min(1)),
    }),
  }),
  'hub.setAddress': op<HubStatusView>()({
    access: ADMIN,
    writes: true,
    input: z.object({ address: z.string().trim().max(200).nullable() }),
  }),
  /**
   * The USB road (the CLI's hub-export): the closed days' reports not yet exported, written
   * into a folder on this computer (a stick); `all` writes every report again (a lost stick).
   */
  'hub.exportReports': op<HubExportView>()({
    access: STAFF_ACCOUNTS,
    writes: true,
    input: z.object({ folder: text(1000).pipe(z.string().min(1)), all: z.boolean().default(false) }),
  }),
  /** Closes every open day up to `through`, in order, each with its own summary. */
  'dayClose.closeThrough': op<CatchUpView>()({ access: ACCOUNTANT, writes: true, input: z.object({ through: isoDate, pin }) }),
};
