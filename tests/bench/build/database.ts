/**
 * Builds the county-sized database once per run, in a temporary folder: operators,
 * goods, households through the real insert path, then years of history in bulk. The
 * build itself is timed and reported.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core, DB_FILE } from '../../../db/core.js';
import { DEMO_OPERATORS, demoPlan, seededRandom } from '../../../db/demo/village.js';
import { businessDate } from '../../../db/domain/clock.js';
import { searchKeys } from '../../../db/domain/pinyin.js';
import { audit } from '../../../db/books/audit.js';
import { createOperator } from '../../../db/books/operators.js';
import { createFirstAdmin } from '../../../db/setup.js';
import { defaultPassbookId } from '../../../db/households/write.js';
import type { BenchConfig } from '../config.js';
import { bulkWriter, countyPlan, writeHouseholds, type HouseholdsBuilt } from './households.js';
import { generateHistory, type BulkGoods, type HistoryOutcome } from './history.js';

export const TIME_ZONE = 'Asia/Shanghai';
const SEED = 20_200_101;
const DAY = 86_400_000;

export interface BenchDb {
  dataDir: string;
  file: string;
  households: HouseholdsBuilt;
  passbookId: number;
  goods: BulkGoods[];
  adminId: number;
  keeperId: number;
  /** Business dates: the history's span, the day the raw baseline writes, and today. */
  dates: string[];
  baselineDate: string;
  today: string;
  history: HistoryOutcome;
  ledgerRows: number;
  build: { operatorsAndGoodsMs: number; householdsMs: number; historyMs: number; checkpointMs: number; totalMs: number; fileBytes: number };
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function buildDatabase(cfg: BenchConfig, log: (s: string) => void): BenchDb {
  const t0 = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'points-store-bench-'));
  const today = businessDate(new Date(), TIME_ZONE);
  // History ends the day before yesterday; yesterday is for the raw baseline's writes.
  const baselineDate = addDays(today, -1);
  const dates = Array.from({ length: cfg.historyDays }, (_, i) => addDays(today, -(cfg.historyDays + 1) + i));
  const core = new Core({ dataDir });
  // Bulk load: durability is irrelevant while building, and the cases reopen the file
  // with the app's own pragmas (WAL, synchronous=FULL) before anything is measured.
  // The file stays in WAL mode (an open core cannot leave it); checkpoints are made rare
  // so that pages are not copied from the WAL into the file over and over. Foreign keys
  // are not re-checked row by row: the rows reference what was just written, and the
  // full verify in the run checks ledger, receipts and caches against each other.
  core.db.pragma('wal_autocheckpoint = 100000');
  core.db.pragma('foreign_keys = OFF');
  core.db.pragma('synchronous = OFF');
  core.db.pragma('cache_size = -262144');

  const firstInstant = `${dates[0]}T00:00:00.000Z`;
  const admin = DEMO_OPERATORS.find((o) => o.role === 'admin')!;
  const adminId = createFirstAdmin(core, admin.name, admin.pin, '示范县积分超市');
  const opIds = new Map<string, number>([['admin', adminId]]);
  for (const o of DEMO_OPERATORS) if (o.role !== 'admin') opIds.set(o.role, createOperator(core, o.name, o.role, o.pin, adminId));
  const passbookId = defaultPassbookId(core);
  const goods: BulkGoods[] = core.db.transaction(() =>
    demoPlan({ households: 1 }).goods.map((g) => {
      const info = core.db
        .prepare('INSERT INTO goods (name, name_initials, category, unit, points_price, value_fen, low_stock, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(g.name, searchKeys(g.name).initials, g.category, g.unit, g.pointsPrice, g.valueFen, g.lowStock, firstInstant);
      const id = Number(info.lastInsertRowid);
      core.db.prepare('INSERT INTO goods_barcodes (barcode, goods_id) VALUES (?, ?)').run(g.barcode, id);
      return { id, name: g.name, unit: g.unit, price: g.pointsPrice };
    }),
  )();
  const t1 = performance.now();

  log(`  households: ${cfg.households.toLocaleString('en')} (bulk path, same rows as insertHousehold)…`);
  const households = writeHouseholds(core, countyPlan(cfg.households, SEED), bulkWriter(core, firstInstant));
  const t2 = performance.now();
  log(`    ${((t2 - t1) / 1000).toFixed(1)} s`);

  log(`  history: ${cfg.ledgerRows.toLocaleString('en')} ledger rows over ${cfg.historyDays} days…`);
  let nextReport = cfg.ledgerRows / 10;
  const history = generateHistory({
    db: core.db,
    householdIds: households.ids,
    passbookId,
    goods,
    adminId,
    keeperId: opIds.get('keeper')!,
    ledgerRows: cfg.ledgerRows,
    dates,
    rand: seededRandom(SEED + 1),
    onDay: (rows) => {
      if (rows >= nextReport) {
        log(`    ${rows.toLocaleString('en')} rows, ${((performance.now() - t2) / 1000).toFixed(0)} s`);
        nextReport += cfg.ledgerRows / 10;
      }
    },
  });
  audit(core.db, new Date().toISOString(), adminId, 'bench.generate', null, { households: cfg.households, ledgerRows: cfg.ledgerRows });
  const t3 = performance.now();
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const ledgerRows = core.db.prepare('SELECT count(*) FROM ledger').pluck().get() as number;
  core.close();
  const t4 = performance.now();
  const file = join(dataDir, DB_FILE);
  return {
    dataDir,
    file,
    households,
    passbookId,
    goods,
    adminId,
    keeperId: opIds.get('keeper')!,
    dates,
    baselineDate,
    today,
    history,
    ledgerRows,
    build: {
      operatorsAndGoodsMs: t1 - t0,
      householdsMs: t2 - t1,
      historyMs: t3 - t2,
      checkpointMs: t4 - t3,
      totalMs: t4 - t0,
      fileBytes: statSync(file).size,
    },
  };
}
