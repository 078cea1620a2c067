/**
 * 005: a smaller file at county scale (about a quarter less per million ledger rows),
 * with every stored hash and every value a reader sees unchanged.
 *
 * - ledger and audit_log drop `prev_hash`: it always equalled the previous row's `hash`.
 *   Each row's hash still covers the previous row's hash; verify takes it from the row
 *   before instead of from a copy.
 * - ledger, stock_movements and redemptions store their instant in `created` as INTEGER
 *   milliseconds; `created_at` becomes a VIRTUAL generated column that gives back the
 *   exact text that was written (and hashed). An instant that would not come back byte
 *   for byte stays text (db/platform/compact-columns.ts decides the same for new rows).
 * - redemptions and voids store an app-made request id (32 hex digits) as 16 bytes.
 * - (household_id, id) and (goods_id, id) indexes become (household_id) and (goods_id):
 *   SQLite appends the rowid to every index entry, so the `id` was stored twice; the
 *   ordering and every query plan stay the same.
 *
 * Append-only tables cannot be altered in place, so each is rebuilt: new table, copy in
 * id order, drop the old (its triggers and indexes go with it), rename, recreate indexes
 * and triggers. Runs with foreign keys off (other tables reference these by id, and the
 * ids are copied unchanged); migrate() checks every foreign key before committing.
 */
