/**
 * Report formats on both engines: version 1 reports (no seal or close heads, no closing
 * stock) still import, a store moving to version 2 continues from them, and from then on
 * the seal and close heads are part of continuity: a report whose seal head does not
 * continue, or one that drops back to version 1, is a fork alert naming the seal chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../hub/db/engine.js';
import { dateRange, DemoVillage } from '../../hub/demo/generate.js';
import { ingestText } from '../../hub/ingest/ingest.js';
import { totals } from '../../hub/queries/totals.js';
import { registerStore } from '../../hub/registry.js';
import { tempDir } from '../helpers/core.js';
import { postgresUnavailable } from '../helpers/postgres.js';
import { openTestHub } from '../helpers/test-hub.js';

const work = tempDir('hub-format-');
afterAll(() => work.cleanup());

const pgMissing = postgresUnavailable();
if (pgMissing && (process.env.CI || process.env.HUB_REQUIRE_POSTGRES)) throw new Error(`the hub's PostgreSQL tests cannot run in CI: ${pgMissing}`);

describe.each([
  { engine: 'pglite', skip: false },
  { engine: 'postgres', skip: pgMissing !== null },
])('report formats on $engine', ({ engine: kind, skip }) => {
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
    'imports version 1, continues with version 2, and holds the seal head to continuity',
    async () => {
      const v = new DemoVillage('110105001231', '旧版村', '测试镇', 30, 11);
      await registerStore(hub, v.registrationText);
      const days = dateRange('2026-03-01', 6);
      v.format = 1;
      const v1 = v.report(days[0]!);
      expect(JSON.parse(v1)).toMatchObject({ format: 'points-store-day-report/1' });
      expect(await ingestText(hub, v1)).toMatchObject({ outcome: 'accepted' });
      expect((await totals(hub)).villages[0]).toMatchObject({ lastDay: days[0], stockPoints: null, stockYuan: null });

      v.format = 2;
      expect(await ingestText(hub, v.report(days[1]!))).toMatchObject({ outcome: 'accepted' });
      const [stored] = await hub.query<{ after_heads: Record<string, unknown> }>(
        'SELECT after_heads FROM reports WHERE village_code = $1 AND business_date = $2',
        [v.code, days[1]],
      );
      expect(stored!.after_heads).toMatchObject({
        sealId: expect.any(Number) as number,
        sealHash: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
        closeId: 2,
      });
      expect((await totals(hub)).villages[0]!.stockPoints).toBeGreaterThan(0);

      // The seal chain was rewritten behind the store's back: the next day does not continue it.
      const honest = new DemoVillage(v.code, v.name, '测试镇', 30, 11, 1, v);
      honest.format = 1;
      honest.report(days[0]!);
      honest.format = 2;
      honest.report(days[1]!);
      honest.forgeSealHead();
      const forged = await ingestText(hub, honest.report(days[2]!));
      expect(forged).toMatchObject({
        outcome: 'fork',
        reason: 'chain-does-not-continue',
        difference: { table: 'row_seals', column: 'hash', received: 'f'.repeat(64) },
      });

      // Dropping back to format 1 leaves the seal head out: not a continuation either.
      const older = new DemoVillage(v.code, v.name, '测试镇', 30, 11, 1, v);
      older.format = 1;
      older.report(days[0]!);
      older.format = 2;
      older.report(days[1]!);
      older.format = 1;
      const downgraded = older.report(days[2]!);
      expect(await ingestText(hub, downgraded)).toMatchObject({ outcome: 'fork', difference: { table: 'row_seals', received: 'absent' } });

      // The honest continuation is accepted.
      expect(await ingestText(hub, v.report(days[2]!))).toMatchObject({ outcome: 'accepted' });
    },
    120_000,
  );

  it.skipIf(skip)(
    'refuses a version 2 report that lacks its seal heads',
    async () => {
      const v = new DemoVillage('110105001232', '缺链头村', '测试镇', 10, 12);
      await registerStore(hub, v.registrationText);
      v.format = 1;
      const text = JSON.parse(v.report('2026-03-01')) as { format: string };
      // The envelope's format is not signed: claiming version 2 for a body without the heads is refused.
      await expect(ingestText(hub, JSON.stringify({ ...text, format: 'points-store-day-report/2' }))).rejects.toMatchObject({ code: 'MALFORMED' });
    },
    60_000,
  );
});
