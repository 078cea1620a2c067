import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { staticFile } from '../../hub/server/static-path.js';

// The dashboard folder and a sibling whose name begins with the folder's: a prefix test
// (file.startsWith(root)) let `/../dashboard-x/secret.js` through.
const dir = mkdtempSync(join(tmpdir(), 'hub-static-'));
const root = join(dir, 'dashboard');
mkdirSync(join(root, 'assets'), { recursive: true });
mkdirSync(join(dir, 'dashboard-x'));
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'app.js'), '');
writeFileSync(join(dir, 'dashboard-x', 'secret.js'), '');
writeFileSync(join(dir, 'secret.js'), '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hub static files', () => {
  it('serves files inside the dashboard folder', () => {
    expect(staticFile(root, '/')).toBe(join(root, 'index.html'));
    expect(staticFile(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('names nothing outside it, a sibling folder with the same beginning included', () => {
    expect(staticFile(root, '/../dashboard-x/secret.js')).toBeNull();
    expect(staticFile(root, '/../secret.js')).toBeNull();
    expect(staticFile(root, '/assets/../../dashboard-x/secret.js')).toBeNull();
  });

  it('names nothing for a missing file or a folder (the page falls back to index.html)', () => {
    expect(staticFile(root, '/missing.js')).toBeNull();
    expect(staticFile(root, '/assets')).toBeNull();
  });
});
