import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppRequest } from '../../../hosts/desktop/policy/app-protocol.js';
import { isOwnUrl, ORIGIN, START_URL } from '../../../hosts/desktop/policy/origin.js';

const dir = join(sep, 'opt', 'store', 'renderer');

describe('app:// requests', () => {
  it('serves the renderer files and the single-page routes', () => {
    expect(resolveAppRequest(dir, START_URL)).toEqual({ kind: 'file', file: join(dir, 'index.html') });
    expect(resolveAppRequest(dir, `${ORIGIN}/`)).toEqual({ kind: 'file', file: join(dir, 'index.html') });
    expect(resolveAppRequest(dir, `${ORIGIN}/counter/redeem`)).toEqual({ kind: 'file', file: join(dir, 'index.html') });
    expect(resolveAppRequest(dir, `${ORIGIN}/assets/index-abc.js`)).toEqual({ kind: 'file', file: join(dir, 'assets', 'index-abc.js') });
    expect(resolveAppRequest(dir, `${ORIGIN}/assets/%E5%9B%BE.png`)).toEqual({ kind: 'file', file: join(dir, 'assets', '图.png') });
  });

  it('answers 400 on bad %-encoding instead of throwing', () => {
    for (const bad of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/%C0%AF.js']) {
      expect(resolveAppRequest(dir, `${ORIGIN}${bad}`), bad).toMatchObject({ kind: 'refuse', status: 400 });
    }
    expect(resolveAppRequest(dir, `${ORIGIN}/a%00.js`)).toMatchObject({ kind: 'refuse', status: 400 });
  });

  it('never leaves the renderer folder', () => {
    for (const probe of ['/..%2F..%2Fetc%2Fpasswd.txt', '/%2E%2E/%2E%2E/secret.key', '/assets/..%2F..%2F..%2Fstore.sqlite', '/..%5C..%5Cstore.sqlite']) {
      const r = resolveAppRequest(dir, `${ORIGIN}${probe}`);
      if (r.kind === 'file') expect(r.file.startsWith(dir + sep), probe).toBe(true);
      else expect(r.status, probe).toBe(404);
    }
  });

  it('serves nothing for another scheme or host', () => {
    expect(resolveAppRequest(dir, 'app://evil/index.html')).toMatchObject({ kind: 'refuse', status: 404 });
    expect(resolveAppRequest(dir, 'https://counter/index.html')).toMatchObject({ kind: 'refuse', status: 404 });
  });
});

describe('our origin', () => {
  it('is app://counter, compared by scheme and host', () => {
    expect(isOwnUrl(START_URL)).toBe(true);
    expect(isOwnUrl('app://counter/x?y#z')).toBe(true);
    expect(isOwnUrl('app://counter.evil/index.html')).toBe(false);
    expect(isOwnUrl('app://user@counter/index.html')).toBe(false);
    expect(isOwnUrl('file:///opt/store/renderer/index.html')).toBe(false);
    expect(isOwnUrl('http://127.0.0.1:5178/')).toBe(false);
    expect(isOwnUrl('data:text/html,hi')).toBe(false);
    expect(isOwnUrl('not a url')).toBe(false);
    // The WHATWG origin of app:// is the opaque 'null', shared with data: and others.
    expect(new URL(START_URL).origin).toBe(new URL('data:text/html,x').origin);
  });
});
