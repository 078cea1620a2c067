/**
 * 004: earning points. The rule book (versions adopted at a meeting, items frozen once
 * adopted), entries with the rule text snapshotted, review by a second person, public
 * notices (公示) with objections, posting to the ledger, yearly clearing.
 *
 * Everything here is append-only except `point_entries.status`, a cache of where an entry
 * stands; a trigger allows only the forward moves of the procedure (pending → approved |
 * rejected, approved → published, published → posted | cancelled), so no path can skip
 * review or publicity. The rows that say who decided what (reviews, objections, their
 * resolutions, postings) are append-only and are the record.
 */
const appendOnly = (table: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
`;

export const sql = `
-- A passbook may clear once a year on a month-day (清零), e.g. '12-31'.
ALTER TABLE passbooks ADD COLUMN clear_on TEXT CHECK (clear_on IS NULL OR clear_on GLOB '[01][0-9]-[0-3][0-9]');

CREATE TABLE rule_books (
  id          INTEGER PRIMARY KEY,
  version     INTEGER NOT NULL UNIQUE CHECK (version >= 1),
  title       TEXT NOT NULL,
  based_on_id INTEGER REFERENCES rule_books(id),
  created_by  INTEGER NOT NULL REFERENCES operators(id),
  created_at  TEXT NOT NULL
) STRICT;
CREATE TRIGGER rule_books_no_delete BEFORE DELETE ON rule_books
BEGIN SELECT RAISE(ABORT, 'rule_books are never deleted'); END;
CREATE TRIGGER rule_books_frozen BEFORE UPDATE ON rule_books
WHEN EXISTS (SELECT 1 FROM rule_book_adoptions WHERE book_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'an adopted rule book is frozen'); END;

-- The meeting that adopted a version. Its existence freezes the book and its items.
CREATE TABLE rule_book_adoptions (
  book_id        INTEGER PRIMARY KEY REFERENCES rule_books(id),
  effective_from TEXT NOT NULL,
  meeting_date   TEXT NOT NULL,
  meeting_body   TEXT NOT NULL,
  resolution     TEXT NOT NULL,
  votes_for      INTEGER CHECK (votes_for >= 0),
  votes_against  INTEGER CHECK (votes_against >= 0),
  votes_abstain  INTEGER CHECK (votes_abstain >= 0),
  adopted_by     INTEGER NOT NULL REFERENCES operators(id),
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX rule_book_adoptions_from ON rule_book_adoptions(effective_from);
${appendOnly('rule_book_adoptions')}

-- Points are magnitudes (> 0); direction gives the sign. min = max is a fixed value.
-- code is stable across versions, so caps count the same item under any version.
CREATE TABLE rule_items (
  id          INTEGER PRIMARY KEY,
  book_id     INTEGER NOT NULL REFERENCES rule_books(id),
  code        TEXT NOT NULL,
  category    TEXT NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  direction   TEXT NOT NULL CHECK (direction IN ('award', 'deduction')),
  min_points  INTEGER NOT NULL CHECK (min_points > 0),
  max_points  INTEGER NOT NULL CHECK (max_points >= min_points),
  cap_period  TEXT CHECK (cap_period IN ('month', 'year')),
  cap_points  INTEGER CHECK (cap_points >= min_points),
  self_claim  INTEGER NOT NULL DEFAULT 0 CHECK (self_claim IN (0, 1)),
  passbook_id INTEGER NOT NULL REFERENCES passbooks(id),
  valid_from  TEXT,
  valid_to    TEXT CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
  sort        INTEGER NOT NULL DEFAULT 0,
  CHECK ((cap_period IS NULL) = (cap_points IS NULL)),
  UNIQUE (book_id, code)
) STRICT;
CREATE TRIGGER rule_items_frozen_insert BEFORE INSERT ON rule_items
WHEN EXISTS (SELECT 1 FROM rule_book_adoptions WHERE book_id = NEW.book_id)
BEGIN SELECT RAISE(ABORT, 'an adopted rule book is frozen'); END;
CREATE TRIGGER rule_items_frozen_update BEFORE UPDATE ON rule_items
WHEN EXISTS (SELECT 1 FROM rule_book_adoptions WHERE book_id = OLD.book_id)
BEGIN SELECT RAISE(ABORT, 'an adopted rule book is frozen'); END;
CREATE TRIGGER rule_items_frozen_delete BEFORE DELETE ON rule_items
WHEN EXISTS (SELECT 1 FROM rule_book_adoptions WHERE book_id = OLD.book_id)
BEGIN SELECT RAISE(ABORT, 'an adopted rule book is frozen'); END;

-- One submission (a single entry or a monthly evaluation sheet), for replay safety.
CREATE TABLE entry_batches (
  id          INTEGER PRIMARY KEY,
  request_id  TEXT NOT NULL UNIQUE,
  source      TEXT NOT NULL CHECK (source IN ('recorded', 'claim', 'import', 'objection')),
  recorded_by INTEGER NOT NULL REFERENCES operators(id),
  created_at  TEXT NOT NULL
) STRICT;
${appendOnly('entry_batches')}

CREATE TABLE point_entries (
  id                INTEGER PRIMARY KEY,
  batch_id          INTEGER NOT NULL REFERENCES entry_batches(id),
  household_id      INTEGER NOT NULL REFERENCES households(id),
  rule_item_id      INTEGER NOT NULL REFERENCES rule_items(id),
  rule_code         TEXT NOT NULL,
  rule_category     TEXT NOT NULL,
  rule_title        TEXT NOT NULL,
  rule_text         TEXT NOT NULL,
  rule_book_version INTEGER NOT NULL,
  direction         TEXT NOT NULL CHECK (direction IN ('award', 'deduction')),
  points            INTEGER NOT NULL CHECK (points > 0),
  passbook_id       INTEGER NOT NULL REFERENCES passbooks(id),
  event_date        TEXT NOT NULL,
  evidence          TEXT NOT NULL,
  replaces_id       INTEGER REFERENCES point_entries(id),
  recorded_by       INTEGER NOT NULL REFERENCES operators(id),
  created_at        TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'approved', 'rejected', 'published', 'cancelled', 'posted'))
) STRICT;
CREATE INDEX point_entries_status ON point_entries(status, id);
CREATE INDEX point_entries_household ON point_entries(household_id, rule_code, event_date);
CREATE TRIGGER point_entries_no_delete BEFORE DELETE ON point_entries
BEGIN SELECT RAISE(ABORT, 'point_entries are append-only'); END;
CREATE TRIGGER point_entries_fixed BEFORE UPDATE OF id, batch_id, household_id, rule_item_id, rule_code, rule_category,
  rule_title, rule_text, rule_book_version, direction, points, passbook_id, event_date, evidence, replaces_id,
  recorded_by, created_at ON point_entries
