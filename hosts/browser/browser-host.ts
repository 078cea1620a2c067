/**
 * The browser host: the same contract over HTTP on loopback, serving the built
 * renderer. It is how the app runs where the Electron runtime is missing, how the
 * end-to-end tests drive the real app, and how a second screen can attach later.
 *
 *   POST /api/<operation>   body: the input as JSON; header x-session: <token>
 *   → 200 {ok:true,value} | {ok:false,error:{code,message,params}}
 *
 * Before anything else every request must name this host as `Host:` (127.0.0.1:PORT or
 * localhost:PORT, or the configured address): a page on another site that points a
 * name of its own at 127.0.0.1 (DNS rebinding) gets 421, not the counter. A path with
 * bad %-encoding is 400, and a body over the limit is answered 413 (never a reset).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Core } from '../../db/core.js';
import type { DisplayKind } from '../../db/books/display-credentials.js';
import type { BackgroundVerifyStatus } from '../../db/contract/views-trust.js';
import { dispatchAsync } from '../../db/dispatch.js';
import { koffiReaderLoader } from '../shared/card-readers/index.js';
import { PAGE_HEADERS, resolveStatic, WEB_HEADERS } from '../shared/static-files.js';
import { EXPORT_DOWNLOAD_PREFIX, serveExportDownload } from './export-download.js';
import { onCoreOpened } from '../../db/trust/integrity/on-open.js';
import { initDemoIfEmpty } from '../../db/setup.js';

const MAX_BODY = 1024 * 1024;
/**
 * After a 413 the rest of an oversized body is read and dropped (so that the client,
 * still sending, gets to read the answer instead of a reset), up to this much; a client
 * that keeps sending beyond it is cut off.
 */
const MAX_DISCARD = 256 * 1024 * 1024;

class BodyTooLarge extends Error {}

/** decodeURIComponent without the URIError: null for bad %-encoding. */
function decodePath(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function securityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries({ ...PAGE_HEADERS, ...WEB_HEADERS })) res.setHeader(name, value);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': data.length, 'Cache-Control': 'no-store' });
  res.end(data);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * 413 at once (the whole answer is written now), but the response is ended, and the
 * connection closed, only once the rest of the body has been read and dropped: closing
 * a socket with unread data makes the kernel send a reset, and a browser still uploading
 * would then report a network error instead of this answer (nginx's "lingering close").
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  const data = Buffer.from(JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: `请求内容过大（上限 ${MAX_BODY / 1024 / 1024} MB）` } }));
  res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': data.length, 'Cache-Control': 'no-store', Connection: 'close' });
  res.write(data);
  let dropped = 0;
  req.on('data', (c: Buffer) => {
    dropped += c.length;
    if (dropped > MAX_DISCARD) {
      res.end();
      req.destroy();
    }
  });
  req.on('end', () => res.end());
  req.on('error', () => res.end());
  req.resume();
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

/** The Host header values this host answers to: its loopback names and its own address. */
export function allowedHostHeaders(host: string, port: number): Set<string> {
  const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (host === '::1') names.add(`[::1]:${port}`);
  // A host bound to one LAN address (a second screen) answers to that address; a wildcard
  // bind (0.0.0.0, ::) still answers only to the loopback names.
  else if (host !== '0.0.0.0' && host !== '::' && host !== '127.0.0.1' && host !== 'localhost')
    names.add(`${host.includes(':') ? `[${host}]` : host}:${port}`.toLowerCase());
  return names;
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
  /** Settles when the full verify started after opening has ended (passed, failed or cancelled). */
  backgroundVerified: Promise<BackgroundVerifyStatus>;
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
  let selfHosts = new Set<string>();

  const server = createServer((req, res) => {
    securityHeaders(res);
    handle(req, res).catch((e: unknown) => {
      console.error('[host] request failed:', e instanceof Error ? e.message : e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '系统内部错误' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostHeader = req.headers.host;
    if (hostHeader === undefined || hostHeader === '') return sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '缺少 Host 请求头' } });
    if (!selfHosts.has(hostHeader.toLowerCase())) {
      return sendJson(res, 421, { ok: false, error: { code: 'FORBIDDEN', message: '只接受本机地址（127.0.0.1 或 localhost）的请求' } });
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '请求地址有误' } });
    }
    const pathname = decodePath(url.pathname);
    if (pathname === null) return sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '请求地址的编码有误' } });
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
      } catch (e) {
        if (e instanceof BodyTooLarge) return refuseTooLarge(req, res);
        return sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '请求内容无法解析' } });
      }
      const token = typeof req.headers['x-session'] === 'string' ? req.headers['x-session'] : null;
      return sendJson(res, 200, await dispatchAsync(core, token, pathname.slice(5), input));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false });
    if (url.pathname.startsWith(EXPORT_DOWNLOAD_PREFIX)) return serveExportDownload(core, url.pathname, res);
    serveStatic(url.pathname, res);
  }

  /** The renderer's files, decided as the Electron main decides them (hosts/shared/static-files.ts). */
  function serveStatic(encodedPath: string, res: ServerResponse): void {
    const answer = resolveStatic(staticDir, encodedPath);
    if (answer.kind === 'refuse') {
      res.writeHead(answer.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(answer.body);
      return;
    }
    const body = readFileSync(answer.file);
    res.writeHead(200, { ...answer.headers, 'Content-Length': body.length });
    res.end(body);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  selfOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://${host}:${port}`];
  selfHosts = allowedHostHeaders(host, port);
  return {
    url,
    core,
    server,
    backgroundVerified: stopTrustServices.background.done,
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
