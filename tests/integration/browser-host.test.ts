import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../hosts/browser/browser-host.js';
import { tempDir } from '../helpers/core.js';
import { request } from 'node:http';

/** A GET whose path is sent exactly as given. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the loopback HTTP host', () => {
  let host: BrowserHost;
  const tmp = tempDir();
  const post = (op: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${host.url}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    const staticDir = join(tmp.dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>积分超市</title>');
    // A canary one level above the static folder, where the data folder's key would be.
    writeFileSync(join(tmp.dir, 'canary.key'), 'CANARY-SECRET');
    host = await startBrowserHost({ dataDir: join(tmp.dir, 'data'), port: 0, demo: true, staticDir });
  });
  afterAll(async () => {
    await host.close();
    tmp.cleanup();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const addr = host.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
  });

  it('serves the renderer with security headers', async () => {
    const r = await fetch(host.url + '/');
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('积分超市');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  // The canary sits exactly one level above the static folder: each probe below reaches it
  // if the server resolves `..` in that spelling. Sent raw (node:http keeps the path as
  // written; fetch would normalise a plain `../`).
  it.each(['/../canary.key', '/..%2fcanary.key', '/%2e%2e/canary.key', '/%2e%2e%2fcanary.key', '/..%5ccanary.key', '/assets/..%2f..%2fcanary.key'])(
    'serves nothing outside the static folder: %s',
    async (path) => {
      const { status, body } = await rawGet(host.url, path);
      // Either refused, or the single-page fallback (index.html): never the file itself.
      expect(body).not.toContain('CANARY-SECRET');
      if (status === 200) expect(body).toContain('积分超市');
    },
  );

  it('answers the contract as ok/error JSON and requires a session', async () => {
    const status = await (await post('setup.status', {})).json();
    expect(status).toMatchObject({ ok: true, value: { initialized: true, households: 300 } });
    const refused = await (await post('goods.catalog', {})).json();
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN', message: '请先登录' } });
    const ops = (await (await post('session.operators', {})).json()) as { value: { id: number; role: string }[] };
    const keeper = ops.value.find((o) => o.role === 'keeper')!;
    const login = (await (await post('session.login', { operatorId: keeper.id, pin: '1234' })).json()) as { value: { token: string } };
    const cat = await (await post('goods.catalog', {}, { 'x-session': login.value.token })).json();
    expect(cat).toMatchObject({ ok: true });
  });

  it('refuses other origins, non-JSON bodies, other methods and huge bodies', async () => {
    expect((await post('setup.status', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('setup.status', {}, { origin: host.url })).status).toBe(200);
    expect((await fetch(`${host.url}/api/setup.status`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await fetch(`${host.url}/api/setup.status`)).status).toBe(405);
    const bad = await fetch(`${host.url}/api/setup.status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    const huge = await fetch(`${host.url}/api/counter.lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'x'.repeat(2_000_000) }) }).catch(() => null);
    expect(huge === null || huge.status >= 400).toBe(true);
  });
});