BEGIN SELECT RAISE(ABORT, 'an entry is never edited: record a new one'); END;
CREATE TRIGGER point_entries_forward BEFORE UPDATE OF status ON point_entries
WHEN NOT ((OLD.status = 'pending' AND NEW.status IN ('approved', 'rejected'))
       OR (OLD.status = 'approved' AND NEW.status = 'published')
       OR (OLD.status = 'published' AND NEW.status IN ('posted', 'cancelled')))
BEGIN SELECT RAISE(ABORT, 'an entry moves only forward through review, notice and posting'); END;

CREATE TABLE entry_reviews (
  entry_id    INTEGER PRIMARY KEY REFERENCES point_entries(id),
  decision    TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  reason      TEXT,
  reviewed_by INTEGER NOT NULL REFERENCES operators(id),
  created_at  TEXT NOT NULL,
  CHECK (decision = 'approved' OR reason IS NOT NULL)
) STRICT;
${appendOnly('entry_reviews')}
-- The second pair of eyes, even against a bug in the service.
CREATE TRIGGER entry_reviews_not_self BEFORE INSERT ON entry_reviews
WHEN NEW.reviewed_by = (SELECT recorded_by FROM point_entries WHERE id = NEW.entry_id)
BEGIN SELECT RAISE(ABORT, 'the person who recorded an entry cannot review it'); END;

CREATE TABLE notices (
  id                   INTEGER PRIMARY KEY,
  request_id           TEXT NOT NULL UNIQUE,
  title                TEXT NOT NULL,
  period_start         TEXT NOT NULL,
  period_end           TEXT NOT NULL CHECK (period_end >= period_start),
  hide_deduction_names INTEGER NOT NULL DEFAULT 1 CHECK (hide_deduction_names IN (0, 1)),
  created_by           INTEGER NOT NULL REFERENCES operators(id),
  created_at           TEXT NOT NULL
) STRICT;
${appendOnly('notices')}

