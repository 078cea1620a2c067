/**
 * The township hub's "done means", on both engines: PGlite (embedded) and a real
 * PostgreSQL server (a throwaway cluster from Debian's binaries, tests/helpers/postgres.ts).
 * Two stores made with `cli init --demo` under different village codes sell, void and
 * close a few days and export their reports; the hub's totals equal each store's own
 * ledger sums; importing again changes nothing; one changed byte, a truncated file and an
 * unknown store are refused with nothing stored; a rewritten history raises a fork alert
 * naming the day and the row; a missing day is listed as a gap until it arrives.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../hub/db/engine.js';
import { openHub } from '../../hub/db/open-hub.js';
import { importPath } from '../../hub/ingest/import-path.js';
import { alerts } from '../../hub/queries/alerts.js';
import { totals } from '../../hub/queries/totals.js';
import { gaps } from '../../hub/queries/villages.js';
import { registerStore } from '../../hub/registry.js';
import { tempDir } from '../helpers/core.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { filesIn, TestStore, type StoreSums } from './stores.js';

const work = tempDir('hub-test-');
const F = (name: string) => join(work.dir, name);
let A: TestStore;
let B: TestStore;
const expected: Record<string, StoreSums> = {};
let forkDay = '';
let forkRowId = 0;
let gapDay = '';
let afterGapDay = '';

beforeAll(() => {
  // Store A and B: three days each with sales and a void, all closed, exported.
  A = new TestStore(F('storeA'), '110105001201', '东湖村');
  B = new TestStore(F('storeB'), '110105001202', '西岭村');
  writeFileSync(F('regA.json'), A.registrationFile());
  writeFileSync(F('regB.json'), B.registrationFile());
  for (const s of [A, B]) {
    for (let d = 0; d < 3; d++) {
      s.sellDay(3 + d, true);
      s.nextDayAndClose();
    }
  }
  A.export(F('usbA'));
  B.export(F('usbB'));
  expected[A.code] = A.sums(A.days.at(-1)!);
  expected[B.code] = B.sums(B.days.at(-1)!);

  // Store A goes on for two more days (exported to a folder of their own): the gap.
  A.sellDay(2, false);
  A.nextDayAndClose();
  A.sellDay(2, false);
  A.nextDayAndClose();
  A.export(F('usbA2'));
  [gapDay, afterGapDay] = A.days.slice(-2) as [string, string];
  expected.A2 = A.sums(afterGapDay);
  // Then its last day is reopened and closed again: version 2 of that day.
  A.reopenAndClose(afterGapDay);
  A.export(F('usbA3'));

  // Store B's history is rewritten behind the app (someone with the whole PC): a ledger
  // row of its second day changed, that day's reports deleted and made again.
  forkDay = B.days[1]!;
  const db = B.core.db;
  forkRowId = db.prepare('SELECT MIN(id) FROM ledger WHERE business_date = ?').pluck().get(forkDay) as number;
  db.exec('DROP TRIGGER ledger_no_update; DROP TRIGGER hub_reports_no_delete;');
  db.prepare("UPDATE ledger SET note = 'rewritten' WHERE id = ?").run(forkRowId);
  db.prepare('DELETE FROM hub_deliveries WHERE report_id IN (SELECT id FROM hub_reports WHERE business_date >= ?)').run(forkDay);
  db.prepare('DELETE FROM hub_reports WHERE business_date >= ?').run(forkDay);
  B.export(F('usbB2'), true);
}, 300_000);

afterAll(() => {
  A?.close();
  B?.close();
  work.cleanup();
});

const pgMissing = postgresUnavailable();
if (pgMissing && (process.env.CI || process.env.HUB_REQUIRE_POSTGRES)) throw new Error(`the hub's PostgreSQL tests cannot run in CI: ${pgMissing}`);
if (pgMissing) console.warn(`hub tests: PostgreSQL server tests skipped here (${pgMissing})`);

describe.each([
  { engine: 'pglite', skip: false },
  { engine: 'postgres', skip: pgMissing !== null },
])('township hub on $engine', ({ engine: kind, skip }) => {
  let hub: Engine;
  let server: TestPostgres | null = null;

  beforeAll(async () => {
    if (skip) return;
    if (kind === 'postgres') {
      server = await startTestPostgres();
      hub = await openHub({ db: server.url });
    } else {
      hub = await openHub({ data: F(`hub-${Date.now()}`) });
    }
  }, 180_000);

  afterAll(async () => {
    await hub?.close();
    await server?.stop();
  });

  it.skipIf(skip)(
    "registers both stores, imports their reports, and totals equal each store's own ledger",
    async () => {
      expect((await registerStore(hub, readFileSync(F('regA.json'), 'utf8'))).outcome).toBe('registered');
      expect((await registerStore(hub, readFileSync(F('regB.json'), 'utf8'))).outcome).toBe('registered');
      expect((await registerStore(hub, readFileSync(F('regA.json'), 'utf8'))).outcome).toBe('known');
      for (const folder of ['usbA', 'usbB']) {
        const out = await importPath(hub, F(folder));
        expect(out.length).toBeGreaterThan(3);
        expect(out.filter((o) => o.outcome !== 'accepted')).toEqual([]);
      }
      const t = await totals(hub);
      for (const code of [A.code, B.code]) {
        const v = t.villages.find((x) => x.code === code)!;
        const { lastDay, ...sums } = expected[code]!;
        expect(v).toMatchObject({ code, lastDay, ...sums });
        expect(v.voids).toBe(3);
      }
      expect(t.total.awarded).toBe(expected[A.code]!.awarded + expected[B.code]!.awarded);
      expect(t.total.outstanding).toBe(expected[A.code]!.outstanding + expected[B.code]!.outstanding);
      expect(t.total.receipts).toBe(expected[A.code]!.receipts + expected[B.code]!.receipts);
      // The stock value: each village's closing stock (from its signed summary) equals its own stock report.
      for (const code of [A.code, B.code]) {
        const v = t.villages.find((x) => x.code === code)!;
        expect(v.stockPoints).toBeGreaterThan(0);
        expect(v.stockFen).toBeGreaterThan(0);
        expect(v.stockYuan).toBe(expected[code]!.stockFen / 100);
      }
      expect(t.total.stockPoints).toBe(expected[A.code]!.stockPoints + expected[B.code]!.stockPoints);
      expect(t.total.stockFen).toBe(expected[A.code]!.stockFen + expected[B.code]!.stockFen);
      // Format 2: the report's "after" heads name the row seal of the day's close in the store's own seal chain.
      const lastDay = expected[A.code]!.lastDay;
      const [rep] = await hub.query<{ after_heads: { sealId: number; sealHash: string; closeHash: string } }>(
        "SELECT after_heads FROM reports WHERE village_code = $1 AND business_date = $2 AND status = 'accepted'",
        [A.code, lastDay],
      );
      const seal = A.core.db
        .prepare(
          "SELECT s.id, lower(hex(s.hash)) AS hash, lower(hex(c.summary_hash)) AS close FROM row_seals s JOIN day_closes c ON c.id = s.k1 WHERE s.tbl = 'day_closes' AND c.business_date = ? AND c.action = 'close' ORDER BY s.id DESC LIMIT 1",
        )
        .get(lastDay) as { id: number; hash: string; close: string };
      expect(rep!.after_heads).toMatchObject({ sealId: seal.id, sealHash: seal.hash, closeHash: seal.close });
    },
    180_000,
  );

  it.skipIf(skip)(
    'importing the same reports again changes nothing',
    async () => {
      const before = { totals: await totals(hub), alerts: await alerts(hub, { limit: 1000 }) };
      const out = await importPath(hub, F('usbA'));
      expect(new Set(out.map((o) => o.outcome))).toEqual(new Set(['known']));
      expect(await totals(hub)).toEqual(before.totals);
      expect(await alerts(hub, { limit: 1000 })).toEqual(before.alerts);
    },
    120_000,
  );

  it.skipIf(skip)(
    'refuses a report with one byte changed, a truncated one and an unknown store, storing nothing',
    async () => {
      const before = await totals(hub);
      const file = filesIn(F('usbA2'))[0]!;
      const text = readFileSync(join(F('usbA2'), file), 'utf8');
      const bad = F(`bad-${kind}`);
      mkdirSync(bad, { recursive: true });
      // One digit inside the signed body: still valid JSON, no longer what was signed.
      const at = text.indexOf('"amount\\":') >= 0 ? text.indexOf('balance_after') : text.indexOf('households');
      const i = text.slice(at).search(/[0-9]/) + at;
      const flipped = text.slice(0, i) + (text[i] === '1' ? '2' : '1') + text.slice(i + 1);
      expect(flipped).not.toBe(text);
      writeFileSync(join(bad, `a-${file}`), flipped);
      writeFileSync(join(bad, `b-${file}`), text.slice(0, Math.floor(text.length / 2)));
      const stranger = JSON.parse(text) as { body: string };
      writeFileSync(join(bad, `c-${file}`), JSON.stringify({ ...stranger, body: stranger.body.replaceAll(A.code, '110105001299') }));
      const out = await importPath(hub, bad);
      expect(out.map((o) => (o.outcome === 'refused' ? o.code : o.outcome))).toEqual(['BAD_SIGNATURE', 'TRUNCATED', 'UNKNOWN_STORE']);
      for (const o of out) if (o.outcome === 'refused') expect(o.reason.length).toBeGreaterThan(10);
      expect(await totals(hub)).toEqual(before);
      rmSync(bad, { recursive: true, force: true });
    },
    120_000,
  );

  it.skipIf(skip)(
    'a missing day is a gap: later days wait, and are accepted when it arrives',
    async () => {
      const files = filesIn(F('usbA2'));
      const later = files.find((f) => f.includes(afterGapDay))!;
      const missing = files.find((f) => f.includes(gapDay))!;
      const only = F(`gap-${kind}`);
      mkdirSync(only, { recursive: true });
      copyFileSync(join(F('usbA2'), later), join(only, later));
      expect((await importPath(hub, only))[0]!.outcome).toBe('held');
      const g = await gaps(hub);
      expect(g).toEqual([{ code: A.code, name: '东湖村', lastAccepted: expected[A.code]!.lastDay, missingDays: [gapDay], heldDays: [afterGapDay] }]);
      expect((await alerts(hub, { kind: 'gap' })).rows[0]).toMatchObject({ code: A.code, kind: 'gap', detail: { missingDays: [gapDay] } });
      expect((await totals(hub)).villages.find((v) => v.code === A.code)!.lastDay).toBe(expected[A.code]!.lastDay);

      copyFileSync(join(F('usbA2'), missing), join(only, missing));
      rmSync(join(only, later));
      const out = await importPath(hub, only);
      expect(out[0]).toMatchObject({ outcome: 'accepted', released: [expect.stringContaining(afterGapDay)] });
      expect(await gaps(hub)).toEqual([]);
      const { lastDay, ...sums } = expected.A2!;
      expect((await totals(hub)).villages.find((v) => v.code === A.code)).toMatchObject({ lastDay, ...sums });
      rmSync(only, { recursive: true, force: true });
    },
    120_000,
  );

  it.skipIf(skip)(
    'a reopened and re-closed day is accepted as version 2, replacing version 1',
    async () => {
      const before = await totals(hub);
      const files = filesIn(F('usbA3'));
      expect(files).toEqual([expect.stringMatching(new RegExp(`${afterGapDay}-v2`))]);
      const out = await importPath(hub, F('usbA3'));
      expect(out.map((o) => o.outcome)).toEqual(['accepted']);
      const versions = await hub.query<{ version: number; status: string }>(
        'SELECT version, status FROM reports WHERE village_code = $1 AND business_date = $2 ORDER BY version',
        [A.code, afterGapDay],
      );
      expect(versions).toEqual([
        { version: 1, status: 'superseded' },
        { version: 2, status: 'accepted' },
      ]);
      expect(await totals(hub)).toEqual(before);
      expect((await importPath(hub, F('usbA3')))[0]!.outcome).toBe('known');
    },
    120_000,
  );

  it.skipIf(skip)(
    'a rewritten history is a fork alert naming the store, the day and the first differing row, never merged',
    async () => {
      const before = await totals(hub);
      const out = await importPath(hub, F('usbB2'));
      const forks = out.filter((o) => o.outcome === 'fork');
      expect(forks.length).toBeGreaterThanOrEqual(1);
      const fork = (await alerts(hub, { kind: 'fork' })).rows;
      expect(fork[0]).toMatchObject({
        code: B.code,
        date: forkDay,
        kind: 'fork',
        detail: { reason: 'same-report-differs', difference: { table: 'ledger', rowId: forkRowId, column: 'note', received: 'rewritten' } },
      });
      expect(await totals(hub)).toEqual(before);
      // Importing the same rewritten files again adds no second alert.
      await importPath(hub, F('usbB2'));
      expect((await alerts(hub, { kind: 'fork' })).rows.length).toBe(fork.length);
    },
    120_000,
  );
});
