/**
 * Reports of several stores share one transaction at import (ingestChecked): on both
 * engines, one report refused by its checks (a changed byte) and one refused by the
 * database (a signed report with a value its column cannot hold, found inside the shared
 * transaction) are refused alone, every other report of the round is accepted, nothing of
 * the refused ones is stored, their stores' next days wait as gaps, and importing the
 * folder again changes nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFileName } from '../../db/reporting/format/report.js';
import type { Engine } from '../../hub/db/engine.js';
import { dateRange, DemoVillage, demoVillageCode } from '../../hub/demo/generate.js';
import { importPath } from '../../hub/ingest/import-path.js';
import { ingestTexts } from '../../hub/ingest/ingest.js';
import { registerStore } from '../../hub/registry.js';
import { tempDir } from '../helpers/core.js';
import { postgresUnavailable } from '../helpers/postgres.js';
import { openTestHub } from '../helpers/test-hub.js';

const work = tempDir('hub-batch-');
afterAll(() => work.cleanup());

const pgMissing = postgresUnavailable();
if (pgMissing && (process.env.CI || process.env.HUB_REQUIRE_POSTGRES)) throw new Error(`the hub's PostgreSQL tests cannot run in CI: ${pgMissing}`);

const days = dateRange('2026-04-01', 3);

/** Six villages' three days as files; village 2's second day has a changed byte, village 4's an unstorable value. */
function writeFolder(folder: string): DemoVillage[] {
  mkdirSync(folder, { recursive: true });
  const villages = Array.from({ length: 6 }, (_v, i) => new DemoVillage(demoVillageCode(3, 1 + i), `批${i + 1}村`, '批量镇', 20, 700 + i));
  for (const [d, date] of days.entries()) {
    for (const [i, v] of villages.entries()) {
      let text = v.report(date, (body) => {
        // Signed by the store, passes every check before the database, but a household id of 1.5 fits no bigint column.
        if (i === 3 && d === 1) body.rows.ledger.rows[0]![body.rows.ledger.columns.indexOf('household_id')] = 1.5;
      });
      if (i === 1 && d === 1) {
        const envelope = JSON.parse(text) as { body: string };
        text = JSON.stringify({ ...envelope, body: envelope.body.replace('"households":20', '"households":21') });
      }
      writeFileSync(join(folder, reportFileName(v.code, date, 1)), text);
    }
  }
  return villages;
}

async function snapshot(hub: Engine) {
  const [r] = await hub.query<Record<string, string>>(
    `SELECT (SELECT string_agg(village_code || ' ' || business_date::text || ' ' || status, ', ' ORDER BY village_code, business_date) FROM reports) AS reports,
            (SELECT count(*)::text FROM village_days) AS days, (SELECT count(*)::text FROM ledger_rows) AS ledger,
            (SELECT coalesce(sum(amount), 0)::text FROM ledger_rows) AS points, (SELECT count(*)::text FROM alerts) AS alerts`,
  );
  return r!;
}

describe.each([
  { engine: 'pglite', skip: false },
  { engine: 'postgres', skip: pgMissing !== null },
])('shared ingest transactions on $engine', ({ engine: kind, skip }) => {
  let hub: Engine;
  let closeHub: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    if (skip) return;
    ({ hub, close: closeHub } = await openTestHub(kind, work.dir));
  }, 180_000);

  afterAll(async () => {
    await closeHub?.();
  });

  it.skipIf(skip)(
    'refuses the bad reports of a round alone and accepts the others; importing again changes nothing',
    async () => {
      const folder = join(work.dir, `${kind}-reports`);
      const villages = writeFolder(folder);
      for (const v of villages) await registerStore(hub, v.registrationText);
      // Count the transactions: each round of six stores is one, but day 2's fails (village 4) and goes again one by one.
      let transactions = 0;
      const tx = hub.transaction.bind(hub);
      hub.transaction = (fn) => (transactions++, tx(fn));

      const out = await importPath(hub, folder, { batch: 10, parallel: 1 });
      const byFile = new Map(out.map((o) => [o.file, o]));
      const file = (v: number, d: number) => reportFileName(villages[v]!.code, days[d]!, 1);
      expect(byFile.get(file(1, 1))).toMatchObject({ outcome: 'refused', code: 'BAD_SIGNATURE' });
      expect(byFile.get(file(3, 1))).toMatchObject({ outcome: 'refused', code: 'UNSTORABLE' });
      expect(byFile.get(file(3, 1))).toMatchObject({ reason: expect.stringMatching(/无法存入/) as unknown });
      for (const v of [1, 3]) expect(byFile.get(file(v, 2))).toMatchObject({ outcome: 'held' });
      const accepted = out.filter((o) => o.outcome === 'accepted').map((o) => o.file);
      expect(accepted).toHaveLength(18 - 4);
      expect(transactions).toBe(1 + (1 + 5) + 1);

      const first = await snapshot(hub);
      // Nothing of the refused reports is stored: their stores end at day 1, with day 3 held.
      for (const v of [1, 3]) {
        expect(first.reports).toContain(`${villages[v]!.code} ${days[0]!} accepted`);
        expect(first.reports).not.toContain(`${villages[v]!.code} ${days[1]!}`);
        expect(first.reports).toContain(`${villages[v]!.code} ${days[2]!} held`);
      }
      const [d2] = await hub.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_rows WHERE village_code = $1 AND business_date = $2', [
        villages[3]!.code,
        days[1]!,
      ]);
      expect(d2!.n).toBe(0);

      const again = await importPath(hub, folder, { batch: 10, parallel: 1 });
      // Accepted and held reports alike are known the second time.
      expect(again.filter((o) => o.outcome === 'known')).toHaveLength(16);
      expect(again.filter((o) => o.outcome === 'refused').map((o) => o.file)).toEqual([file(1, 1), file(3, 1)]);
      expect(await snapshot(hub)).toEqual(first);
      hub.transaction = tx;
    },
    180_000,
  );

  it.skipIf(skip)(
    "keeps one store's reports in order when a batch holds several of them",
    async () => {
      const a = new DemoVillage(demoVillageCode(4, 1), '甲村', '批量镇', 20, 801);
      const b = new DemoVillage(demoVillageCode(4, 2), '乙村', '批量镇', 20, 802);
      for (const v of [a, b]) await registerStore(hub, v.registrationText);
      const texts = [a.report(days[0]!), a.report(days[1]!), b.report(days[0]!), a.report(days[2]!)];
      const out = await ingestTexts(hub, texts);
      expect(out.map((o) => o.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    },
    120_000,
  );
});
