/**
 * Chromium for the end-to-end tests: the system's Debian build driven by playwright-core
 * (no browser download), and a renderer build that is never older than its sources.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Core } from '../../db/core.js';
import { startBrowserHost, type BrowserHost } from '../../hosts/browser/browser-host.js';

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

export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');

export interface E2eApp {
  dataDir: string;
  host: BrowserHost;
  browser: Browser;
  page: Page;
  /** Closes Chromium, the host (and a core given by `core`) and removes the data folder. */
  close(): Promise<void>;
}

/**
 * What every end-to-end file starts with: the renderer built, the real browser host on a
 * fresh data folder (the demo village, unless `core` opens one of the test's own),
 * Chromium at the counter's 1366×768 in Chinese with downloads allowed, page errors
 * printed, and the screenshot folder in place.
 */
export async function openApp(opts: {
  /** Name of the temporary data folder. */
  prefix: string;
  /** A core the test opens itself on the folder (a moved clock, a smaller village). */
  core?: (dataDir: string) => Core;
  /** Playwright's timeout per action; fail fast with the step's name rather than at the test's timeout. */
  actionTimeoutMs?: number;
}): Promise<E2eApp> {
  await ensureRendererBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), opts.prefix));
  const own = opts.core?.(dataDir);
  const host = await startBrowserHost(own ? { dataDir, port: 0, core: own } : { dataDir, port: 0, demo: true });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  if (opts.actionTimeoutMs) page.setDefaultTimeout(opts.actionTimeoutMs);
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return {
    dataDir,
    host,
    browser,
    page,
    close: async () => {
      await browser.close();
      await host.close();
      own?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in from the operator tiles with the PIN pad's keyboard, until the shell shows. */
export async function loginAs(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByText('请选择操作员').waitFor();
}

/**
 * Opens a page from the header menu. With many pages some entries sit behind the menu's
 * "…", whose pop-up opens on hover: hover it only when the entry is not shown, wait until
 * the entry is visible in the pop-up, then click it — one path, no retries.
 */
export async function openMenuEntry(page: Page, name: string): Promise<void> {
  const item = page.getByRole('menuitem', { name, exact: true });
  if (!(await item.isVisible())) {
    await page.locator('.ant-menu-overflow-item-rest').last().hover();
    await item.waitFor({ state: 'visible' });
  }
  await item.click();
}

/**
 * Presses a button of the confirm dialog once the dialog has finished opening (no CSS
 * animation left on it): a click aimed at a button still zooming in can miss it on a
 * loaded machine, and then nothing is saved (seen in soak runs after 确认入库).
 */
export async function pressConfirm(page: Page, name: string): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm');
  await dialog.getByRole('button', { name }).waitFor();
  await expect
    .poll(
      () =>
        page.evaluate<number>(
          `(() => { const m = document.querySelector('.ant-modal-confirm'); return m ? m.getAnimations({ subtree: true }).length : -1; })()`,
        ),
      {
        timeout: 30_000,
      },
    )
    .toBe(0);
  await dialog.getByRole('button', { name }).click();
}
