/**
 * The browser host: the same contract over HTTP on loopback, serving the built
 * renderer. It is how the app runs where the Electron runtime is missing, how the
 * end-to-end tests drive the real app, and how a second screen can attach later.
 *
 *   POST /api/<operation>   body: the input as JSON; header x-session: <token>
 *   → 200 {ok:true,value} | {ok:false,error:{code,message,params}}
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Core } from '../../db/core.js';
import type { DisplayKind } from '../../db/books/display-credentials.js';
import { dispatch } from '../../db/dispatch.js';
import { koffiReaderLoader } from '../shared/card-readers/index.js';
import { EXPORT_DOWNLOAD_PREFIX, serveExportDownload } from './export-download.js';
import { onCoreOpened } from '../../db/trust/integrity/on-open.js';
import { initDemoIfEmpty } from '../../db/setup.js';

const MAX_BODY = 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The same policy the Electron window sets: nothing but our own origin. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  // The camera for the counter's webcam QR option (our own pages only); nothing else.
  res.setHeader('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': data.length, 'Cache-Control': 'no-store' });
  res.end(data);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface BrowserHostOptions {
  dataDir: string;
  port?: number;
  /** 127.0.0.1 unless configured otherwise (a second screen on the LAN, say). */
  host?: string;
  /** Folder of the built renderer; default dist/renderer beside the package. */
  staticDir?: string;
  /** An already-open core (tests); otherwise one is opened on dataDir. */
  core?: Core;
  /** Load the demo village when the data folder is empty. */
  demo?: boolean;
  /** Extra origins allowed to call the API (a second screen's address). */
  allowedOrigins?: string[];
}

export interface BrowserHost {
  url: string;
  core: Core;
  server: Server;
  /**
   * The address of a new display (the customer display, the public board) with its own
   * display-only credential in the fragment; printed at start-up for the second screen.
   */
  displayUrl(kind: DisplayKind): string;
  close(): Promise<void>;
}

export const PACKAGE_ROOT = resolve(import.meta.dirname, '..', '..');

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const core = opts.core ?? new Core({ dataDir: opts.dataDir, readerLoader: koffiReaderLoader });
  if (opts.demo) initDemoIfEmpty(core);
  const stopTrustServices = onCoreOpened(core);
  // A core opened here is this host's to run: retry receipts waiting for the printer.
  if (!opts.core) core.startBackground();
  const staticDir = resolve(opts.staticDir ?? join(PACKAGE_ROOT, 'dist', 'renderer'));
  const host = opts.host ?? '127.0.0.1';
  let selfOrigins: string[] = [];

  const server = createServer((req, res) => {
    securityHeaders(res);
    handle(req, res).catch((e: unknown) => {
      console.error('[host] request failed:', e instanceof Error ? e.message : e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '系统内部错误' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'BAD_INPUT', message: '只接受 POST' } });
      // A page on another site must not drive the counter through the user's browser.
      const origin = req.headers.origin;
      if (origin !== undefined && !selfOrigins.includes(origin) && !(opts.allowedOrigins ?? []).includes(origin)) {
        return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '来源不被允许' } });
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'BAD_INPUT', message: '需要 JSON' } });
      }
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '请求内容无法解析' } });
      }
      const token = typeof req.headers['x-session'] === 'string' ? req.headers['x-session'] : null;
      return sendJson(res, 200, dispatch(core, token, decodeURIComponent(url.pathname.slice(5)), input));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false });
    if (url.pathname.startsWith(EXPORT_DOWNLOAD_PREFIX)) return serveExportDownload(core, url.pathname, res);
    serveStatic(url.pathname, res);
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(staticDir, rel);
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return sendJson(res, 404, { ok: false });
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('界面尚未构建：请先运行 npm run build');
      return;
    }
    const body = readFileSync(file);
    const isAsset = rel.startsWith('assets/');
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(body);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  selfOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://${host}:${port}`];
  return {
    url,
    core,
    server,
    displayUrl: (kind) => `${url}/${kind === 'customer' ? 'display' : 'board'}#key=${core.displays.issue(kind, 'main').token}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          stopTrustServices();
          if (!opts.core) core.close();
          ok();
        });
      }),
  };
}
