import { z } from 'zod';
import { ADMIN, ALL, isoDate, id, op, pin, freeText, requestId, text } from '../define.js';
import type { GoodsCatalog, HouseholdView, LookupResult, Page, ReceiptSummary, ReceiptView } from '../views.js';

/** Largest quantity of one good on one receipt: anything bigger is a typo or a trick. */
export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 50;

export const counterOps = {
  /**
   * The counter's one input box: an ID number, a household card QR payload, a household
   * number, a goods barcode, or a name / pinyin initials.
   */
  'counter.lookup': op<LookupResult>()({ access: ALL, input: z.object({ query: text(200).pipe(z.string().min(1)) }) }),
  'household.get': op<HouseholdView>()({ access: ALL, input: z.object({ householdId: id }) }),
  'goods.catalog': op<GoodsCatalog>()({ access: ALL, input: z.object({}) }),
  /** The order of the counter's category buttons (staples first by default); the rest follow. */
  'goods.categoryOrder': op<string[]>()({ access: ALL, input: z.object({}) }),
  'goods.setCategoryOrder': op<string[]>()({
    access: ADMIN,
    writes: true,
    input: z.object({ categories: z.array(text(20).pipe(z.string().min(1))).max(50) }),
  }),
  'redemption.create': op<ReceiptView>()({
    access: ALL,
    writes: true,
    input: z.object({
      requestId,
      householdId: id,
      passbookId: id,
      memberId: id.nullable().optional(),
      lines: z
        .array(z.object({ goodsId: id, quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY) }))
        .min(1)
        .max(MAX_CART_LINES),
    }),
  }),
  'redemption.get': op<ReceiptView>()({ access: ALL, input: z.object({ redemptionId: id }) }),
  'redemption.list': op<Page<ReceiptSummary>>()({
    access: ALL,
    input: z.object({
      date: isoDate.optional(),
      householdId: id.optional(),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  }),
  /** Reverses a redemption of today: needs a reason and an administrator's PIN. */
  'redemption.void': op<ReceiptView>()({
    access: ALL,
    writes: true,
    input: z.object({
      requestId,
      redemptionId: id,
      reason: freeText(100).pipe(z.string().min(2)),
      approverId: id,
      approverPin: pin,
    }),
  }),
};