CREATE TABLE notice_entries (
  entry_id  INTEGER PRIMARY KEY REFERENCES point_entries(id),
  notice_id INTEGER NOT NULL REFERENCES notices(id)
) STRICT;
CREATE INDEX notice_entries_notice ON notice_entries(notice_id);
${appendOnly('notice_entries')}

CREATE TABLE objections (
  id            INTEGER PRIMARY KEY,
  entry_id      INTEGER NOT NULL REFERENCES point_entries(id),
  raised_by     TEXT NOT NULL,
  content       TEXT NOT NULL,
  recorded_by   INTEGER NOT NULL REFERENCES operators(id),
  business_date TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX objections_entry ON objections(entry_id);
${appendOnly('objections')}

CREATE TABLE objection_resolutions (
  objection_id         INTEGER PRIMARY KEY REFERENCES objections(id),
  outcome              TEXT NOT NULL CHECK (outcome IN ('upheld', 'dismissed')),
  reason               TEXT NOT NULL,
  replacement_entry_id INTEGER REFERENCES point_entries(id),
  resolved_by          INTEGER NOT NULL REFERENCES operators(id),
  created_at           TEXT NOT NULL
) STRICT;
${appendOnly('objection_resolutions')}

-- Posting a notice happens once: this row's PRIMARY KEY is what makes it idempotent.
CREATE TABLE notice_postings (
  notice_id         INTEGER PRIMARY KEY REFERENCES notices(id),
  posted_by         INTEGER NOT NULL REFERENCES operators(id),
  business_date     TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  entries           INTEGER NOT NULL CHECK (entries >= 0),
  points_awarded    INTEGER NOT NULL CHECK (points_awarded >= 0),
  points_deducted   INTEGER NOT NULL CHECK (points_deducted >= 0),
  points_undeducted INTEGER NOT NULL CHECK (points_undeducted >= 0)
) STRICT;
${appendOnly('notice_postings')}

-- What each entry did to the balance. A deduction that met a low balance records the
-- part that could not be taken (never carried as a debt); ledger_id is NULL when nothing
-- could be taken at all.
CREATE TABLE entry_postings (
  entry_id          INTEGER PRIMARY KEY REFERENCES point_entries(id),
  notice_id         INTEGER NOT NULL REFERENCES notices(id),
  ledger_id         INTEGER REFERENCES ledger(id),
  posted_points     INTEGER NOT NULL CHECK (posted_points >= 0),
  undeducted_points INTEGER NOT NULL CHECK (undeducted_points >= 0),
  CHECK ((ledger_id IS NULL) = (posted_points = 0))
) STRICT;
${appendOnly('entry_postings')}

-- One clearing per passbook and date: the UNIQUE makes running it twice do nothing.
CREATE TABLE clearings (
  id            INTEGER PRIMARY KEY,
  passbook_id   INTEGER NOT NULL REFERENCES passbooks(id),
  clear_date    TEXT NOT NULL,
  households    INTEGER NOT NULL CHECK (households >= 0),
  points        INTEGER NOT NULL CHECK (points >= 0),
  run_by        INTEGER NOT NULL REFERENCES operators(id),
  business_date TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (passbook_id, clear_date)
) STRICT;
${appendOnly('clearings')}

-- Points moved between households by a committee decision (merging or splitting a
-- household); each side is a 'transfer' ledger row pointing here.
CREATE TABLE household_transfers (
  id                INTEGER PRIMARY KEY,
  request_id        TEXT NOT NULL UNIQUE,
  from_household_id INTEGER NOT NULL REFERENCES households(id),
  to_household_id   INTEGER NOT NULL REFERENCES households(id),
  passbook_id       INTEGER NOT NULL REFERENCES passbooks(id),
  points            INTEGER NOT NULL CHECK (points > 0),
  honour            INTEGER NOT NULL CHECK (honour >= 0),
  reason            TEXT NOT NULL,
  operator_id       INTEGER NOT NULL REFERENCES operators(id),
  created_at        TEXT NOT NULL,
  CHECK (from_household_id <> to_household_id)
) STRICT;
${appendOnly('household_transfers')}
`;
