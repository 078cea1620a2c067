/** The shapes the stock area returns to the UI. Money is in fen (integers), points are integers. */
import type { ErrorCode, ErrorParams } from './errors.js';

export type MovementKind = 'opening' | 'purchase' | 'donation' | 'redemption' | 'void' | 'adjustment' | 'stocktake';
export type AdjustmentReason = 'damaged' | 'expired' | 'lost' | 'found' | 'other';
export type ReceiptSource = 'purchase' | 'donation';

/** One good as the catalogue screen shows it (active and retired). */
export interface GoodsAdminItem {
  id: number;
  name: string;
  category: string;
  unit: string;
  pointsPrice: number;
  /** Reference value of one unit in yuan, in fen. */
  valueFen: number;
  lowStock: number;
  stock: number;
  active: boolean;
  barcodes: string[];
  /** True once any movement or receipt line names it: it can then only be retired. */
  used: boolean;
}

export interface PriceHistoryEntry {
  pointsPrice: number;
  valueFen: number;
  effectiveAt: string;
  operatorName: string | null;
  note: string | null;
}

export interface GoodsDetail extends GoodsAdminItem {
  createdAt: string;
  prices: PriceHistoryEntry[];
}

export interface MovementView {
  id: number;
  kind: MovementKind;
  quantity: number;
  stockAfter: number;
  businessDate: string;
  createdAt: string;
  operatorName: string;
  /** What caused it, readable: a receipt number, a redemption receipt number, a stocktake number. */
  reference: string | null;
  refType: string | null;
  refId: number | null;
  /** The adjustment reason, when kind is 'adjustment'. */
  reason: AdjustmentReason | null;
  note: string | null;
  /** Who the goods came from, when a stock receipt line caused the movement (bought / donated). */
  supplier: string | null;
  donor: string | null;
}

export interface MovementHistory {
  goods: GoodsAdminItem;
  movements: MovementView[];
  /** Sum of every movement: equals goods.stock (shown so the screen can prove it). */
  total: number;
  /** How many movements the good has in all; `movements` holds the latest ones (up to the limit asked). */
  count: number;
}

export interface StockReceiptLineView {
  lineNo: number;
  goodsId: number;
  name: string;
  unit: string;
  quantity: number;
  source: ReceiptSource;
  costFen: number | null;
  supplier: string | null;
  donor: string | null;
}

export interface StockReceiptView {
  id: number;
  receiptNo: string;
  createdAt: string;
  businessDate: string;
  operatorName: string;
  note: string | null;
  lines: StockReceiptLineView[];
  totalQuantity: number;
  totalCostFen: number;
}

export interface StockReceiptSummary {
  id: number;
  receiptNo: string;
  createdAt: string;
  operatorName: string;
  lineCount: number;
  totalQuantity: number;
  totalCostFen: number;
  donors: string[];
  suppliers: string[];
}

export interface AdjustmentView {
  id: number;
  /** Document number, TZ + business date + sequence (TZ20261203-01), as RK… for receipts. */
  adjustmentNo: string;
  goodsId: number;
  name: string;
  quantity: number;
  reason: AdjustmentReason;
  note: string | null;
  stockAfter: number;
  createdAt: string;
  operatorName: string;
}

export interface CountSheetLine {
  goodsId: number;
  name: string;
  category: string;
  unit: string;
  barcodes: string[];
  bookQty: number;
  active: boolean;
}

/** A count sheet (盘点表): the book quantities as of one movement id. */
export interface CountSheet {
  asOf: string;
  basedOnMovementId: number;
  lines: CountSheetLine[];
}

export interface StocktakeLineView {
  goodsId: number;
  name: string;
  unit: string;
  bookQty: number;
  countedQty: number;
  difference: number;
  pointsPrice: number;
  valueFen: number;
}

export interface StocktakeView {
  id: number;
  stocktakeNo: string;
  createdAt: string;
  businessDate: string;
  operatorName: string;
  note: string | null;
  lines: StocktakeLineView[];
  /** Goods counted, and those whose count differed from the book. */
  countedGoods: number;
  differingGoods: number;
  differencePoints: number;
  differenceFen: number;
}

export interface StocktakeSummary {
  id: number;
  stocktakeNo: string;
  createdAt: string;
  operatorName: string;
  countedGoods: number;
  differingGoods: number;
  differencePoints: number;
}

export interface StockReportLine {
  goodsId: number;
  name: string;
  category: string;
  unit: string;
  stock: number;
  lowStock: number;
  pointsPrice: number;
  valueFen: number;
  stockPoints: number;
  stockFen: number;
  active: boolean;
  low: boolean;
}

export interface StockReport {
  asOf: string;
  lines: StockReportLine[];
  totals: { goods: number; units: number; points: number; fen: number };
  byCategory: { category: string; units: number; points: number; fen: number }[];
  /** The settings' rate, for showing points in yuan: fen per point. */
  pointValueFen: number;
}

export interface LowStockItem {
  goodsId: number;
  name: string;
  unit: string;
  stock: number;
  lowStock: number;
}

/** One refusal for one row of an import file, shown as "第 N 行：…". */
export interface ImportRowIssue {
  code: ErrorCode;
  params: ErrorParams;
}

export interface ImportRowPreview {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  rowNo: number;
  name: string;
  category: string;
  unit: string;
  pointsPrice: number | null;
  valueFen: number | null;
  barcodes: string[];
  lowStock: number | null;
  openingStock: number | null;
  issues: ImportRowIssue[];
}

export interface ImportPreview {
  fileName: string;
  /** Problems with the file as a whole (unreadable, missing columns, no rows). */
  fileIssues: ImportRowIssue[];
  rows: ImportRowPreview[];
  validRows: number;
  badRows: number;
  /** True when every row is valid and there is at least one: the import may be confirmed. */
  ok: boolean;
}

export interface ImportResult {
  imported: number;
  goodsIds: number[];
  openingUnits: number;
}

export interface ImportTemplate {
  fileName: string;
  mimeType: string;
  base64: string;
}
