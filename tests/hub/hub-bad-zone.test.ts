/**
 * A signed report whose time zone no runtime knows is refused as malformed, naming the
 * field; before, the hub's opening-hours check threw a RangeError and stopped the import.
 * Embedded engine only: the refusal comes before any database work.
 */
import { afterAll, expect, it } from 'vitest';
import { openHub } from '../../hub/db/open-hub.js';
import { DemoVillage, demoVillageCode } from '../../hub/demo/generate.js';
import { ingestTexts } from '../../hub/ingest/ingest.js';
import { registerStore } from '../../hub/registry.js';
import { tempDir } from '../helpers/core.js';

const work = tempDir('hub-bad-zone-');
afterAll(() => work.cleanup());

it('a report in an unknown time zone is refused, the good next store accepted', async () => {
  const hub = await openHub({ data: `${work.dir}/pglite` });
  try {
    const bad = new DemoVillage(demoVillageCode(4, 1), '时区村', '时区镇', 10, 901);
    const good = new DemoVillage(demoVillageCode(4, 2), '正常村', '时区镇', 10, 902);
    await registerStore(hub, bad.registrationText);
    await registerStore(hub, good.registrationText);
    const badText = bad.report('2026-04-01', (body) => {
      body.timeZone = 'Mars/Olympus_Mons';
    });
    const out = await ingestTexts(hub, [badText, good.report('2026-04-01')]);
    expect(out.map((o) => [o.outcome, o.outcome === 'refused' ? o.code : null])).toEqual([
      ['refused', 'MALFORMED'],
      ['accepted', null],
    ]);
    expect(out[0]!.outcome === 'refused' && out[0]!.reason).toContain('timeZone');
    const [r] = await hub.query<{ n: string }>('SELECT count(*)::text AS n FROM reports');
    expect(r!.n).toBe('1');
  } finally {
    await hub.close();
  }
}, 120_000);
