/**
 * 001: the counter's foundation. Households, members, passbooks and their accounts, an
 * append-only hash-chained ledger, goods with append-only stock movements, redemptions
 * with snapshotted lines, voids, operators and the audit log.
 *
 * Caches (accounts.balance, goods.stock) carry CHECK (>= 0) so that even a bug in the
 * services cannot drive them negative; `verify` recomputes them from the rows.
 */
const appendOnly = (table: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
`;

export const sql = `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE operators (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('keeper', 'accountant', 'admin')),
  pin_hash        TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until    TEXT,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE village_groups (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE households (
  id           INTEGER PRIMARY KEY,
  number       TEXT NOT NULL UNIQUE,
  group_id     INTEGER NOT NULL REFERENCES village_groups(id),
  head_name    TEXT NOT NULL,
  address      TEXT,
  phone        TEXT,
  status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'moved')),
  card_version INTEGER NOT NULL DEFAULT 1 CHECK (card_version >= 1),
  created_at   TEXT NOT NULL
) STRICT;

-- Every person, the head included. name_pinyin / name_initials are lower-case latin
-- keys for the counter's search (张三 -> zhangsan / zs).
CREATE TABLE members (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES households(id),
  name          TEXT NOT NULL,
  name_pinyin   TEXT NOT NULL,
  name_initials TEXT NOT NULL,
  relation      TEXT NOT NULL,
  is_head       INTEGER NOT NULL DEFAULT 0 CHECK (is_head IN (0, 1)),
  id_hash       BLOB UNIQUE,
  id_masked     TEXT,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE INDEX members_household ON members(household_id);
CREATE INDEX members_name ON members(name);
CREATE INDEX members_pinyin ON members(name_pinyin);
CREATE INDEX members_initials ON members(name_initials);

-- Passbook kinds (存折): a village may run several (津市's red / green / volunteer).
CREATE TABLE passbooks (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  spendable  INTEGER NOT NULL DEFAULT 1 CHECK (spendable IN (0, 1)),
  sort       INTEGER NOT NULL DEFAULT 0
) STRICT;

-- One balance per household and passbook: a cache of the ledger.
CREATE TABLE accounts (
  household_id INTEGER NOT NULL REFERENCES households(id),
  passbook_id  INTEGER NOT NULL REFERENCES passbooks(id),
  balance      INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
  honour_total INTEGER NOT NULL DEFAULT 0 CHECK (honour_total >= 0),
  PRIMARY KEY (household_id, passbook_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE ledger (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES households(id),
  passbook_id   INTEGER NOT NULL REFERENCES passbooks(id),
  kind          TEXT NOT NULL CHECK (kind IN ('opening', 'award', 'deduction', 'redemption', 'void', 'clearing', 'correction', 'transfer')),
  amount        INTEGER NOT NULL CHECK (amount <> 0),
  balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
  honour_delta  INTEGER NOT NULL DEFAULT 0,
  business_date TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  operator_id   INTEGER NOT NULL REFERENCES operators(id),
  ref_type      TEXT,
  ref_id        INTEGER,
  corrects_id   INTEGER REFERENCES ledger(id),
  note          TEXT,
  prev_hash     BLOB NOT NULL,
  hash          BLOB NOT NULL
) STRICT;
CREATE INDEX ledger_household ON ledger(household_id, id);
CREATE INDEX ledger_date ON ledger(business_date);
${appendOnly('ledger')}

CREATE TABLE goods (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL,
  name_initials    TEXT NOT NULL,
  category         TEXT NOT NULL,
  unit             TEXT NOT NULL,
  points_price     INTEGER NOT NULL CHECK (points_price > 0),
  value_fen        INTEGER NOT NULL DEFAULT 0 CHECK (value_fen >= 0),
  low_stock        INTEGER NOT NULL DEFAULT 0 CHECK (low_stock >= 0),
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  stock            INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
  created_at       TEXT NOT NULL
) STRICT;

CREATE TABLE goods_barcodes (
  barcode  TEXT PRIMARY KEY,
  goods_id INTEGER NOT NULL REFERENCES goods(id)
) STRICT, WITHOUT ROWID;

CREATE TABLE stock_movements (
  id            INTEGER PRIMARY KEY,
  goods_id      INTEGER NOT NULL REFERENCES goods(id),
  kind          TEXT NOT NULL CHECK (kind IN ('opening', 'purchase', 'donation', 'redemption', 'void', 'adjustment', 'stocktake')),
  quantity      INTEGER NOT NULL CHECK (quantity <> 0),
  stock_after   INTEGER NOT NULL CHECK (stock_after >= 0),
  business_date TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  operator_id   INTEGER NOT NULL REFERENCES operators(id),
  ref_type      TEXT,
  ref_id        INTEGER,
  note          TEXT
) STRICT;
CREATE INDEX stock_movements_goods ON stock_movements(goods_id, id);
CREATE INDEX stock_movements_date ON stock_movements(business_date);
${appendOnly('stock_movements')}

CREATE TABLE redemptions (
  id             INTEGER PRIMARY KEY,
  receipt_no     TEXT NOT NULL UNIQUE,
  request_id     TEXT NOT NULL UNIQUE,
  household_id   INTEGER NOT NULL REFERENCES households(id),
  passbook_id    INTEGER NOT NULL REFERENCES passbooks(id),
  member_id      INTEGER REFERENCES members(id),
  operator_id    INTEGER NOT NULL REFERENCES operators(id),
  total          INTEGER NOT NULL CHECK (total > 0),
  balance_before INTEGER NOT NULL CHECK (balance_before >= total),
  balance_after  INTEGER NOT NULL CHECK (balance_after = balance_before - total),
  business_date  TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  ledger_id      INTEGER NOT NULL REFERENCES ledger(id)
) STRICT;
CREATE INDEX redemptions_date ON redemptions(business_date);
CREATE INDEX redemptions_household ON redemptions(household_id, id);
${appendOnly('redemptions')}

CREATE TABLE redemption_lines (
  redemption_id INTEGER NOT NULL REFERENCES redemptions(id),
  line_no       INTEGER NOT NULL,
  goods_id      INTEGER NOT NULL REFERENCES goods(id),
  name          TEXT NOT NULL,
  unit          TEXT NOT NULL,
  unit_points   INTEGER NOT NULL CHECK (unit_points > 0),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  line_points   INTEGER NOT NULL CHECK (line_points = unit_points * quantity),
  PRIMARY KEY (redemption_id, line_no)
) STRICT, WITHOUT ROWID;
${appendOnly('redemption_lines')}

CREATE TABLE voids (
  id            INTEGER PRIMARY KEY,
  redemption_id INTEGER NOT NULL UNIQUE REFERENCES redemptions(id),
  request_id    TEXT NOT NULL UNIQUE,
  reason        TEXT NOT NULL,
  operator_id   INTEGER NOT NULL REFERENCES operators(id),
  approved_by   INTEGER NOT NULL REFERENCES operators(id),
  business_date TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  ledger_id     INTEGER NOT NULL REFERENCES ledger(id)
) STRICT;
${appendOnly('voids')}

-- Day close (日结): a day is closed while its latest row is 'close'. Reopening (an
-- administrator, with a reason) is a new row, never an edit.
CREATE TABLE day_closes (
  id            INTEGER PRIMARY KEY,
  business_date TEXT NOT NULL,
  action        TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
  operator_id   INTEGER NOT NULL REFERENCES operators(id),
  created_at    TEXT NOT NULL,
  reason        TEXT,
  summary       TEXT,
  summary_hash  BLOB
) STRICT;
CREATE INDEX day_closes_date ON day_closes(business_date, id);
${appendOnly('day_closes')}

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  created_at  TEXT NOT NULL,
  operator_id INTEGER REFERENCES operators(id),
  action      TEXT NOT NULL,
  target      TEXT,
  detail      TEXT,
  prev_hash   BLOB NOT NULL,
  hash        BLOB NOT NULL
) STRICT;
${appendOnly('audit_log')}
`;
