/**
 * The benchmark's county database must be what the app itself would have written:
 * households through the bulk path equal insertHousehold's rows, and bulk history passes
 * the full keyed verify (hash chain, row seals, chain heads, balances, stock, receipts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../db/demo/village.js';
import { createOperator } from '../../db/books/operators.js';
import { createFirstAdmin } from '../../db/setup.js';
import { defaultPassbookId } from '../../db/households/write.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { bulkWriter, countyPlan, realWriter, writeHouseholds } from '../bench/build/households.js';
import { generateHistory } from '../bench/build/history.js';
import { freshCore } from '../helpers/core.js';

const CREATED = '2026-01-01T00:00:00.000Z';

describe('benchmark database build', () => {
  const envs: ReturnType<typeof freshCore>[] = [];
  const env = () => {
    const e = freshCore();
    envs.push(e);
    return e;
  };
  afterEach(() => envs.splice(0).forEach((e) => e.close()));

  it('writes the same household and member rows as insertHousehold', () => {
    const plan = countyPlan(600, 5);
    const real = env();
    const bulk = env();
    writeHouseholds(real.core, plan, realWriter(real.core, CREATED));
    writeHouseholds(bulk.core, plan, bulkWriter(bulk.core, CREATED));
    for (const table of ['village_groups', 'households', 'members']) {
      const rows = (db: typeof real.core.db) => db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
      expect(rows(bulk.core.db), table).toEqual(rows(real.core.db));
    }
    expect(bulk.core.db.prepare('SELECT count(DISTINCT group_id) FROM households').pluck().get()).toBe(2);
  });

  it('writes history that passes the full verify', () => {
    const { core } = env();
    const adminId = createFirstAdmin(core, '管理员', '9999');
    const keeperId = createOperator(core, '店员', 'keeper', '1234', adminId);
    const households = writeHouseholds(core, countyPlan(200, 6), bulkWriter(core, CREATED));
    const goods = [10, 25, 3, 60].map((price, i) => {
      const id = Number(
        core.db
          .prepare("INSERT INTO goods (name, name_initials, category, unit, points_price, created_at) VALUES (?, 'x', '日用品', '个', ?, ?)")
          .run(`商品${i}`, price, CREATED).lastInsertRowid,
      );
      return { id, name: `商品${i}`, unit: '个', price };
    });
    const out = generateHistory({
      db: core.db,
      householdIds: households.ids,
      passbookId: defaultPassbookId(core),
      goods,
      adminId,
      keeperId,
      ledgerRows: 6_000,
      dates: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'],
      rand: seededRandom(9),
    });
    expect(Object.values(out.kinds).reduce((a, b) => a + b, 0)).toBe(6_000);
    expect(out.redemptions).toBeGreaterThan(500);
    // The full verify with the store's key: keyed chain, row seals, chain heads, checkpoint.
    const report = verifyDatabase(core.db, { keyring: core.keyring });
    expect(report.problems).toEqual([]);
    const sealed = core.db
      .prepare("SELECT count(*) FROM row_seals WHERE tbl IN ('redemptions', 'redemption_lines', 'stock_movements')")
      .pluck()
      .get() as number;
    expect(sealed).toBe(out.redemptions + out.redemptionLines + out.stockMovements);
    expect(report.checked.ledgerRows).toBe(6_000);
    expect(report.checked.redemptions).toBe(out.redemptions);
  });
});
