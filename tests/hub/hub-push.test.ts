/**
 * The network road: a store with a hub address pushes its closed days' reports over HTTP
 * to a running hub (embedded engine), oldest first; while the hub is unreachable the
 * reports wait and the error is shown, and the next pass delivers them. The push runs
 * outside any sale (ReportPusher.pushNow is what its timer calls).
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubStatus } from '../../db/handlers/reporting.js';
import { ReportPusher } from '../../db/reporting/push.js';
import type { Engine } from '../../hub/db/engine.js';
import { openHub } from '../../hub/db/open-hub.js';
import { totals } from '../../hub/queries/totals.js';
import { registerStore } from '../../hub/registry.js';
import { serveHub } from '../../hub/server/serve.js';
import { freshCore, login, sellCheapest, tempDir } from '../helpers/core.js';

const DAY = 86_400_000;

/** A port nobody listens on: bound, noted, released. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

describe('pushing day reports to the hub', () => {
  const dir = tempDir('hub-push-');
  let engine: Engine;
  let server: { url: string; close(): Promise<void> };
  let env: ReturnType<typeof freshCore>;

  beforeAll(async () => {
    engine = await openHub({ data: dir.dir });
    server = await serveHub(engine, { port: 0, host: '127.0.0.1', open: false });
    env = freshCore({ demo: true, households: 10 });
  }, 120_000);

  afterAll(async () => {
    env?.close();
    await server?.close();
    await engine?.close();
    dir.cleanup();
  });

  it('waits while the hub is unreachable, then delivers every report in order', async () => {
    const admin = login(env.core, 'admin');
    const { file } = admin.call('hub.register', { villageCode: '110105001203', villageName: '南坪村', townshipName: '测试镇' });
    sellCheapest(env.core, 'push-sale-1');
    const day = env.core.stamp().businessDate;
    env.clock.advance(DAY);
    login(env.core, 'accountant').call('dayClose.closeThrough', { through: day, pin: '5678' });

    const pusher = new ReportPusher(env.core);
    login(env.core, 'admin').call('hub.setAddress', { address: `http://127.0.0.1:${await deadPort()}/` });
    expect(await pusher.pushNow()).toBe(false);
    expect(pusher.state.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    const waiting = hubStatus(env.core).waiting;
    expect(waiting).toBeGreaterThan(3);
    expect(hubStatus(env.core).lastReportedDay).toBeNull();

    // Reachable, but the store is not registered there yet: refused (HTTP 403), kept.
    login(env.core, 'admin').call('hub.setAddress', { address: server.url });
    expect(await pusher.pushNow()).toBe(false);
    expect(pusher.state.lastError).toMatch(/HTTP 403/);
    expect(hubStatus(env.core).waiting).toBe(waiting);

    await registerStore(engine, file);
    expect(await pusher.pushNow()).toBe(true);
    expect(pusher.state.lastError).toBeNull();
    expect(hubStatus(env.core)).toMatchObject({ waiting: 0, lastReportedDay: day });
    const t = await totals(engine);
    expect(t.villages[0]).toMatchObject({
      code: '110105001203',
      lastDay: day,
      receipts: env.core.db.prepare('SELECT count(*) FROM redemptions').pluck().get() as number,
    });
    // Nothing new: a pass sends nothing.
    expect(await pusher.pushNow()).toBe(true);
  }, 120_000);
});
