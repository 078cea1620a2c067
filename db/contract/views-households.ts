/** Result shapes of the households area (roster, members, cards, import). */

export interface GroupView {
  id: number;
  name: string;
  households: number;
}

export interface HouseholdRow {
  id: number;
  number: string;
  headName: string;
  groupId: number;
  groupName: string;
  status: 'active' | 'moved';
  members: number;
  /** Sum of spendable balances over every passbook. */
  balance: number;
  honourTotal: number;
  cardVersion: number;
}

export interface HouseholdPage {
  total: number;
  rows: HouseholdRow[];
}

/** Everything the edit form needs; ID numbers only ever masked. */
export interface HouseholdDetail {
  id: number;
  number: string;
  groupId: number;
  groupName: string;
  address: string | null;
  /** Shown in full to the committee, who typed it; never printed on public papers. */
  phone: string | null;
  status: 'active' | 'moved';
  cardVersion: number;
  members: { id: number; name: string; relation: string; isHead: boolean; idMasked: string | null }[];
  accounts: { passbookId: number; passbookName: string; balance: number; honourTotal: number }[];
}

export interface CardIssued {
  householdId: number;
  number: string;
  cardVersion: number;
  /** The signed QR payload for the new card; the old card's code is refused from now on. */
  cardCode: string;
}

export type RosterRowStatus = 'ok' | 'error';

export interface RosterPreviewRow {
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  number: string;
  groupName: string;
  name: string;
  relation: string;
  idMasked: string | null;
  openingPoints: number;
  /** The opening points also count as honour (the import's 期初计入荣誉 column says 是). */
  openingHonour: boolean;
  status: RosterRowStatus;
  /** Chinese messages, one per problem. */
  problems: string[];
}

export interface RosterPreview {
  rows: RosterPreviewRow[];
  households: number;
  members: number;
  errors: number;
  /** Groups that do not exist yet and will be created. */
  newGroups: string[];
}

export interface RosterImported {
  households: number;
  members: number;
  openingPoints: number;
}

export interface RosterTemplateFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

export interface TransferDone {
  id: number;
  points: number;
  honour: number;
}
