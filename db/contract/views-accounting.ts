/**
 * Shapes of the accountant's area: the day close (日结) with its reconciliation, exports
 * and statistics. Plain data, safe to send over IPC or HTTP.
 */
import type { LedgerKind } from './views.js';

/** One line of the reconciliation checklist; `problems` says exactly what is wrong. */
export interface ReconcileCheck {
  key: 'ledgerChain' | 'balances' | 'stock' | 'redemptions' | 'voids' | 'receiptNumbers' | 'auditChain';
  ok: boolean;
  /** What was checked, e.g. "12 行台账，8 个账户". */
  checked: string;
  problems: string[];
}

export interface ReconcileReport {
  ok: boolean;
  checks: ReconcileCheck[];
}

export interface DaySummary {
  businessDate: string;
  /** When this summary was computed (UTC instant). */
  generatedAt: string;
  timeZone: string;
  redemptions: {
    count: number;
    points: number;
    /** Of the receipts dated this day, those voided (on this day or later). */
    voidedCount: number;
    voidedPoints: number;
    byPassbook: { passbookId: number; name: string; count: number; points: number }[];
  };
  /** Voids dated this day. */
  voids: { receiptNo: string; points: number; reason: string; operatorName: string; approvedByName: string; createdAt: string }[];
  /** Goods out over the counter (redemption movements) less goods returned by voids. */
  goodsOut: { goodsId: number; name: string; unit: string; out: number; returned: number; net: number; points: number }[];
  /** Stock received: purchases, donations and opening stock, by good and kind. */
  stockIn: { goodsId: number; name: string; unit: string; kind: 'purchase' | 'donation' | 'opening'; quantity: number; valueFen: number }[];
  /** Adjustments and stocktakes, row by row, with their reason. */
  adjustments: { goodsId: number; name: string; unit: string; kind: 'adjustment' | 'stocktake'; quantity: number; note: string | null; operatorName: string }[];
  points: {
    byKind: { kind: LedgerKind; count: number; points: number }[];
    /** Sum of positive ledger rows (awards, voids giving points back, openings…). */
    posted: number;
    /** Sum of negative ledger rows as a positive number (redemptions, deductions…). */
    deducted: number;
    net: number;
    rows: number;
  };
  perKeeper: { operatorId: number; name: string; redemptions: number; points: number; voids: number; voidedPoints: number }[];
  receipts: { first: string | null; last: string | null; count: number };
  reconciliation: ReconcileReport;
  /** SHA-256 over the day's rows (ledger, stock, receipts, voids): proves later that the day is unchanged. */
  digest: string;
}

export interface DayCloseRecord {
  id: number;
  action: 'close' | 'reopen';
  operatorName: string;
  createdAt: string;
  reason: string | null;
  /** Hex SHA-256 of the stored summary, chained to the previous close. */
  summaryHash: string | null;
}

export interface DayStatusView {
  businessDate: string;
  closed: boolean;
  /** Today in the store's time zone, for the date picker. */
  today: string;
  history: DayCloseRecord[];
  /** The summary stored when the day was last closed, or a live one while it is open. */
  summary: DaySummary;
  /** For a closed day: do the day's rows still match the digest stored at close? */
  unchanged: boolean | null;
  /** The books' witness code (the ledger head) as the day-close slip prints it; null for empty books. */
  witness: string | null;
}

export interface DayListItem {
  businessDate: string;
  closed: boolean;
  redemptions: number;
  ledgerRows: number;
}

export type ExportKind = 'ledger' | 'redemptions' | 'stock' | 'balances' | 'stats';
export type ExportFormat = 'xlsx' | 'csv';

export interface ExportJobView {
  id: string;
  kind: ExportKind;
  format: ExportFormat;
  from: string;
  to: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  rows: number;
  totalRows: number;
  /** The name the downloaded file gets, e.g. 积分台账_2026-11-01_2026-11-30.xlsx. */
  fileName: string;
  bytes: number | null;
  /** SHA-256 of the finished file (also in the audit log), so a handed-over file can be matched. */
  sha256: string | null;
  /** GET this path to download the finished file (same session only). */
  downloadPath: string | null;
  error: string | null;
  startedAt: string;
}

export interface CategoryPoints {
  category: string;
  points: number;
  count: number;
}

export interface StatsView {
  from: string;
  to: string;
  pointValueFen: number;
  earnedByCategory: CategoryPoints[];
  deductedByCategory: CategoryPoints[];
  byMonth: { month: string; earned: number; deducted: number; redeemed: number }[];
  redeemed: { points: number; receipts: number; voidedPoints: number };
  outstanding: { points: number; valueFen: number; accounts: number };
  /** Every good redeemed in the range (voided receipts left out), most taken first. */
  goods: { goodsId: number; name: string; unit: string; quantity: number; points: number }[];
  stock: { valueFen: number; quantity: number; byCategory: { category: string; valueFen: number; quantity: number }[] };
  /** How many active households never redeemed, and the spendable points they hold; the list pages through `stats.neverRedeemed`. */
  neverRedeemed: { count: number; balance: number };
}

/** A page of the households that never redeemed; `total` and `balance` are over all of them. */
export interface NeverRedeemedPage {
  total: number;
  balance: number;
  offset: number;
  rows: { number: string; headName: string; groupName: string; balance: number }[];
}
