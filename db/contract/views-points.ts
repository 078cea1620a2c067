/** Result shapes of the points area: rule book, entries, review, notices, honours. */

export type Direction = 'award' | 'deduction';
export type CapPeriod = 'month' | 'year';
export type EntryStatus = 'pending' | 'approved' | 'rejected' | 'published' | 'cancelled' | 'posted';

export interface PassbookView {
  id: number;
  code: string;
  name: string;
  isDefault: boolean;
  spendable: boolean;
  /** Month-day of the yearly clearing ('12-31'), or null when it never clears. */
  clearOn: string | null;
}

export interface RuleItemView {
  id: number;
  bookId: number;
  code: string;
  category: string;
  title: string;
  description: string;
  direction: Direction;
  minPoints: number;
  maxPoints: number;
  capPeriod: CapPeriod | null;
  capPoints: number | null;
  selfClaim: boolean;
  passbookId: number;
  passbookName: string;
  validFrom: string | null;
  validTo: string | null;
  sort: number;
}

export interface AdoptionView {
  effectiveFrom: string;
  meetingDate: string;
  meetingBody: string;
  resolution: string;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  adoptedByName: string;
  createdAt: string;
}

export interface RuleBookSummary {
  id: number;
  version: number;
  title: string;
  status: 'draft' | 'adopted';
  /** True for the adopted version in force today. */
  inForce: boolean;
  /** Last day this version governs (the day before its successor takes over), if any. */
  supersededAfter: string | null;
  adoption: AdoptionView | null;
  itemCount: number;
  createdAt: string;
  createdByName: string;
}

export interface RuleBookView extends RuleBookSummary {
  basedOnVersion: number | null;
  items: RuleItemView[];
}

export interface EntryView {
  id: number;
  householdId: number;
  householdNumber: string;
  headName: string;
  groupName: string;
  ruleItemId: number;
  ruleCode: string;
  ruleCategory: string;
  ruleTitle: string;
  /** The rule's text as it stood when the entry was made. */
  ruleText: string;
  ruleBookVersion: number;
  /** The rule item's own range, so a box for a new value can carry the same limits the core checks. */
  ruleMinPoints: number;
  ruleMaxPoints: number;
  direction: Direction;
  points: number;
  passbookName: string;
  eventDate: string;
  evidence: string;
  status: EntryStatus;
  recordedByName: string;
  createdAt: string;
  review: { decision: 'approved' | 'rejected'; reason: string | null; reviewedByName: string; createdAt: string } | null;
  noticeId: number | null;
  replacesId: number | null;
  posting: { postedPoints: number; undeductedPoints: number } | null;
  openObjections: number;
  /** The evidence photo taken with a claim, if any (fetched with points.entryPhoto). */
  photo: { mime: string; size: number } | null;
}

/** An entry's evidence photo, for the reviewer's screen. */
export interface EntryPhotoView {
  entryId: number;
  mime: 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
  fileName: string | null;
  base64: string;
}

export interface EntriesCreated {
  batchId: number;
  entries: EntryView[];
}

export interface ReviewDone {
  approved: number;
  rejected: number;
}

export interface ObjectionView {
  id: number;
  entryId: number;
  raisedBy: string;
  content: string;
  recordedByName: string;
  createdAt: string;
  resolution: {
    outcome: 'upheld' | 'dismissed';
    reason: string;
    resolvedByName: string;
    createdAt: string;
    replacementEntryId: number | null;
  } | null;
}

export type NoticeState = 'open' | 'ended' | 'posted';

export interface NoticeSummary {
  id: number;
  title: string;
  periodStart: string;
  periodEnd: string;
  hideDeductionNames: boolean;
  state: NoticeState;
  entries: number;
  awardPoints: number;
  deductionPoints: number;
  openObjections: number;
  createdByName: string;
  createdAt: string;
}

export interface NoticePostingView {
  postedByName: string;
  businessDate: string;
  createdAt: string;
  entries: number;
  pointsAwarded: number;
  pointsDeducted: number;
  pointsUndeducted: number;
}

export interface NoticeView extends NoticeSummary {
  /** Entries grouped by village group, in group order. */
  groups: { groupName: string; entries: EntryView[] }[];
  objections: ObjectionView[];
  posting: NoticePostingView | null;
  villageName: string;
}

export interface ObjectionResolved {
  objection: ObjectionView;
  replacement: EntryView | null;
}

export interface ClearingPreview {
  passbookId: number;
  passbookName: string;
  clearDate: string;
  alreadyRun: boolean;
  /** Households that lose points: the balance now, what the clearing takes, what remains. */
  households: { householdId: number; number: string; headName: string; groupName: string; balanceNow: number; toClear: number; remains: number }[];
  totalPoints: number;
  villageName: string;
  /** The business date of the preview: the notice's figures are as of this day. */
  today: string;
}

/** What one clearing took, household by household: the list posted after it ran. */
export interface ClearedList {
  villageName: string;
  passbookName: string;
  clearDate: string;
  /** The business date it ran on (late runs are visible). */
  ranOn: string;
  runBy: string;
  households: { number: string; headName: string; groupName: string; cleared: number; remains: number }[];
  totalPoints: number;
}

/** The counter's warning: this passbook clears on `clearDate`, `daysLeft` from today. */
export interface ClearingSoon {
  passbookId: number;
  passbookName: string;
  clearDate: string;
  daysLeft: number;
  /** What would clear if nothing is spent before then (the balance now). */
  points: number;
}

export interface ClearingDone {
  id: number;
  passbookId: number;
  clearDate: string;
  households: number;
  points: number;
  /** False when this clearing had already been run: nothing was done again. */
  ranNow: boolean;
}

export interface StarTier {
  stars: number;
  name: string;
  minHonour: number;
}

export interface HonourRow {
  householdId: number;
  number: string;
  headName: string;
  groupName: string;
  points: number;
  honourTotal: number;
  stars: number;
}

export interface HonourBoard {
  villageName: string;
  from: string;
  to: string;
  tiers: StarTier[];
  /** 红榜: the top households of each group by points earned in the period. */
  groups: { groupName: string; top: HonourRow[] }[];
  /** Star households by tier, highest first (honour total, all time). */
  stars: { tier: StarTier; households: HonourRow[]; /** households at this tier in all (the list may hold fewer, highest first) */ count: number }[];
  /** Deductions in the period, by group and rule, without names (the latest 200). */
  deductions: { date: string; groupName: string; ruleTitle: string; points: number }[];
  /** Every deduction in the period, however many the list shows. */
  deductionTotals: { count: number; points: number };
}

export interface StatementLine {
  ledgerId: number;
  businessDate: string;
  createdAt: string;
  passbookName: string;
  kind: string;
  /** What the line was for: the rule title, a receipt number, a clearing… */
  description: string;
  ruleText: string | null;
  amount: number;
  balanceAfter: number;
  operatorName: string;
  reviewedByName: string | null;
  noticeTitle: string | null;
  /** For a deduction that met a low balance: the part that could not be taken. */
  undeducted: number;
}

export interface HouseholdStatement {
  villageName: string;
  household: { id: number; number: string; headName: string; groupName: string; members: string[] };
  from: string | null;
  to: string | null;
  passbooks: { passbookId: number; passbookName: string; openingBalance: number; closingBalance: number; honourTotal: number; lines: StatementLine[] }[];
  printedAt: string;
}

export interface PointsSettings {
  noticeDays: number;
  hideDeductionNames: boolean;
  tiers: StarTier[];
}
