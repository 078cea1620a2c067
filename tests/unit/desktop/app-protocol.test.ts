import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppRequest } from '../../../hosts/desktop/policy/app-protocol.js';
import { isOwnUrl, ORIGIN, START_URL } from '../../../hosts/desktop/policy/origin.js';
import { resolveStatic } from '../../../hosts/shared/static-files.js';
import { tempDir } from '../../helpers/core.js';

// The path rule itself (traversal, encodings, types, caching) is the browser host's too and
// is tested once, in tests/unit/hosts/static-files.test.ts; here, what app:// adds.
const tmp = tempDir('vps-app-');
const dir = join(tmp.dir, 'renderer');
beforeAll(() => {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'export {}');
});
afterAll(() => tmp.cleanup());

describe('app:// requests', () => {
  it('serves the renderer files and the single-page routes, by the shared rule', () => {
    expect(resolveAppRequest(dir, START_URL)).toMatchObject({ kind: 'file', file: join(dir, 'index.html') });
    expect(resolveAppRequest(dir, `${ORIGIN}/`)).toMatchObject({ kind: 'file', file: join(dir, 'index.html') });
    expect(resolveAppRequest(dir, `${ORIGIN}/counter/redeem`)).toMatchObject({ kind: 'file', file: join(dir, 'index.html') });
    for (const path of ['/assets/index-abc.js', '/..%2F..%2Fetc%2Fpasswd.txt', '/%E0%A4%A', '/assets/missing.js']) {
      expect(resolveAppRequest(dir, `${ORIGIN}${path}`), path).toEqual(resolveStatic(dir, path));
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
