/**
 * Migration 007: keyed books. The schema of the row seals and chain heads (see
 * db/books/seals.ts for what they are); the re-keying of the existing chains is code that
 * the core hands to migrate(), since it needs the installation's key.
 */
export interface SealedTable {
  table: string;
  /** The primary key: one or two integer columns. */
  key: readonly [string] | readonly [string, string];
  /** The columns sealed (those a legitimate update may change, like an entry's status, are not). */
  columns: readonly string[];
}

export const SEALED_TABLES: readonly SealedTable[] = [
  {
    table: 'stock_movements',
    key: ['id'],
    columns: ['goods_id', 'kind', 'quantity', 'stock_after', 'business_date', 'created', 'operator_id', 'ref_type', 'ref_id', 'note'],
  },
  {
    table: 'redemptions',
    key: ['id'],
    columns: [
      'receipt_no',
      'request_id',
      'household_id',
      'passbook_id',
      'member_id',
      'operator_id',
      'total',
      'balance_before',
      'balance_after',
      'business_date',
      'created',
      'ledger_id',
    ],
  },
  { table: 'redemption_lines', key: ['redemption_id', 'line_no'], columns: ['goods_id', 'name', 'unit', 'unit_points', 'quantity', 'line_points'] },
  { table: 'voids', key: ['id'], columns: ['redemption_id', 'request_id', 'reason', 'operator_id', 'approved_by', 'business_date', 'created_at', 'ledger_id'] },
  {
    table: 'point_entries',
    key: ['id'],
    columns: [
      'batch_id',
      'household_id',
      'rule_item_id',
      'rule_code',
      'rule_category',
      'rule_title',
      'rule_text',
      'rule_book_version',
      'direction',
      'points',
      'passbook_id',
      'event_date',
      'evidence',
      'replaces_id',
      'recorded_by',
      'created_at',
    ],
  },
  { table: 'entry_reviews', key: ['entry_id'], columns: ['decision', 'reason', 'reviewed_by', 'created_at'] },
  { table: 'notices', key: ['id'], columns: ['request_id', 'title', 'period_start', 'period_end', 'hide_deduction_names', 'created_by', 'created_at'] },
  { table: 'notice_entries', key: ['entry_id'], columns: ['notice_id'] },
  { table: 'objections', key: ['id'], columns: ['entry_id', 'raised_by', 'content', 'recorded_by', 'business_date', 'created_at'] },
  { table: 'objection_resolutions', key: ['objection_id'], columns: ['outcome', 'reason', 'replacement_entry_id', 'resolved_by', 'created_at'] },
  {
    table: 'notice_postings',
    key: ['notice_id'],
    columns: ['posted_by', 'business_date', 'created_at', 'entries', 'points_awarded', 'points_deducted', 'points_undeducted'],
  },
  { table: 'entry_postings', key: ['entry_id'], columns: ['notice_id', 'ledger_id', 'posted_points', 'undeducted_points'] },
  { table: 'day_closes', key: ['id'], columns: ['business_date', 'action', 'operator_id', 'created_at', 'reason', 'summary', 'summary_hash'] },
];

export type HeadChain = 'ledger' | 'audit_log' | 'row_seals';
export const HEAD_CHAINS: readonly HeadChain[] = ['ledger', 'audit_log', 'row_seals'];

const k2 = (t: SealedTable, row: string) => (t.key.length === 2 ? `${row}.${t.key[1]}` : '0');

/** json_array over a row's sealed columns (`row` is NEW in a trigger, a table alias in verify). */
export function sealBodySql(t: SealedTable, row: string): string {
  // json_array refuses blobs (summary hashes, app-made request ids stored as 16 bytes),
  // so a blob is sealed as 'x' and its hex.
  return `json_array(${t.columns.map((c) => `iif(typeof(${row}.${c}) = 'blob', 'x' || hex(${row}.${c}), ${row}.${c})`).join(', ')})`;
}

/** The schema migration 007 adds: the seal chain, the heads, and the triggers that keep both. */
export function sealsSchemaSql(): string {
  const parts: string[] = [
    `CREATE TABLE row_seals (
  id    INTEGER PRIMARY KEY,
  tbl   TEXT    NOT NULL,
  k1    INTEGER NOT NULL,
  k2    INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  UNIQUE (tbl, k1, k2)
) STRICT;`,
    `CREATE TRIGGER row_seals_no_update BEFORE UPDATE ON row_seals
BEGIN SELECT RAISE(ABORT, 'row_seals is append-only'); END;`,
    `CREATE TRIGGER row_seals_no_delete BEFORE DELETE ON row_seals
BEGIN SELECT RAISE(ABORT, 'row_seals is append-only'); END;`,
    `CREATE TABLE chain_heads (
  chain    TEXT    PRIMARY KEY,
  last_id  INTEGER NOT NULL,
  n        INTEGER NOT NULL,
  mac      TEXT
) STRICT;`,
    `CREATE TRIGGER chain_heads_no_delete BEFORE DELETE ON chain_heads
BEGIN SELECT RAISE(ABORT, 'chain_heads cannot be deleted'); END;`,
  ];
  parts.push(`INSERT INTO chain_heads (chain, last_id, n, mac) VALUES ${HEAD_CHAINS.map((c) => `('${c}', 0, 0, NULL)`).join(', ')};`);
  for (const c of HEAD_CHAINS) {
    parts.push(`CREATE TRIGGER ${c}_head AFTER INSERT ON ${c}
BEGIN
  UPDATE chain_heads SET last_id = NEW.id, n = n + 1, mac = books_head('${c}', NEW.id, n + 1, NEW.hash) WHERE chain = '${c}';
END;`);
  }
  for (const t of SEALED_TABLES) {
    parts.push(`CREATE TRIGGER ${t.table}_seal AFTER INSERT ON ${t.table}
BEGIN
  INSERT INTO row_seals (tbl, k1, k2, hash) VALUES ('${t.table}', NEW.${t.key[0]}, ${k2(t, 'NEW')},
    books_seal((SELECT hash FROM row_seals ORDER BY id DESC LIMIT 1), '${t.table}', NEW.${t.key[0]}, ${k2(t, 'NEW')}, ${sealBodySql(t, 'NEW')}));
END;`);
  }
  return parts.join('\n');
}

export const sql = sealsSchemaSql();
