import { resolveStatic, type StaticAnswer } from '../../shared/static-files.js';
import { isOwnUrl } from './origin.js';

/**
 * What the app:// handler should answer for a request, decided without Electron: the
 * renderer file to serve (with its headers), or a refusal. Only our own origin is served;
 * the path is then judged by the rule the browser host uses too (hosts/shared/static-files.ts).
 * The export-download route is handled before this.
 */
export function resolveAppRequest(rendererDir: string, requestUrl: string): StaticAnswer {
  if (!isOwnUrl(requestUrl)) return { kind: 'refuse', status: 404, body: 'not found' };
  return resolveStatic(rendererDir, new URL(requestUrl).pathname);
}
