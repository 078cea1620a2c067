/** The shapes the core returns to the UI. Plain data, safe to send over IPC or HTTP. */
import type { Fen } from '../domain/amounts.js';
import type { Role } from './define.js';

/**
 * A list that may be longer than one answer: the rows from `offset`, and how many there
 * are in all, so no screen ever shows a cut list without saying so (issue 15).
 */
export interface Page<T> {
  rows: T[];
  total: number;
  offset: number;
}

export interface OperatorView {
  id: number;
  name: string;
  role: Role;
}

/** A tile on the login screen: a locked operator's tile says so (and an administrator can unlock). */
export interface LoginTileView extends OperatorView {
  /** When the lockout after wrong PINs ends, or null when not locked. */
  lockedUntil: string | null;
  /** The same as HH:MM in the store's time zone (the login screen has no settings yet). */
  lockedUntilTime: string | null;
}

export interface SessionView {
  token: string;
  operator: OperatorView;
  /** Seconds of inactivity after which the counter locks itself. */
  idleLockSeconds: number;
}

export interface SetupStatus {
  initialized: boolean;
  households: number;
  villageName: string;
  storeName: string;
}

export interface MemberView {
  id: number;
  name: string;
  relation: string;
  isHead: boolean;
  /** 110105********002X, or null when no ID number is registered. */
  idMasked: string | null;
}

export interface AccountView {
  passbookId: number;
  passbookName: string;
  spendable: boolean;
  isDefault: boolean;
  balance: number;
  /** Cumulative points earned; spending never lowers it. */
  honourTotal: number;
}

export interface LedgerEntryView {
  id: number;
  passbookName: string;
  kind: LedgerKind;
  amount: number;
  balanceAfter: number;
  businessDate: string;
  createdAt: string;
  operatorName: string;
  note: string | null;
}

export type LedgerKind = 'opening' | 'award' | 'deduction' | 'redemption' | 'void' | 'clearing' | 'correction' | 'transfer';

export interface HouseholdSummary {
  id: number;
  number: string;
  headName: string;
  groupName: string;
  /** The member whose name or ID number matched, when it is not the head. */
  matchedMember: string | null;
  /** The member the lookup found (head included): the one collecting, unless the keeper picks another. */
  matchedMemberId: number | null;
  /** How that member was found; null when the household was opened by number, card or from a list. */
  matchedBy: 'name' | 'id' | null;
  status: 'active' | 'moved';
}

export interface HouseholdView extends HouseholdSummary {
  phoneMasked: string | null;
  address: string | null;
  cardVersion: number;
  members: MemberView[];
  accounts: AccountView[];
  recentEntries: LedgerEntryView[];
}

export interface GoodsItem {
  id: number;
  name: string;
  category: string;
  unit: string;
  pointsPrice: number;
  stock: number;
  lowStock: number;
  barcodes: string[];
  /** Pinyin initials, lower case, for instant filtering in the grid. */
  initials: string;
}

export interface GoodsCatalog {
  categories: string[];
  goods: GoodsItem[];
}

export type LookupResult =
  | { kind: 'household'; household: HouseholdView; via: 'id' | 'qr' | 'number' | 'name' }
  | { kind: 'matches'; matches: HouseholdSummary[] }
  | { kind: 'goods'; goods: GoodsItem }
  | { kind: 'none'; query: string };

export interface ReceiptLineView {
  goodsId: number;
  name: string;
  unit: string;
  unitPoints: number;
  quantity: number;
  linePoints: number;
}

export interface ReceiptView {
  id: number;
  receiptNo: string;
  createdAt: string;
  businessDate: string;
  keeper: OperatorView;
  household: { id: number; number: string; headName: string; groupName: string };
  memberName: string | null;
  passbook: { id: number; name: string };
  lines: ReceiptLineView[];
  total: number;
  balanceBefore: number;
  balanceAfter: number;
  /** The books fingerprint at this sale: its ledger row and that row's keyed hash (db/books/witness.ts). */
  witness?: string | null;
  void: null | {
    reason: string;
    createdAt: string;
    operatorName: string;
    approvedByName: string;
  };
}

export interface ReceiptSummary {
  id: number;
  receiptNo: string;
  createdAt: string;
  householdNumber: string;
  headName: string;
  total: number;
  keeperName: string;
  voided: boolean;
}

export interface Settings {
  villageName: string;
  storeName: string;
  receiptFooter: string;
  idleLockSeconds: number;
  /** Yuan value of one point, in fen (1 point = 1 yuan is 100). */
  pointValueFen: Fen;
  /** Exported files in the data folder older than this many days are removed. */
  exportsKeepDays: number;
  timeZone: string;
}
