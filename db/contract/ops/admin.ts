import { z } from 'zod';
import { ADMIN, id, isoDate, op, pin, printableText, text } from '../define.js';
import type { Settings } from '../views.js';
import type { AuditPage, DownloadFile, OperatorAdminView } from '../views-trust.js';

const auditFilter = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  operatorId: id.optional(),
  action: z
    .string()
    .regex(/^[a-zA-Z.]{1,60}$/, 'action code: letters and dots')
    .optional(),
  text: text(100).optional(),
};

/** The administrator's screens: operators, general settings, the audit log. */
export const adminOps = {
  /** Every operator, inactive ones too, with lockout and last login. */
  'operators.list': op<OperatorAdminView[]>()({ access: ADMIN, input: z.object({}) }),
  'operators.create': op<OperatorAdminView>()({
    access: ADMIN,
    writes: true,
    input: z.object({ name: printableText(20).pipe(z.string().min(1)), role: z.enum(['keeper', 'accountant', 'admin']), pin }),
  }),
  /** A new PIN for someone who forgot theirs; also lifts a lockout. */
  'operators.resetPin': op<OperatorAdminView>()({ access: ADMIN, writes: true, input: z.object({ operatorId: id, pin }) }),
  /** Lifts a lockout after wrong PINs without changing the PIN (issue 12). */
  'operators.unlock': op<OperatorAdminView>()({ access: ADMIN, writes: true, input: z.object({ operatorId: id }) }),
  /** Deactivate (never delete) or reactivate; the last active administrator cannot go. */
  'operators.setActive': op<OperatorAdminView>()({ access: ADMIN, writes: true, input: z.object({ operatorId: id, active: z.boolean() }) }),
  'settings.update': op<Settings>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      villageName: printableText(40).pipe(z.string().min(1)),
      storeName: printableText(40).pipe(z.string().min(1)),
      receiptFooter: printableText(80),
      idleLockSeconds: z.number().int().min(30).max(3600),
      pointValueFen: z.number().int().min(1).max(100_000),
      exportsKeepDays: z.number().int().min(1).max(3650).default(30),
    }),
  }),
  'audit.list': op<AuditPage>()({
    access: ADMIN,
    input: z.object({ ...auditFilter, offset: z.number().int().min(0).max(1_000_000_000).default(0), limit: z.number().int().min(1).max(200).default(50) }),
  }),
  /** CSV for Excel; the export itself is audited. */
  'audit.export': op<DownloadFile>()({ access: ADMIN, writes: true, input: z.object(auditFilter) }),
};
