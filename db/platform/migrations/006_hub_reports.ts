/**
 * 006: day reports for the township hub (db/reporting/). Each closed day's report is
 * built once, signed, and kept exactly as sent, so that exporting it again gives the
 * same bytes (the hub treats different bytes under one report id as a rewritten history).
 * A re-closed day gets a new version; the old row stays. Deliveries record which road
 * (a file on a USB stick, or an HTTP push) has carried which report.
 */
export const sql = `
CREATE TABLE hub_reports (
  id            INTEGER PRIMARY KEY,
  business_date TEXT NOT NULL,
  version       INTEGER NOT NULL CHECK (version >= 1),
  close_id      INTEGER NOT NULL UNIQUE REFERENCES day_closes(id),
  report_id     TEXT NOT NULL UNIQUE,
  before_heads  TEXT NOT NULL,
  after_heads   TEXT NOT NULL,
  file          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (business_date, version)
) STRICT;
CREATE TRIGGER hub_reports_no_update BEFORE UPDATE ON hub_reports
BEGIN SELECT RAISE(ABORT, 'hub_reports is append-only'); END;
CREATE TRIGGER hub_reports_no_delete BEFORE DELETE ON hub_reports
BEGIN SELECT RAISE(ABORT, 'hub_reports is append-only'); END;

CREATE TABLE hub_deliveries (
  report_id    INTEGER NOT NULL REFERENCES hub_reports(id),
  road         TEXT NOT NULL CHECK (road IN ('file', 'push')),
  delivered_at TEXT NOT NULL,
  PRIMARY KEY (report_id, road)
) STRICT, WITHOUT ROWID;
`;
