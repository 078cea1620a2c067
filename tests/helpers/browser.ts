/**
 * Chromium for the end-to-end tests: the system's Debian build driven by playwright-core
 * (no browser download), and a renderer build that is never older than its sources.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const ROOT = resolve(import.meta.dirname, '..', '..');
const RENDERER_DIR = join(ROOT, 'renderer');
const BUILT_INDEX = join(ROOT, 'dist', 'renderer', 'index.html');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/renderer when it is missing or older than renderer/ or the contract's error
 * table, so running one e2e file on its own never tests yesterday's UI. `npm test` builds
 * first anyway, and then this is a no-op.
 */
export async function ensureRendererBuilt(): Promise<void> {
  const sources = Math.max(newestMtime(RENDERER_DIR), statSync(join(ROOT, 'db', 'contract', 'errors.ts')).mtimeMs);
  if (existsSync(BUILT_INDEX) && statSync(BUILT_INDEX).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), root: RENDERER_DIR, logLevel: 'warn' });
}
