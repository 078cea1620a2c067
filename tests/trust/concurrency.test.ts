/**
 * Many identical redemption requests at once (a double click, a retry after a timeout,
 * two windows, the CLI beside the app) produce exactly one redemption: over HTTP in
 * parallel, through two connections to the same file, and from several processes.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { startBrowserHost } from '../../hosts/browser/browser-host.js';
import { bundleForNode } from '../helpers/bundle.js';
import { callerFor, freshCore, login } from '../helpers/core.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
let worker: ReturnType<typeof bundleForNode>;
beforeAll(() => {
  worker = bundleForNode(join(ROOT, 'tests', 'helpers', 'same-request-child.ts'));
});
afterAll(() => worker.cleanup());

function pick(core: Core): { householdId: number; goodsId: number } {
  const householdId = core.db.prepare('SELECT household_id FROM accounts WHERE passbook_id = 1 ORDER BY balance DESC LIMIT 1').pluck().get() as number;
  const goodsId = core.db.prepare('SELECT id FROM goods WHERE stock > 10 AND points_price <= 30 ORDER BY id LIMIT 1').pluck().get() as number;
  return { householdId, goodsId };
}

const redemptionsFor = (core: Core, requestId: string) =>
  core.db.prepare('SELECT count(*) FROM redemptions WHERE request_id = ?').pluck().get(requestId) as number;

describe('identical requests at once make one redemption', () => {
  it('30 parallel HTTP requests with one request id', async () => {
    const env = freshCore({ demo: true, households: 10 });
    const host = await startBrowserHost({ dataDir: env.dir, core: env.core, port: 0, staticDir: env.dir });
    try {
      const k = login(env.core, 'keeper');
      const { householdId, goodsId } = pick(env.core);
      const body = JSON.stringify({ requestId: 'double-click-0001', householdId, passbookId: 1, lines: [{ goodsId, quantity: 1 }] });
      const replies = await Promise.all(
        Array.from({ length: 30 }, () =>
          fetch(`${host.url}/api/redemption.create`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-session': k.token }, body }).then(
            (r) => r.json() as Promise<{ ok: boolean; value?: { receiptNo: string } }>,
          ),
        ),
      );
      expect(replies.every((r) => r.ok)).toBe(true);
      expect(new Set(replies.map((r) => r.value!.receiptNo)).size).toBe(1);
      expect(redemptionsFor(env.core, 'double-click-0001')).toBe(1);
    } finally {
      await host.close();
      env.close();
    }
  });

  it('two connections to the same file (a second window, the CLI)', () => {
    const env = freshCore({ demo: true, households: 10 });
    const second = new Core({ dataDir: env.dir, secret: Buffer.alloc(32, 7), clock: env.clock });
    try {
      const a = login(env.core, 'keeper');
      const bLogin = dispatch(second, null, 'session.login', { operatorId: a.operatorId, pin: '1234' }) as { ok: true; value: { token: string } };
      const b = callerFor(second, bLogin.value.token);
      const { householdId, goodsId } = pick(env.core);
      const input = { requestId: 'two-windows-0001', householdId, passbookId: 1, lines: [{ goodsId, quantity: 1 }] };
      const r1 = a.call('redemption.create', input);
      const r2 = b('redemption.create', input);
      const r3 = a.call('redemption.create', input);
      expect(r2.receiptNo).toBe(r1.receiptNo);
      expect(r3.receiptNo).toBe(r1.receiptNo);
      expect(redemptionsFor(env.core, 'two-windows-0001')).toBe(1);
      // Same id, different cart: refused, not silently treated as the first.
      expect(b.raw('redemption.create', { ...input, lines: [{ goodsId, quantity: 2 }] })).toMatchObject({ ok: false, error: { code: 'REQUEST_REUSED' } });
    } finally {
      second.close();
      env.close();
    }
  });

  it('four processes fire the same request at the same instant', async () => {
    const env = freshCore({ demo: true, households: 10 });
    const { householdId, goodsId } = pick(env.core);
    const stockBefore = env.core.db.prepare('SELECT stock FROM goods WHERE id = ?').pluck().get(goodsId) as number;
    const startAt = Date.now() + 4000;
    try {
      const results = await Promise.all(
        Array.from(
          { length: 4 },
          () =>
            new Promise<{ ok: boolean; receiptNo?: string; code?: string }>((done, fail) => {
              const c = spawn(process.execPath, [worker.file, env.dir, 'processes-0001', String(householdId), String(goodsId), String(startAt)], {
                cwd: ROOT,
                stdio: ['ignore', 'pipe', 'inherit'],
              });
              let out = '';
              c.stdout.setEncoding('utf8');
              c.stdout.on('data', (d: string) => (out += d));
              c.on('error', fail);
              c.on('exit', () => {
                try {
                  done(JSON.parse(out.trim()) as { ok: boolean; receiptNo?: string });
                } catch {
                  fail(new Error(`worker said: ${out}`));
                }
              });
            }),
        ),
      );
      expect(
        results.every((r) => r.ok),
        JSON.stringify(results),
      ).toBe(true);
      expect(new Set(results.map((r) => r.receiptNo)).size).toBe(1);
      expect(redemptionsFor(env.core, 'processes-0001')).toBe(1);
      expect(env.core.db.prepare('SELECT stock FROM goods WHERE id = ?').pluck().get(goodsId)).toBe(stockBefore - 1);
    } finally {
      env.close();
    }
  }, 40_000);
});
