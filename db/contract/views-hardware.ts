/** What the counter's hardware screens see: the card reader's state and the displays. */
import type { ErrorBody } from './errors.js';
import type { HonourBoard } from './views-points.js';

/** Which card reader the counter uses: today's keyboard-typing kind, or a maker's library. */
export type ReaderProfile = 'keyboard' | 'cvr' | 'sdtapi';

export interface ReaderSettingsView {
  profile: ReaderProfile;
  /** Full path of the maker's library (termb.dll, libtermb.so, sdtapi.dll …); '' for keyboard. */
  libraryPath: string;
  /** The reader's port as the maker numbers it (CVR: 1001 for the first USB reader). */
  port: number;
}

/**
 * The header's reader chip. 'keyboard': nothing to show (the reader types into the scan
 * box). 'disconnected' 未连接 with the reason in `error`; 'waiting' 请放卡; 'read' 已读卡.
 * `ticket` is a one-time reference to the card just read: the counter hands it to
 * counter.lookup, which resolves it in the core, so the ID number never reaches the page.
 */
export interface ReaderStatusView {
  state: 'keyboard' | 'disconnected' | 'waiting' | 'read';
  /** Why the reader is 未连接 (a missing library, no reader on the port…). */
  error: ErrorBody | null;
  ticket: string | null;
}

export interface DisplayLine {
  name: string;
  unit: string;
  unitPoints: number;
  quantity: number;
  linePoints: number;
}

/** The customer display: between customers, during a sale, and just after one. */
export type CustomerDisplayView =
  | { kind: 'idle'; storeName: string; villageName: string }
  | {
      kind: 'sale' | 'done';
      storeName: string;
      villageName: string;
      /** The head's name masked (张*): the villager sees it is theirs, the queue learns nothing. */
      householdName: string;
      passbookName: string;
      balance: number;
      lines: DisplayLine[];
      total: number;
      balanceAfter: number;
    };

export interface DisplayCredentialView {
  token: string;
  kind: 'customer' | 'board';
}

/** A notice in publicity (公示) as a public display shows it. */
export interface PublicNoticeView {
  title: string;
  from: string;
  until: string;
  rows: { groupName: string; headName: string; ruleTitle: string; points: number }[];
}

export interface PublicBoardView {
  board: HonourBoard;
  notices: PublicNoticeView[];
}
