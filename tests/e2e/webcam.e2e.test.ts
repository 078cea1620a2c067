/**
 * Webcam QR at the counter, in Chromium with a fake camera: the video is a demo household
 * card's QR code (made in the test as a Y4M file), and the counter opens that household
 * when the keeper points the "camera" at it. Chromium on Linux has no BarcodeDetector, so
 * this exercises the jsQR path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCardCode } from '../../db/domain/card-code.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, loginAs, openApp, type E2eApp } from '../helpers/browser.js';
import { writeQrVideo } from '../helpers/fake-camera.js';

let app: E2eApp;
let browser: Browser;
let page: Page;
let dir: string;
let household: { number: string; cardVersion: number };

beforeAll(async () => {
  app = await openApp({ prefix: 'vps-webcam-e2e-', actionTimeoutMs: 30_000 });
  const row = app.host.core.db
    .prepare("SELECT number, card_version AS cardVersion FROM households WHERE status = 'active' ORDER BY id LIMIT 1 OFFSET 3")
    .get() as {
    number: string;
    cardVersion: number;
  };
  household = row;
  dir = mkdtempSync(join(tmpdir(), 'vps-fake-camera-'));
  const video = join(dir, 'card.y4m');
  writeQrVideo(video, makeCardCode(app.host.core.keyring, row.number, row.cardVersion));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`, '--use-fake-ui-for-media-stream'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('the keeper shows a household card to the webcam and the household opens', { timeout: 90_000 }, async () => {
  await page.goto(app.host.url);
  await loginAs(page, '演示店员', '1234');
  await page.getByTestId('scan-input').waitFor();
  await page.getByTestId('webcam-open').click();
  await page.getByTestId('webcam-video').waitFor();
  await expect.poll(() => page.getByTestId('household-number').textContent(), { timeout: 30_000 }).toBe(household.number);
  // The dialog closed itself and the camera was let go.
  await expect.poll(() => page.getByTestId('webcam-video').count()).toBe(0);
});
