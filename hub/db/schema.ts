/**
 * The hub's schema, as numbered migrations run identically on PostgreSQL and PGlite.
 * Sized for a county (1,000 villages × 5 years ≈ 1.8 M day reports, some 100 M ledger
 * rows): the row-level facts are range-partitioned by month of business date (a month's
 * partition is made when its first report arrives), so a dashboard query for a period
 * touches only that period's partitions and old months can be detached and archived;
 * the dashboard itself reads `village_days`, one small row per village and day.
 * Every table that grows leads with village_code: the distribution column of the
 * province plan (Citus, docs/hub.md).
 */
export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

const m001 = `
CREATE TABLE stores (
  village_code  text PRIMARY KEY,
  village_name  text NOT NULL,
  township_name text NOT NULL,
  public_key    text NOT NULL,
  fingerprint   text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  registration  text NOT NULL
);

-- Every report accepted or held, exactly as received (the envelope), so anything the
-- dashboard shows can be traced back to signed bytes.
CREATE TABLE reports (
  village_code  text NOT NULL REFERENCES stores(village_code),
  business_date date NOT NULL,
  version       int  NOT NULL CHECK (version >= 1),
  report_id     text NOT NULL,
  status        text NOT NULL CHECK (status IN ('accepted', 'held', 'superseded')),
  prev_date     date,
  body_sha256   text NOT NULL,
  before_heads  jsonb NOT NULL,
  after_heads   jsonb NOT NULL,
  envelope      text NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (village_code, business_date, version)
);
CREATE INDEX reports_held ON reports (village_code, prev_date) WHERE status = 'held';

-- One row per village and accepted day: what the dashboard totals.
CREATE TABLE village_days (
  village_code        text NOT NULL REFERENCES stores(village_code),
  business_date       date NOT NULL,
  version             int  NOT NULL,
  households          int  NOT NULL,
  awarded             bigint NOT NULL,
  deducted            bigint NOT NULL,
  redeemed            bigint NOT NULL,
  net                 bigint NOT NULL,
  outstanding         bigint NOT NULL,
  receipts            int NOT NULL,
  receipt_points      bigint NOT NULL,
  voids               int NOT NULL,
  voided_points       bigint NOT NULL,
  ledger_rows         int NOT NULL,
  PRIMARY KEY (village_code, business_date)
);
CREATE INDEX village_days_date ON village_days (business_date, village_code);

-- Row-level facts, partitioned by month.
CREATE TABLE ledger_rows (
  village_code  text NOT NULL,
  business_date date NOT NULL,
  id            bigint NOT NULL,
  household_id  bigint NOT NULL,
  kind          text NOT NULL,
  amount        bigint NOT NULL,
  balance_after bigint NOT NULL,
  operator_id   bigint NOT NULL,
  ref_type      text,
  ref_id        bigint,
  created_at    text NOT NULL,
  hash          text NOT NULL,
  PRIMARY KEY (village_code, business_date, id)
) PARTITION BY RANGE (business_date);

CREATE TABLE receipts (
  village_code  text NOT NULL,
  business_date date NOT NULL,
  id            bigint NOT NULL,
  receipt_no    text NOT NULL,
  household_id  bigint NOT NULL,
  operator_id   bigint NOT NULL,
  total         bigint NOT NULL,
  created_at    text NOT NULL,
  PRIMARY KEY (village_code, business_date, id)
) PARTITION BY RANGE (business_date);

-- Awards and deductions per rule item and day, from the entries the day's postings name.
CREATE TABLE rule_days (
  village_code  text NOT NULL,
  business_date date NOT NULL,
  rule_code     text NOT NULL,
  rule_title    text NOT NULL,
  direction     text NOT NULL,
  entries       int NOT NULL,
  points        bigint NOT NULL,
  PRIMARY KEY (village_code, business_date, rule_code, direction)
);
CREATE INDEX rule_days_date ON rule_days (business_date);

-- Points awarded per household and day: the cross-village honour board.
CREATE TABLE household_days (
  village_code  text NOT NULL,
  business_date date NOT NULL,
  household_id  bigint NOT NULL,
  number        text NOT NULL,
  head_name     text NOT NULL,
  awarded       bigint NOT NULL,
  PRIMARY KEY (village_code, business_date, household_id)
);
CREATE INDEX household_days_date ON household_days (business_date);

-- Signs of trouble: found in a day's rows at ingest, or a fork (a report that
-- contradicts what was accepted, kept here and never merged).
CREATE TABLE alerts (
  id            bigserial PRIMARY KEY,
  village_code  text NOT NULL REFERENCES stores(village_code),
  business_date date NOT NULL,
  kind          text NOT NULL,
  report_id     text NOT NULL,
  body_sha256   text NOT NULL,
  detail        jsonb NOT NULL,
  envelope      text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (village_code, business_date, kind, body_sha256)
);
CREATE INDEX alerts_date ON alerts (business_date DESC, id DESC);

CREATE TABLE users (
  name          text PRIMARY KEY,
  role          text NOT NULL CHECK (role IN ('viewer', 'administrator')),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE settings (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);
`;

