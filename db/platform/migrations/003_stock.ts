/**
 * 003: the store's stock. Receipt documents (入库单) with lines that say whether each good
 * was bought (cost in fen, supplier) or donated (donor); adjustments with a reason;
 * stocktakes (盘点) with the book and counted quantity of every counted good; and the price
 * history of each good, so a price change applies from now on and can be traced.
 *
 * All of these are records of what happened: append-only like the ledger. The stock level
 * itself still moves only through stock_movements (whose ref_type/ref_id point back here).
 */
const appendOnly = (table: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
`;

export const sql = `
CREATE TABLE stock_receipts (
  id            INTEGER PRIMARY KEY,
  receipt_no    TEXT NOT NULL UNIQUE,
  request_id    TEXT NOT NULL UNIQUE,
  note          TEXT,
  operator_id   INTEGER NOT NULL REFERENCES operators(id),
  business_date TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX stock_receipts_date ON stock_receipts(business_date);
${appendOnly('stock_receipts')}

-- A purchase line carries its cost (fen, for the whole line) and may name a supplier; a
-- donation line names its donor and has no cost.
CREATE TABLE stock_receipt_lines (
  receipt_id  INTEGER NOT NULL REFERENCES stock_receipts(id),
  line_no     INTEGER NOT NULL,
  goods_id    INTEGER NOT NULL REFERENCES goods(id),
  name        TEXT NOT NULL,
  unit        TEXT NOT NULL,
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  source      TEXT NOT NULL CHECK (source IN ('purchase', 'donation')),
  cost_fen    INTEGER CHECK (cost_fen >= 0),
  supplier    TEXT,
  donor       TEXT,
  movement_id INTEGER NOT NULL REFERENCES stock_movements(id),
  CHECK ((source = 'purchase') = (cost_fen IS NOT NULL)),
  CHECK ((source = 'donation') = (donor IS NOT NULL AND length(donor) > 0)),
  PRIMARY KEY (receipt_id, line_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX stock_receipt_lines_goods ON stock_receipt_lines(goods_id);
${appendOnly('stock_receipt_lines')}

CREATE TABLE stock_adjustments (
  id            INTEGER PRIMARY KEY,
  request_id    TEXT NOT NULL UNIQUE,
  goods_id      INTEGER NOT NULL REFERENCES goods(id),
  quantity      INTEGER NOT NULL CHECK (quantity <> 0),
  reason        TEXT NOT NULL CHECK (reason IN ('damaged', 'expired', 'lost', 'found', 'other')),
  note          TEXT,
  operator_id   INTEGER NOT NULL REFERENCES operators(id),
  business_date TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  movement_id   INTEGER NOT NULL REFERENCES stock_movements(id),
  CHECK ((reason IN ('damaged', 'expired', 'lost')) <= (quantity < 0)),
  CHECK ((reason = 'found') <= (quantity > 0))
) STRICT;
${appendOnly('stock_adjustments')}

-- based_on_movement_id: the last movement when the count sheet was made; a good that moved
-- after it cannot be posted without a fresh look (its book figure changed under the count).
CREATE TABLE stocktakes (
  id                   INTEGER PRIMARY KEY,
  stocktake_no         TEXT NOT NULL UNIQUE,
  request_id           TEXT NOT NULL UNIQUE,
  based_on_movement_id INTEGER NOT NULL,
  note                 TEXT,
  operator_id          INTEGER NOT NULL REFERENCES operators(id),
  business_date        TEXT NOT NULL,
  created_at           TEXT NOT NULL
) STRICT;
${appendOnly('stocktakes')}

CREATE TABLE stocktake_lines (
  stocktake_id INTEGER NOT NULL REFERENCES stocktakes(id),
  goods_id     INTEGER NOT NULL REFERENCES goods(id),
  name         TEXT NOT NULL,
  unit         TEXT NOT NULL,
  book_qty     INTEGER NOT NULL CHECK (book_qty >= 0),
  counted_qty  INTEGER NOT NULL CHECK (counted_qty >= 0),
  points_price INTEGER NOT NULL,
  value_fen    INTEGER NOT NULL,
  movement_id  INTEGER REFERENCES stock_movements(id),
  CHECK ((counted_qty = book_qty) = (movement_id IS NULL)),
  PRIMARY KEY (stocktake_id, goods_id)
) STRICT, WITHOUT ROWID;
${appendOnly('stocktake_lines')}

-- goods.points_price / value_fen are the current price (a cache of the latest row here).
CREATE TABLE goods_prices (
  id           INTEGER PRIMARY KEY,
  goods_id     INTEGER NOT NULL REFERENCES goods(id),
  points_price INTEGER NOT NULL CHECK (points_price > 0),
  value_fen    INTEGER NOT NULL CHECK (value_fen >= 0),
  effective_at TEXT NOT NULL,
  operator_id  INTEGER REFERENCES operators(id),
  note         TEXT
) STRICT;
CREATE INDEX goods_prices_goods ON goods_prices(goods_id, id);
${appendOnly('goods_prices')}

INSERT INTO goods_prices (goods_id, points_price, value_fen, effective_at, operator_id, note)
  SELECT id, points_price, value_fen, created_at, NULL, NULL FROM goods;

-- Whoever inserts a good (catalogue, import, demo loader), its first price is on record.
-- Later changes are written by the price service, which names the operator.
CREATE TRIGGER goods_first_price AFTER INSERT ON goods
BEGIN
  INSERT INTO goods_prices (goods_id, points_price, value_fen, effective_at, operator_id, note)
  VALUES (NEW.id, NEW.points_price, NEW.value_fen, NEW.created_at, NULL, NULL);
END;
`;
