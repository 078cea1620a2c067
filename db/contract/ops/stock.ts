import { z } from 'zod';
import { ALL, id, op, freeText, printableText, requestId, STAFF_ACCOUNTS } from '../define.js';
import type {
  AdjustmentView,
  CountSheet,
  GoodsAdminItem,
  GoodsDetail,
  ImportPreview,
  ImportResult,
  ImportTemplate,
  LowStockItem,
  MovementHistory,
  StockReceiptSummary,
  StockReceiptView,
  StockReport,
  StocktakeSummary,
  StocktakeView,
} from '../views-stock.js';

/** Bounds that catch typos (an extra zero) without getting in a real store's way. */
export const STOCK_LIMITS = {
  maxPoints: 100_000,
  /** 10 万元 per unit. */
  maxValueFen: 10_000_000,
  maxQuantity: 100_000,
  /** 100 万元 for one receipt line. */
  maxCostFen: 100_000_000,
  maxLowStock: 100_000,
  maxBarcodes: 5,
  maxReceiptLines: 100,
  maxCountLines: 2_000,
  /** Base64 of the import file; the browser host takes at most 1 MB per request. */
  maxImportBase64: 960_000,
} as const;

/** Scanner output: EAN/UPC digits or a shop's own code. */
export const barcode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{4,32}$/, 'barcode: 4 to 32 letters, digits or -');
const name = printableText(60).pipe(z.string().min(1, 'required'));
const shortName = printableText(20).pipe(z.string().min(1, 'required'));
const points = z.number().int().min(1).max(STOCK_LIMITS.maxPoints);
const fen = z.number().int().min(0).max(STOCK_LIMITS.maxValueFen);
const quantity = z.number().int().min(1).max(STOCK_LIMITS.maxQuantity);
const note = freeText(200).optional();

const goodsFields = {
  name,
  category: shortName,
  unit: shortName,
  lowStock: z.number().int().min(0).max(STOCK_LIMITS.maxLowStock),
  barcodes: z.array(barcode).max(STOCK_LIMITS.maxBarcodes).default([]),
};

const receiptLine = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('purchase'),
    goodsId: id,
    quantity,
    /** What the whole line cost, in fen. */
    costFen: z.number().int().min(0).max(STOCK_LIMITS.maxCostFen),
    supplier: printableText(60).optional(),
  }),
  z.object({
    source: z.literal('donation'),
    goodsId: id,
    quantity,
    donor: printableText(60).pipe(z.string().min(1, 'donor required')),
  }),
]);

const importFile = {
  fileName: printableText(200).pipe(z.string().min(1)),
  base64: z
    .string()
    .max(STOCK_LIMITS.maxImportBase64)
    .regex(/^[A-Za-z0-9+/=\s]*$/, 'not base64'),
};

export const stockOps = {
  'stock.goodsList': op<GoodsAdminItem[]>()({ access: STAFF_ACCOUNTS, input: z.object({ includeRetired: z.boolean().default(true) }) }),
  'stock.goodsGet': op<GoodsDetail>()({ access: STAFF_ACCOUNTS, input: z.object({ goodsId: id }) }),
  'stock.goodsCreate': op<GoodsDetail>()({
    access: STAFF_ACCOUNTS,
    writes: true,
    input: z.object({ ...goodsFields, pointsPrice: points, valueFen: fen }),
  }),
  /** Name, category, unit, threshold and barcodes. Prices change only through setPrice. */
  'stock.goodsUpdate': op<GoodsDetail>()({
    access: STAFF_ACCOUNTS,
    writes: true,
    input: z.object({ goodsId: id, ...goodsFields }),
  }),
  /** A new price applies from now on; receipts already made keep the price they snapshotted. */
  'stock.goodsSetPrice': op<GoodsDetail>()({
    access: STAFF_ACCOUNTS,
    writes: true,
    input: z.object({ goodsId: id, pointsPrice: points, valueFen: fen, note }),
  }),
  /** Retire (下架) or bring back. Goods are never deleted: their history names them. */
  'stock.goodsSetActive': op<GoodsDetail>()({
    access: STAFF_ACCOUNTS,
    writes: true,
    input: z.object({ goodsId: id, active: z.boolean() }),
  }),
  'stock.movements': op<MovementHistory>()({
    access: STAFF_ACCOUNTS,
    input: z.object({ goodsId: id, limit: z.number().int().min(1).max(5000).default(1000) }),
  }),

  /** A stock receipt (入库单): several lines, each bought (with cost) or donated (with donor). */
  'stock.receive': op<StockReceiptView>()({
    access: STAFF_ACCOUNTS,
    writes: true,
    input: z.object({ requestId, note, lines: z.array(receiptLine).min(1).max(STOCK_LIMITS.maxReceiptLines) }),
  }),
  'stock.receiptGet': op<StockReceiptView>()({ access: STAFF_ACCOUNTS, input: z.object({ receiptId: id }) }),
  'stock.receiptList': op<StockReceiptSummary[]>()({
    access: STAFF_ACCOUNTS,
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
  }),

  /** Damaged, expired or lost goods go out; found goods come in; 'other' needs a note. */
  'stock.adjust': op<AdjustmentView>()({
    access: STAFF_ACCOUNTS,
    writes: true,
    input: z.object({
      requestId,
      goodsId: id,
      quantity: z
        .number()
        .int()
        .min(-STOCK_LIMITS.maxQuantity)
        .max(STOCK_LIMITS.maxQuantity)
        .refine((n) => n !== 0, 'quantity must not be 0'),
      reason: z.enum(['damaged', 'expired', 'lost', 'found', 'other']),
      note,
    }),
  }),

  'stock.countSheet': op<CountSheet>()({ access: STAFF_ACCOUNTS, input: z.object({ includeRetired: z.boolean().default(false) }) }),
  /** Posts counted quantities: every difference becomes a stocktake movement, in one step. */
  'stock.stocktake': op<StocktakeView>()({
    access: STAFF_ACCOUNTS,
    writes: true,
    input: z.object({
      requestId,
      basedOnMovementId: z.number().int().min(0),
      note,
      counts: z
        .array(z.object({ goodsId: id, counted: z.number().int().min(0).max(STOCK_LIMITS.maxQuantity) }))
        .min(1)
        .max(STOCK_LIMITS.maxCountLines),
    }),
  }),
  'stock.stocktakeGet': op<StocktakeView>()({ access: STAFF_ACCOUNTS, input: z.object({ stocktakeId: id }) }),
  'stock.stocktakeList': op<StocktakeSummary[]>()({
    access: STAFF_ACCOUNTS,
    input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }),
  }),

  'stock.report': op<StockReport>()({ access: STAFF_ACCOUNTS, input: z.object({ includeRetired: z.boolean().default(false) }) }),
  /** For the keeper's counter too: what is running out. Read-only, no prices. */
  'stock.lowList': op<LowStockItem[]>()({ access: ALL, input: z.object({}) }),

  'stock.importPreview': op<ImportPreview>()({ access: STAFF_ACCOUNTS, input: z.object(importFile) }),
  /** Re-validates the same file and imports every row, or nothing. */
  'stock.importGoods': op<ImportResult>()({ access: STAFF_ACCOUNTS, writes: true, input: z.object(importFile) }),
  'stock.importTemplate': op<ImportTemplate>()({ access: STAFF_ACCOUNTS, input: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }) }),
};