const appendOnly = (table: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
`;

/** Milliseconds back to `Date.toISOString()` text, in integer arithmetic only. */
const iso = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%S', ${ms} / 1000, 'unixepoch') || '.' || substr('00' || (${ms} % 1000), -3) || 'Z'`;

const createdColumns = `
  created       ANY NOT NULL CHECK (typeof(created) IN ('integer', 'text')),
  created_at    TEXT NOT NULL GENERATED ALWAYS AS (CASE typeof(created) WHEN 'integer' THEN ${iso('created')} ELSE created END) VIRTUAL,`;

/** The stored form of an existing created_at: milliseconds when they format back to the same text. */
const ms = `(unixepoch(created_at) * 1000 + CAST(substr(created_at, 21, 3) AS INTEGER))`;
const storedCreated = `CASE WHEN ${ms} >= 0 AND (${iso(ms)}) = created_at THEN ${ms} ELSE created_at END`;

const requestIdColumn = `request_id ANY NOT NULL UNIQUE CHECK (typeof(request_id) IN ('blob', 'text'))`;
const storedRequestId = `CASE WHEN length(request_id) = 32 AND request_id NOT GLOB '*[^0-9a-f]*' THEN unhex(request_id) ELSE request_id END`;

export const sql = `
CREATE TABLE ledger_new (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES households(id),
  passbook_id   INTEGER NOT NULL REFERENCES passbooks(id),
  kind          TEXT NOT NULL CHECK (kind IN ('opening', 'award', 'deduction', 'redemption', 'void', 'clearing', 'correction', 'transfer')),
  amount        INTEGER NOT NULL CHECK (amount <> 0),
  balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
  honour_delta  INTEGER NOT NULL DEFAULT 0,
  business_date TEXT NOT NULL,${createdColumns}
  operator_id   INTEGER NOT NULL REFERENCES operators(id),
  ref_type      TEXT,
  ref_id        INTEGER,
  corrects_id   INTEGER REFERENCES ledger(id),
  note          TEXT,
  hash          BLOB NOT NULL
) STRICT;
INSERT INTO ledger_new (id, household_id, passbook_id, kind, amount, balance_after, honour_delta, business_date, created,
    operator_id, ref_type, ref_id, corrects_id, note, hash)
  SELECT id, household_id, passbook_id, kind, amount, balance_after, honour_delta, business_date, ${storedCreated},
    operator_id, ref_type, ref_id, corrects_id, note, hash FROM ledger ORDER BY id;
DROP TABLE ledger;
ALTER TABLE ledger_new RENAME TO ledger;
CREATE INDEX ledger_household ON ledger(household_id);
CREATE INDEX ledger_date ON ledger(business_date);
${appendOnly('ledger')}

CREATE TABLE stock_movements_new (
  id            INTEGER PRIMARY KEY,
  goods_id      INTEGER NOT NULL REFERENCES goods(id),
  kind          TEXT NOT NULL CHECK (kind IN ('opening', 'purchase', 'donation', 'redemption', 'void', 'adjustment', 'stocktake')),
  quantity      INTEGER NOT NULL CHECK (quantity <> 0),
  stock_after   INTEGER NOT NULL CHECK (stock_after >= 0),
  business_date TEXT NOT NULL,${createdColumns}
  operator_id   INTEGER NOT NULL REFERENCES operators(id),
  ref_type      TEXT,
  ref_id        INTEGER,
  note          TEXT
) STRICT;
INSERT INTO stock_movements_new (id, goods_id, kind, quantity, stock_after, business_date, created, operator_id, ref_type, ref_id, note)
  SELECT id, goods_id, kind, quantity, stock_after, business_date, ${storedCreated}, operator_id, ref_type, ref_id, note
  FROM stock_movements ORDER BY id;
DROP TABLE stock_movements;
ALTER TABLE stock_movements_new RENAME TO stock_movements;
CREATE INDEX stock_movements_goods ON stock_movements(goods_id);
CREATE INDEX stock_movements_date ON stock_movements(business_date);
${appendOnly('stock_movements')}

CREATE TABLE redemptions_new (
  id             INTEGER PRIMARY KEY,
  receipt_no     TEXT NOT NULL UNIQUE,
  ${requestIdColumn},
  household_id   INTEGER NOT NULL REFERENCES households(id),
  passbook_id    INTEGER NOT NULL REFERENCES passbooks(id),
  member_id      INTEGER REFERENCES members(id),
  operator_id    INTEGER NOT NULL REFERENCES operators(id),
  total          INTEGER NOT NULL CHECK (total > 0),
  balance_before INTEGER NOT NULL CHECK (balance_before >= total),
  balance_after  INTEGER NOT NULL CHECK (balance_after = balance_before - total),
  business_date  TEXT NOT NULL,${createdColumns}
  ledger_id      INTEGER NOT NULL REFERENCES ledger(id)
) STRICT;
INSERT INTO redemptions_new (id, receipt_no, request_id, household_id, passbook_id, member_id, operator_id, total,
    balance_before, balance_after, business_date, created, ledger_id)
  SELECT id, receipt_no, ${storedRequestId}, household_id, passbook_id, member_id, operator_id, total,
    balance_before, balance_after, business_date, ${storedCreated}, ledger_id FROM redemptions ORDER BY id;
DROP TABLE redemptions;
ALTER TABLE redemptions_new RENAME TO redemptions;
CREATE INDEX redemptions_date ON redemptions(business_date);
CREATE INDEX redemptions_household ON redemptions(household_id);
${appendOnly('redemptions')}

CREATE TABLE voids_new (
  id            INTEGER PRIMARY KEY,
  redemption_id INTEGER NOT NULL UNIQUE REFERENCES redemptions(id),
  ${requestIdColumn},
  reason        TEXT NOT NULL,
  operator_id   INTEGER NOT NULL REFERENCES operators(id),
  approved_by   INTEGER NOT NULL REFERENCES operators(id),
  business_date TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  ledger_id     INTEGER NOT NULL REFERENCES ledger(id)
) STRICT;
INSERT INTO voids_new (id, redemption_id, request_id, reason, operator_id, approved_by, business_date, created_at, ledger_id)
  SELECT id, redemption_id, ${storedRequestId}, reason, operator_id, approved_by, business_date, created_at, ledger_id FROM voids ORDER BY id;
DROP TABLE voids;
ALTER TABLE voids_new RENAME TO voids;
${appendOnly('voids')}

CREATE TABLE audit_log_new (
  id          INTEGER PRIMARY KEY,
  created_at  TEXT NOT NULL,
  operator_id INTEGER REFERENCES operators(id),
  action      TEXT NOT NULL,
  target      TEXT,
  detail      TEXT,
  hash        BLOB NOT NULL
) STRICT;
INSERT INTO audit_log_new (id, created_at, operator_id, action, target, detail, hash)
  SELECT id, created_at, operator_id, action, target, detail, hash FROM audit_log ORDER BY id;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
${appendOnly('audit_log')}
`;
