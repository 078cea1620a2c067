/**
 * The page's fixed origin: a privileged custom scheme instead of file://, so that the
 * main process can send a CSP header and can tell our page from anything else.
 */
export const SCHEME = 'app';
export const HOST = 'counter';
export const ORIGIN = `${SCHEME}://${HOST}`;
export const START_URL = `${ORIGIN}/index.html`;

/**
 * Whether a URL is a page of ours. Compared by scheme and host, not by URL.origin: for a
 * non-web scheme the WHATWG origin is the opaque 'null', which would match every other
 * opaque origin too.
 */
export function isOwnUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${SCHEME}:` && u.host === HOST && u.username === '' && u.password === '';
}
