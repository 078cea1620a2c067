import { extname, join, normalize, sep } from 'node:path';
import { isOwnUrl } from './origin.js';

/**
 * What the app:// handler should answer for a request, decided without Electron: the
 * renderer file to serve, or a refusal. The export-download route is handled before this.
 */
export type AppRequest =
  | { kind: 'file'; file: string }
  | { kind: 'refuse'; status: 400 | 404; body: string };

export function resolveAppRequest(rendererDir: string, requestUrl: string): AppRequest {
  if (!isOwnUrl(requestUrl)) return { kind: 'refuse', status: 404, body: 'not found' };
  const { pathname } = new URL(requestUrl);
  let decoded: string;
  try {
    // A bad %-sequence (%E0%A4%A) makes decodeURIComponent throw: a bad request, not a crash.
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'refuse', status: 400, body: 'bad request: malformed %-encoding' };
  }
  // A NUL cannot name a file; on Windows a drive-qualified or UNC path would escape the join.
  if (decoded.includes('\0')) return { kind: 'refuse', status: 400, body: 'bad request' };
  const rel = normalize(decoded).replace(/^[/\\]+/, '');
  const root = rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep;
  // The page's own routes (no file extension) all load the single-page app.
  if (rel === '' || extname(rel) === '') return { kind: 'file', file: join(rendererDir, 'index.html') };
  const file = join(rendererDir, rel);
  if (!file.startsWith(root)) return { kind: 'refuse', status: 404, body: 'not found' };
  return { kind: 'file', file };
}
