/**
 * The hub's HTTP server, on 127.0.0.1 by default: the township dashboard (static files
 * built by Vite), its JSON API behind a login, and the endpoint stores push reports to.
 * A pushed report needs no login: it is signed by a registered store's key, and is
 * checked exactly like a file from a USB stick.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import type { Engine } from '../db/engine.js';
import { ingestText } from '../ingest/ingest.js';
import { HubRefusal, previewRegistration, registerStore } from '../registry.js';
import { loadTable, TABLES, type TableQuery } from './tables.js';
import { HubSessions, type HubSession } from './users.js';
import { staticFile } from './static-path.js';
import { tableXlsx } from './xlsx.js';

const MAX_BODY = 64 * 1024 * 1024;
const COOKIE = 'hub_session';
const here = fileURLToPath(new URL('.', import.meta.url));
export const DASHBOARD_DIR = resolve(here, '../../dist/hub-dashboard');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new HubRefusal('TOO_LARGE', '请求过大 / request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function tableQuery(url: URL): TableQuery {
  const date = (k: string) => {
    const v = url.searchParams.get(k);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
  };
  const int = (k: string, d: number, max: number) => Math.min(max, Math.max(0, Number.parseInt(url.searchParams.get(k) ?? '', 10) || d));
  return { from: date('from'), to: date('to'), limit: int('limit', 50, 100_000), offset: int('offset', 0, 10_000_000), kind: url.searchParams.get('kind') };
}

/** HTTP status for a pushed report's outcome: the store's pusher treats 200 and 202 as delivered. */
const PUSH_STATUS = { accepted: 200, known: 200, held: 202, fork: 409 } as const;

export async function serveHub(
  engine: Engine,
  opts: { port: number; host: string; open: boolean; demo?: boolean },
): Promise<{ url: string; close(): Promise<void> }> {
  const sessions = new HubSessions();
  const origin = () => `http://${opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${(server.address() as AddressInfo).port}`;

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    if (req.method === 'POST' && path === '/api/reports') {
      try {
        const out = await ingestText(engine, await readBody(req));
        send(res, PUSH_STATUS[out.outcome], out);
      } catch (e) {
        if (!(e instanceof HubRefusal)) throw e;
        send(res, e.code === 'UNKNOWN_STORE' ? 403 : 400, { outcome: 'refused', code: e.code, reason: e.message });
      }
      return;
    }
    // Browser calls that change something must come from the dashboard itself.
    if (req.method === 'POST' && req.headers.origin !== undefined && req.headers.origin !== origin()) {
      send(res, 403, { error: 'origin' });
      return;
    }
    if (req.method === 'POST' && path === '/api/login') {
      let body: { name?: unknown; password?: unknown };
      try {
        body = JSON.parse(await readBody(req)) as typeof body;
      } catch {
        body = {};
      }
      const s = typeof body.name === 'string' && typeof body.password === 'string' ? await sessions.login(engine, body.name, body.password) : null;
      if (!s) {
        send(res, 401, { error: 'login', message: '用户名或密码错误 / wrong name or password' });
        return;
      }
      res.setHeader('set-cookie', `${COOKIE}=${s.token}; HttpOnly; SameSite=Strict; Path=/`);
      send(res, 200, { name: s.name, role: s.role });
      return;
    }
    const session: HubSession | null = sessions.get(cookie(req, COOKIE));
    if (!session) {
      send(res, 401, { error: 'login', message: '请先登录 / please log in' });
      return;
    }
    if (req.method === 'POST' && path === '/api/logout') {
      sessions.logout(session.token);
      res.setHeader('set-cookie', `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
      send(res, 200, {});
      return;
    }
    if (req.method === 'GET' && path === '/api/me') {
      send(res, 200, { name: session.name, role: session.role });
      return;
    }
    if (req.method === 'POST' && (path === '/api/stores' || path === '/api/stores/preview' || path === '/api/import')) {
      if (session.role !== 'administrator') {
        send(res, 403, { error: 'role', message: '只有乡镇管理员可以登记和导入 / administrators only' });
        return;
      }
      try {
        const text = await readBody(req);
        // The preview checks the file (signature, code, fingerprint) and stores nothing:
        // the administrator compares the fingerprint with the store's before registering.
        if (path === '/api/stores/preview') send(res, 200, await previewRegistration(engine, text));
        else send(res, 200, path === '/api/stores' ? await registerStore(engine, text) : await ingestText(engine, text));
      } catch (e) {
        if (!(e instanceof HubRefusal)) throw e;
        send(res, 400, { outcome: 'refused', code: e.code, reason: e.message });
      }
      return;
    }
    const m = /^\/api\/(table|export)\/([a-z]+)(\.xlsx)?$/.exec(path);
    if (req.method === 'GET' && m && TABLES[m[2]!]) {
      const q = tableQuery(url);
      if (m[1] === 'export') {
        // An export holds the whole table, not the page on screen.
        const t = (await loadTable(engine, m[2]!, { ...q, limit: 1_000_000, offset: 0 }))!;
        const buf = await tableXlsx({ sheet: TABLES[m[2]!]!.sheet, columns: t.columns, rows: t.rows });
        res.writeHead(200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="hub-${m[2]!}.xlsx"`,
          'content-length': buf.length,
        });
        res.end(buf);
        return;
      }
      send(res, 200, await loadTable(engine, m[2]!, q));
      return;
    }
    send(res, 404, { error: 'not found' });
  }

  function serveStatic(res: ServerResponse, path: string): void {
    const target = staticFile(DASHBOARD_DIR, path) ?? join(DASHBOARD_DIR, 'index.html');
    if (!existsSync(target)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('看板尚未构建：请先运行 npm run build:hub / the dashboard is not built: run npm run build:hub');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    });
    res.end(readFileSync(target));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (url.pathname.startsWith('/api/')) {
      api(req, res, url).catch((e: unknown) => {
        console.error(e);
        if (!res.headersSent) send(res, 500, { error: 'internal', message: '汇总服务内部错误 / internal error' });
        else res.end();
      });
    } else serveStatic(res, url.pathname);
  });
  await new Promise<void>((ok) => server.listen(opts.port, opts.host, ok));
  const url = origin() + '/';
  if (opts.open) {
    const cmd = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
    const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
    spawn(cmd, args, { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref();
  }
  return {
    url,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
