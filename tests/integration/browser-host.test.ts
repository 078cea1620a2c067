import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../hosts/browser/browser-host.js';
import { tempDir } from '../helpers/core.js';
import { request, type IncomingHttpHeaders } from 'node:http';
import { CSP } from '../../hosts/shared/static-files.js';

/** A GET whose path is sent exactly as given. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
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

  const staticDir = () => join(tmp.dir, 'static');

  beforeAll(async () => {
    mkdirSync(join(staticDir(), 'assets'), { recursive: true });
    writeFileSync(join(staticDir(), 'index.html'), '<!doctype html><title>积分超市</title>');
    writeFileSync(join(staticDir(), 'assets', 'index-abc.js'), 'export {}');
    // A canary one level above the static folder, where the data folder's key would be.
    writeFileSync(join(tmp.dir, 'canary.key'), 'CANARY-SECRET');
    host = await startBrowserHost({ dataDir: join(tmp.dir, 'data'), port: 0, demo: true, staticDir: staticDir() });
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
  // if the server resolves `..` in that spelling (checked: a naive join lands on it). Sent
  // raw (node:http keeps the path as written; fetch would normalise a plain `../`).
  it.each([
    '/../canary.key',
    '/..%2fcanary.key',
    '/%2e%2e/canary.key',
    '/%2e%2e%2fcanary.key',
    '/assets/..%2f..%2fcanary.key',
    '/assets/%2E%2E/%2E%2E/canary.key',
  ])('serves nothing outside the static folder: %s', async (path) => {
    expect(join(staticDir(), decodeURIComponent(path))).toBe(join(tmp.dir, 'canary.key'));
    const { status, body } = await rawGet(host.url, path);
    expect(body).not.toContain('CANARY-SECRET');
    expect(status).toBe(404);
  });

  it('serves nothing outside for a backslash either (a separator on Windows)', async () => {
    for (const path of ['/..%5ccanary.key', '/assets/..%5c..%5ccanary.key']) {
      const { status, body } = await rawGet(host.url, path);
      expect(body, path).not.toContain('CANARY-SECRET');
      expect(status, path).toBe(404);
    }
  });

  it('serves the files by the shared rule: type, caching, 404 for a missing file, the page for a route', async () => {
    const asset = await rawGet(host.url, '/assets/index-abc.js');
    expect(asset).toMatchObject({ status: 200, body: 'export {}' });
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toBe(CSP);
    const route = await rawGet(host.url, '/counter/redeem');
    expect(route.status).toBe(200);
    expect(route.body).toContain('积分超市');
    expect(route.headers['cache-control']).toBe('no-cache');
    expect((await rawGet(host.url, '/assets/missing.js')).status).toBe(404);
    expect((await rawGet(host.url, '/%E0%A4%A')).status).toBe(400);
  });

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
    const huge = await fetch(`${host.url}/api/counter.lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'x'.repeat(2_000_000) }),
    }).catch(() => null);
    expect(huge === null || huge.status >= 400).toBe(true);
  });
});
