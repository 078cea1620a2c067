/**
 * The day report's format: what a store sends its township hub for each closed day, and
 * the registration file that introduces the store's signing key. Pure zod schemas, shared
 * by the store (which writes them) and the hub (which reads them); no database code.
 *
 * A file is an envelope: the body as the exact JSON text that was signed, and an Ed25519
 * signature over that text. Any changed byte either breaks the JSON or the signature.
 */
import { z } from 'zod';

/**
 * Version 2 adds the row-seal and day-close chain heads to a report's before/after heads.
 * The hub still reads version 1 (stores not yet updated, files kept on a stick).
 */
export const REPORT_FORMAT = 'points-store-day-report/2';
export const REPORT_FORMAT_V1 = 'points-store-day-report/1';
export const REPORT_FORMATS: readonly string[] = [REPORT_FORMAT_V1, REPORT_FORMAT];
export const REGISTRATION_FORMAT = 'points-store-registration/1';
/** A report file's name ends so; the hub's folder import takes these. */
export const REPORT_SUFFIX = '.dayreport.json';

export const envelopeSchema = z.object({
  format: z.string(),
  keyFingerprint: z.string(),
  body: z.string(),
  signature: z.string(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

const code = z.string().regex(/^\d{12}$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const registrationSchema = z.object({
  villageCode: code,
  villageName: z.string().min(1),
  townshipName: z.string().min(1),
  publicKey: z.string().min(40),
  fingerprint: z.string(),
  registeredAt: z.string(),
  registeredBy: z.string(),
});
export type Registration = z.infer<typeof registrationSchema>;

/**
 * Where the store's chains stood: the last ledger row, audit row and stock movement; since
 * format 2 also the row-seal chain (the keyed chain over stock movements, receipts, voids,
 * entries, notices, objections and day closes: db/books/seals.ts) at the seal of the day's
 * close record, and the day-close chain (each close's summary hash chained to the one
 * before) at that close. Version 1 reports, and the "before" heads of the first version 2
 * report after them (they are the stored "after" heads of a version 1 report), have none.
 */
export const headsSchema = z.object({
  ledgerId: z.number().int().nonnegative(),
  ledgerHash: z.string(),
  auditId: z.number().int().nonnegative(),
  auditHash: z.string(),
  stockId: z.number().int().nonnegative(),
  sealId: z.number().int().nonnegative().optional(),
  sealHash: z.string().optional(),
  closeId: z.number().int().nonnegative().optional(),
  closeHash: z.string().optional(),
});
export type Heads = z.infer<typeof headsSchema>;

export const GENESIS_HEADS: Heads = { ledgerId: 0, ledgerHash: '', auditId: 0, auditHash: '', stockId: 0, sealId: 0, sealHash: '', closeId: 0, closeHash: '' };

/** The heads each format must carry (the optional ones are required from version 2 on, after a day). */
export const HEAD_KEYS_V2 = ['sealId', 'sealHash', 'closeId', 'closeHash'] as const;

const cell = z.union([z.string(), z.number(), z.null()]);
export const tableSchema = z.object({ columns: z.array(z.string()), rows: z.array(z.array(cell)) });
export type ReportTable = z.infer<typeof tableSchema>;

/** The tables a report carries, in the order the hub compares them. */
export const REPORT_TABLES = [
  'ledger',
  'redemptions',
  'redemption_lines',
  'voids',
  'stock_movements',
  'point_entries',
  'entry_postings',
  'notices',
  'notice_postings',
  'objections',
  'day_closes',
  'audit_log',
] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

/** The parts of the stored day-close summary the hub checks the rows against. */
export const summarySchema = z.looseObject({
  businessDate: date,
  redemptions: z.looseObject({ count: z.number().int(), points: z.number().int(), voidedCount: z.number().int() }),
  points: z.looseObject({ posted: z.number().int(), deducted: z.number().int(), net: z.number().int(), rows: z.number().int() }),
  voids: z.array(z.unknown()),
  digest: z.string(),
  /** Stock on hand at the day's end and its value (points; reference value in fen); absent in closes made before it was added. */
  closingStock: z.looseObject({ goods: z.number().int().nonnegative(), units: z.number().int(), points: z.number().int(), fen: z.number().int() }).optional(),
});

/**
 * An IANA zone the runtime knows: the hub turns the report's instants into local hours with
 * it (sales outside opening hours), so an unknown zone must be a refusal, not a RangeError
 * in the middle of an import.
 */
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone');

export const reportBodySchema = z.object({
  reportId: z.string(),
  villageCode: code,
  date,
  version: z.number().int().min(1),
  /** The report id this version replaces (a reopened and re-closed day), or null. */
  replaces: z.string().nullable(),
  /** The previous reported day of this store, or null for its first report. */
  prevDate: date.nullable(),
  closedAt: z.string(),
  closedBy: z.string(),
  timeZone,
  heads: z.object({ before: headsSchema, after: headsSchema }),
  summary: summarySchema,
  /** Households registered by the end of the day. */
  households: z.number().int().nonnegative(),
  /** The households this day's rows touch: for the hub's checks (an operator's own household). */
  householdsSeen: z.array(z.object({ id: z.number().int(), number: z.string(), headName: z.string(), memberNames: z.array(z.string()) })),
  operators: z.array(z.object({ id: z.number().int(), name: z.string(), role: z.string() })),
  rows: z.record(z.enum(REPORT_TABLES), tableSchema),
});
export type ReportBody = z.infer<typeof reportBodySchema>;

export function reportId(villageCode: string, date: string, version: number): string {
  return `${villageCode}/${date}/v${version}`;
}

export function reportFileName(villageCode: string, date: string, version: number): string {
  return `${villageCode}-${date}-v${version}${REPORT_SUFFIX}`;
}
