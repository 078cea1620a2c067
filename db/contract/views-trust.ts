/** Result shapes of the trust area: operators, audit log, integrity, backups. */
import type { Role } from './define.js';

export interface OperatorAdminView {
  id: number;
  name: string;
  role: Role;
  active: boolean;
  /** Set while locked out after too many wrong PINs. */
  lockedUntil: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface AuditEntryView {
  id: number;
  createdAt: string;
  operatorId: number | null;
  operatorName: string | null;
  action: string;
  /** The action in words (Chinese, English). */
  label: { zh: string; en: string };
  target: string | null;
  /** JSON text as written; never an ID number or a PIN. */
  detail: string | null;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** How many rows match the filter in all. */
  total: number;
}

/** A file the renderer offers for download (both hosts: no file dialog needed). */
export interface DownloadFile {
  fileName: string;
  mimeType: string;
  /** The file's bytes as base64. */
  base64: string;
}

export interface IntegrityProblem {
  table: string;
  rowId: string;
  problem: string;
  /** The same in Chinese, for the screen: 台账 #12：该行写入后被改动（哈希不符）. */
  message: string;
}

export interface IntegrityReport {
  ok: boolean;
  mode: 'fast' | 'full';
  checkedAt: string;
  ms: number;
  problems: IntegrityProblem[];
  /** Rows and caches looked at, by kind. */
  checked: Record<string, number>;
}

export interface IntegrityStatus {
  /** The check made when this app opened the database; null before it ran. */
  startup: IntegrityReport | null;
  /** The most recent full verify in this run of the app. */
  lastFull: IntegrityReport | null;
  /** The full verify a host starts on a worker thread right after start-up; null when none was started. */
  background?: BackgroundVerifyStatus | null;
  /** Set while the counter and every write are refused because a check failed. */
  alarm?: IntegrityAlarm | null;
}

/** The full verify run off the main thread after start-up (issue 12; docs/trust.md). */
export interface BackgroundVerifyStatus {
  state: 'running' | 'passed' | 'failed' | 'cancelled';
  startedAt: string;
  finishedAt: string | null;
  /** Where it ran: a worker thread, or this thread when no worker could start. */
  ranOn: 'worker' | 'main' | null;
  report: IntegrityReport | null;
  /** The last ledger and audit rows the verify's snapshot held: later writes were not in it. */
  coveredThrough: { ledgerId: number; auditId: number } | null;
}

/** Why writing is refused: the check that failed, and its problems (the same as `verify` prints). */
export interface IntegrityAlarm {
  since: string;
  source: 'startup' | 'background' | 'verify' | 'restore';
  /** The refusal every write gets (Chinese): names the first problem's table and row. */
  message: string;
  report: IntegrityReport;
}

export interface BackupConfig {
  /** Absolute folder path (a USB stick, say); null until the administrator picks one. */
  folder: string | null;
  keepDaily: number;
  keepMonthly: number;
  /** Back up by itself once a day and after each day close. */
  auto: boolean;
}

export type BackupReason = 'manual' | 'daily' | 'day-close' | 'before-restore';

export interface BackupOutcome {
  ok: boolean;
  reason: BackupReason;
  at: string;
  file: string | null;
  bytes: number;
  ms: number;
  /** Chinese message when it failed. */
  error: string | null;
}

export interface BackupFileView {
  name: string;
  path: string;
  bytes: number;
  modifiedAt: string;
}

export interface BackupStatus {
  config: BackupConfig;
  running: boolean;
  last: BackupOutcome | null;
  files: BackupFileView[];
  /** Problems reading the folder (unplugged stick): Chinese text, or null. */
  folderProblem: string | null;
}

export interface BackupPreview {
  file: string;
  bytes: number;
  schemaVersion: number;
  villageName: string;
  storeName: string;
  counts: { households: number; members: number; operators: number; goods: number; ledgerRows: number; redemptions: number; auditRows: number };
  firstBusinessDate: string | null;
  lastBusinessDate: string | null;
  lastActivityAt: string | null;
  verified: { ok: boolean; problems: IntegrityProblem[] };
  /** False when the backup was made with another installation key (the ID hashes need it). */
  sameKey: boolean | null;
}

export interface RestoreOutcome {
  ok: boolean;
  at: string;
  file: string;
  /** The automatic copy of the data as it was just before the restore. */
  safetyCopy: string | null;
  error: string | null;
}

export interface RestoreStatus {
  running: boolean;
  last: RestoreOutcome | null;
}

/** One witness code from paper, checked against the books (issue 12; docs/trust.md). */
export interface WitnessCheckView {
  /** The code as typed. */
  code: string;
  outcome: 'held' | 'rewritten' | 'cut' | 'malformed';
  /** The ledger row the code names (absent when malformed). */
  ledgerId?: number;
  /** For `cut`: the books now end at this row (0 when the ledger is empty). */
  lastId?: number;
  message: { zh: string; en: string };
}
