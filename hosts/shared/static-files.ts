/**
 * The page's files and headers, the same for both hosts: the browser host answers over
 * HTTP, the Electron main through its app:// protocol handler, and both ask this module
 * which file a path names and how to send it. One CSP, one traversal rule, one MIME table,
 * one caching rule, so that the kiosk and the browser mode cannot drift apart.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/** Nothing but our own origin: scripts, styles, fonts, images and calls. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Sent by both hosts with the page's files and refusals. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
};

/**
 * What the browser host adds for a page on a plain http:// origin, which another site could
 * frame, link to or ask the browser's permissions for. In the desktop app the window's own
 * policies (hosts/desktop/policy: navigation, new windows, permission requests) do this
 * job for the app:// origin.
 */
export const WEB_HEADERS: Readonly<Record<string, string>> = {
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The camera for the counter's webcam QR option (our own pages only); nothing else.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
};

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export type StaticAnswer =
  { kind: 'file'; file: string; headers: { 'Content-Type': string; 'Cache-Control': string } } | { kind: 'refuse'; status: 400 | 404 | 503; body: string };

function fileAnswer(file: string, rel: string): StaticAnswer {
  return {
    kind: 'file',
    file,
    headers: {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      // Vite names everything under assets/ by its content hash: cached for good. The page
      // itself is checked every time, so a new version is picked up on the next start.
      'Cache-Control': rel.startsWith('assets/') || rel.startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The renderer file a request path names, or why not. `encodedPath` is the URL's path as
 * sent (still %-encoded): it is decoded once here, so `%2e%2e`, `%2f` and `%5c` are
 * judged after decoding, like a plain `../`. A path without an extension is one of the
 * page's own routes and loads index.html; a missing file is 404, never the page.
 */
export function resolveStatic(rootDir: string, encodedPath: string): StaticAnswer {
  let decoded: string;
  try {
    // A bad %-sequence (%E0%A4%A) makes decodeURIComponent throw: a bad request, not a crash.
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return { kind: 'refuse', status: 400, body: 'bad request: malformed %-encoding' };
  }
  // A NUL cannot name a file.
  if (decoded.includes('\0')) return { kind: 'refuse', status: 400, body: 'bad request' };
  const index = join(rootDir, 'index.html');
  if (!existsSync(index)) return { kind: 'refuse', status: 503, body: '界面尚未构建：请先运行 npm run build / the page is not built: run npm run build' };
  const rel = normalize(decoded).replace(/^[/\\]+/, '');
  if (rel === '' || rel === '.' || extname(rel) === '') return fileAnswer(index, 'index.html');
  const file = join(rootDir, rel);
  // After normalising, a `..` that climbs out leaves a path outside the folder; on Windows
  // a drive-qualified or UNC spelling does too. Neither is served.
  const root = rootDir.endsWith(sep) ? rootDir : rootDir + sep;
  if (!file.startsWith(root)) return { kind: 'refuse', status: 404, body: 'not found' };
  if (!isFile(file)) return { kind: 'refuse', status: 404, body: 'not found' };
  return fileAnswer(file, rel);
}
