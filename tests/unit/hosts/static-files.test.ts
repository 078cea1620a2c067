/**
 * Issue 16, item 5: one static-file rule and one CSP for both hosts
 * (hosts/shared/static-files.ts). Tested on a real folder: each traversal probe is aimed
 * (checked below) at a canary exactly as many levels above the renderer folder as its
 * `..` climb, so a server that resolved that spelling would hand the canary out.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, PAGE_HEADERS, resolveStatic } from '../../../hosts/shared/static-files.js';
import { tempDir } from '../../helpers/core.js';

const tmp = tempDir('vps-static-');
const root = join(tmp.dir, 'one', 'renderer');
const canary1 = join(tmp.dir, 'one', 'canary.key');
const canary2 = join(tmp.dir, 'canary.key');

beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>积分超市</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
  writeFileSync(join(root, 'assets', '图.png'), 'png');
  writeFileSync(join(root, 'assets', 'data.bin'), 'bin');
  writeFileSync(canary1, 'CANARY-1');
  writeFileSync(canary2, 'CANARY-2');
});
afterAll(() => tmp.cleanup());

/** Where a server that joined the decoded path naively would read. */
const naive = (probe: string) => join(root, decodeURIComponent(probe));

/** Probes with exactly the `..` that reach a canary, plain and %-encoded. */
const TRAVERSAL_PROBES: [string, string][] = [
  ['/../canary.key', canary1],
  ['/..%2fcanary.key', canary1],
  ['/%2e%2e/canary.key', canary1],
  ['/%2E%2E%2Fcanary.key', canary1],
  ['/assets/..%2f..%2fcanary.key', canary1],
  ['/assets/%2e%2e/%2e%2e/canary.key', canary1],
  ['/../../canary.key', canary2],
  ['/..%2f..%2fcanary.key', canary2],
  ['/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fcanary.key', canary2],
];

describe('the shared static-file rule', () => {
  it.each(TRAVERSAL_PROBES)('never leaves the renderer folder: %s', (probe, canary) => {
    // The probe is aimed right: a naive join would reach the canary.
    expect(naive(probe)).toBe(canary);
    const answer = resolveStatic(root, probe);
    expect(answer).toMatchObject({ kind: 'refuse', status: 404 });
  });

  it('backslash spellings name no file outside either (a separator on Windows, a character elsewhere)', () => {
    for (const probe of ['/..%5ccanary.key', '/assets/..%5c..%5ccanary.key', '/%2e%2e%5c%2e%2e%5ccanary.key']) {
      const answer = resolveStatic(root, probe);
      if (answer.kind === 'file') expect(answer.file.startsWith(root + sep), probe).toBe(true);
      else expect(answer.status, probe).toBe(404);
    }
  });

  it('serves the files with their type and caching: hashed assets for good, the page checked every time', () => {
    expect(resolveStatic(root, '/assets/index-abc.js')).toEqual({
      kind: 'file',
      file: join(root, 'assets', 'index-abc.js'),
      headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' },
    });
    expect(resolveStatic(root, '/assets/%E5%9B%BE.png')).toMatchObject({
      kind: 'file',
      file: join(root, 'assets', '图.png'),
      headers: { 'Content-Type': 'image/png' },
    });
    expect(resolveStatic(root, '/assets/data.bin')).toMatchObject({ headers: { 'Content-Type': 'application/octet-stream' } });
    for (const route of ['/', '/index.html', '/counter/redeem', '/display', '/assets']) {
      expect(resolveStatic(root, route), route).toEqual({
        kind: 'file',
        file: join(root, 'index.html'),
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' },
      });
    }
  });

  it('a missing file is 404 (never the page under a script name); bad encoding and NUL are 400; an unbuilt page is 503', () => {
    expect(resolveStatic(root, '/assets/missing.js')).toMatchObject({ kind: 'refuse', status: 404 });
    for (const bad of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/%C0%AF.js']) expect(resolveStatic(root, bad), bad).toMatchObject({ kind: 'refuse', status: 400 });
    expect(resolveStatic(root, '/a%00.js')).toMatchObject({ kind: 'refuse', status: 400 });
    expect(resolveStatic(join(tmp.dir, 'not-built'), '/')).toMatchObject({ kind: 'refuse', status: 503 });
  });

  it('is the one place a host gets its CSP or decides a renderer file', () => {
    expect(PAGE_HEADERS['Content-Security-Policy']).toBe(CSP);
    expect(CSP).toContain("default-src 'self'");
    const hosts = join(import.meta.dirname, '../../../hosts');
    const files = readdirSync(hosts, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith(`shared${sep}static-files.ts`));
    const own = files.filter((f) => /default-src|'\.woff2'|max-age=/.test(readFileSync(join(hosts, f), 'utf8')));
    expect(own).toEqual([]);
    for (const f of ['browser/browser-host.ts', 'desktop/main.ts', 'desktop/policy/app-protocol.ts']) {
      expect(readFileSync(join(hosts, f), 'utf8'), f).toMatch(/from '\.\.\/(\.\.\/)?shared\/static-files\.js'/);
    }
  });
});
