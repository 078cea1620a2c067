/**
 * 002: the print queue. One row per thing to print; a receipt waits here until the printer
 * has confirmed it, so a printer that is off never loses a receipt, and the partial UNIQUE
 * index makes "the receipt of redemption N" and "the void slip of redemption N" exist at
 * most once, so they never print twice unless a reprint is asked for (its own row).
 *
 * Not an append-only ledger: status, attempts and errors are updated in place. Rows are
 * never deleted (the triggers refuse it): the table is the record of what was printed.
 *
 * ref_id: the redemption for redemption/void/reprint, the household for card, NULL for
 * test/slip. payload: JSON of what the document is built from when it cannot be rebuilt
 * from the redemption (card, test, slip). title: for job lists.
 */
export const sql = `
CREATE TABLE print_jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('redemption', 'void', 'reprint', 'card', 'test', 'slip')),
  ref_id      INTEGER,
  payload     TEXT,
  title       TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'printing', 'done', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  printed_at  TEXT,
  operator_id INTEGER REFERENCES operators(id),
  CHECK ((kind IN ('redemption', 'void', 'reprint', 'card')) = (ref_id IS NOT NULL)),
  CHECK ((status = 'done') = (printed_at IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX print_jobs_once ON print_jobs(kind, ref_id) WHERE kind IN ('redemption', 'void');
CREATE INDEX print_jobs_status ON print_jobs(status, id);
CREATE TRIGGER print_jobs_no_delete BEFORE DELETE ON print_jobs
BEGIN SELECT RAISE(ABORT, 'print_jobs are never deleted'); END;
CREATE TRIGGER print_jobs_fixed BEFORE UPDATE OF kind, ref_id, payload, created_at ON print_jobs
BEGIN SELECT RAISE(ABORT, 'a print job''s content is fixed'); END;
`;
