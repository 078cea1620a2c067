/** What the store's hub screens and CLI see (db/reporting/). */
export interface HubRegistrationView {
  villageCode: string;
  villageName: string;
  townshipName: string;
  publicKey: string;
  fingerprint: string;
  registeredAt: string;
  registeredBy: string;
}

export interface HubStatusView {
  registration: HubRegistrationView | null;
  address: string | null;
  lastReportedDay: string | null;
  /** Reports built and carried by no road yet. */
  waiting: number;
  lastBuiltDay: string | null;
  push: { running: boolean; lastAttemptAt: string | null; lastSuccessAt: string | null; lastError: string | null } | null;
}

export interface HubRegisterView {
  registration: HubRegistrationView;
  /** The registration file's text, for the township. */
  file: string;
}

export interface CatchUpView {
  closed: string[];
  alreadyClosed: number;
}

/** What `hub.exportReports` wrote into the folder, and the reporting state after. */
export interface HubExportView {
  written: string[];
  lastReportedDay: string | null;
  waiting: number;
  lastBuiltDay: string | null;
}