// The closing stock value a store's day-close summary carries (in points, and its
// reference value in fen). Null for days reported before stores sent it.
const m002 = `
ALTER TABLE village_days ADD COLUMN stock_points bigint;
ALTER TABLE village_days ADD COLUMN stock_fen bigint;
`;

// Each ingest asks for a store's last accepted day: with this index that is one index
// entry, however many days the store has reported (the primary key made it a scan of all
// the store's reports and a sort, which grew with every day of a county's year).
const m003 = `
CREATE INDEX reports_last_accepted ON reports (village_code, business_date DESC, version DESC) WHERE status = 'accepted';
`;

// Monthly roll-ups of the dashboard's per-day tables, so that a month's rule items and
// honour board read one row per village, item (or household) and month instead of every
// day's rows. Kept in the ingest statement that stores a day's rows (added to) and
// rebuilt from the day rows for a village's month when a new version of a day replaces
// its rows (hub/ingest/facts.ts). first_day and last_day: the first and last day that
// row sums, so that a query whose range covers them reads the row, and one that cuts
// into them reads that row's days instead (hub/queries/board.ts): exact for any range.
// alerts_kind: the alerts page reads forks first, then the rest, each by date.
const m004 = `
CREATE TABLE rule_months (
  village_code  text NOT NULL,
  month         date NOT NULL,
  rule_code     text NOT NULL,
  direction     text NOT NULL,
  rule_title    text NOT NULL,
  entries       bigint NOT NULL,
  points        bigint NOT NULL,
  first_day     date NOT NULL,
  last_day      date NOT NULL,
  PRIMARY KEY (village_code, month, rule_code, direction)
);
CREATE INDEX rule_months_month ON rule_months (month);
INSERT INTO rule_months (village_code, month, rule_code, direction, rule_title, entries, points, first_day, last_day)
  SELECT village_code, date_trunc('month', business_date)::date, rule_code, direction, min(rule_title), sum(entries), sum(points),
         min(business_date), max(business_date)
  FROM rule_days GROUP BY 1, 2, 3, 4;

CREATE TABLE household_months (
  village_code  text NOT NULL,
  month         date NOT NULL,
  household_id  bigint NOT NULL,
  number        text NOT NULL,
  head_name     text NOT NULL,
  awarded       bigint NOT NULL,
  first_day     date NOT NULL,
  last_day      date NOT NULL,
  PRIMARY KEY (village_code, month, household_id)
);
-- A month's board in its order: its first page is the index's first entries.
CREATE INDEX household_months_board ON household_months (month, awarded DESC, village_code, number);
INSERT INTO household_months (village_code, month, household_id, number, head_name, awarded, first_day, last_day)
  SELECT village_code, date_trunc('month', business_date)::date, household_id, max(number), max(head_name), sum(awarded),
         min(business_date), max(business_date)
  FROM household_days GROUP BY 1, 2, 3;

CREATE INDEX alerts_kind_date ON alerts (kind, business_date DESC, id DESC);
`;

export const HUB_MIGRATIONS: readonly HubMigration[] = [
  { version: 1, name: 'initial', sql: m001 },
  { version: 2, name: 'stock value', sql: m002 },
  { version: 3, name: 'last accepted report index', sql: m003 },
  { version: 4, name: 'monthly roll-ups', sql: m004 },
];

/** Monthly partitions of the row-level facts, made when a month's first report arrives. */
export const PARTITIONED = ['ledger_rows', 'receipts'] as const;
