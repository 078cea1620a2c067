/**
 * Bundles a TypeScript entry for child processes with esbuild (the compiler tsx itself
 * uses): plain `node bundle.mjs` starts in a fraction of the time tsx needs to compile
 * the core on every start, which matters for tests that start many children.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..', '..');

export function bundleForNode(entry: string): { file: string; cleanup(): void } {
  // Inside the repo so that `better-sqlite3` resolves from node_modules.
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'vps-child-'));
  const file = join(dir, 'child.mjs');
  buildSync({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'electron'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
