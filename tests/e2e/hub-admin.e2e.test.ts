/**
 * The township administrator's screens in Chromium: a viewer has no such screens and the
 * server refuses their POST; the administrator uploads a store's registration file, sees
 * its fingerprint (the one the store shows), confirms, then uploads several report files
 * at once and sees each accepted, or refused with its reason (one has a changed byte).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../hub/db/engine.js';
import { openHub } from '../../hub/db/open-hub.js';
import { dateRange, DemoVillage } from '../../hub/demo/generate.js';
import { totals } from '../../hub/queries/totals.js';
import { serveHub } from '../../hub/server/serve.js';
import { setUser } from '../../hub/server/users.js';
import { reportFileName } from '../../db/reporting/format/report.js';
import { ARTIFACTS, launchChromium } from '../helpers/browser.js';
import { ensureDashboardBuilt } from '../helpers/hub-dashboard.js';

describe('township administrator: register a store and import report files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-admin-e2e-'));
  const files = join(dir, 'usb');
  const village = new DemoVillage('110105001207', '南湾村', '测试镇', 40, 21);
  const days = dateRange('2026-10-01', 3);
  const reportFiles: string[] = [];
  let tampered = '';
  let engine: Engine;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureDashboardBuilt();
    mkdirSync(files);
    writeFileSync(join(files, 'registration.json'), village.registrationText);
    for (const d of days) {
      const name = reportFileName(village.code, d, 1);
      writeFileSync(join(files, name), village.report(d));
      reportFiles.push(join(files, name));
    }
    // A copy of the last day with one digit changed inside the signed body.
    const text = readFileSync(reportFiles.at(-1)!, 'utf8');
    const at = text.indexOf('households') + 14;
    const i = text.slice(at).search(/[0-9]/) + at;
    tampered = join(files, 'z-changed.dayreport.json');
    writeFileSync(tampered, text.slice(0, i) + (text[i] === '1' ? '2' : '1') + text.slice(i + 1));

    engine = await openHub({ data: join(dir, 'hub') });
    await setUser(engine, '乡镇管理员', 'administrator', 'admin-pass');
    await setUser(engine, '乡镇查看员', 'viewer', 'viewer-pass');
    server = await serveHub(engine, { port: 0, host: '127.0.0.1', open: false });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => console.error('[page error]', e.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function logIn(name: string, password: string): Promise<void> {
    await page.goto(server.url);
    await page.getByTestId('login-name').fill(name);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('who').getByText(name).waitFor();
  }

  it('a viewer has no register or import screens, and the server refuses their upload', async () => {
    await logIn('乡镇查看员', 'viewer-pass');
    await page.getByTestId('table-villages').waitFor();
    expect(await page.getByTestId('admin-panel').count()).toBe(0);
    const status = await page.evaluate(
      `fetch('/api/stores', { method: 'POST', credentials: 'same-origin', body: ${JSON.stringify(village.registrationText)} }).then((r) => r.status)`,
    );
    expect(status).toBe(403);
    expect((await totals(engine)).villages).toEqual([]);
    // antd spaces a two-character Chinese button label (退 出).
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByTestId('login-name').waitFor();
  }, 120_000);

  it('the administrator registers the store after seeing its fingerprint, then imports several files, one refused', async () => {
    await logIn('乡镇管理员', 'admin-pass');
    const register = page.getByTestId('register-card');
    await register.locator('input[type=file]').setInputFiles(join(files, 'registration.json'));
    const fingerprint = (JSON.parse(village.registrationText) as { keyFingerprint: string }).keyFingerprint;
    await expect.poll(() => page.getByTestId('register-fingerprint').innerText()).toBe(fingerprint);
    await page.getByTestId('register-preview').getByText('南湾村').first().waitFor();
    // Nothing is stored until the administrator confirms.
    expect((await totals(engine)).villages).toEqual([]);
    await page.getByTestId('register-confirm').click();
    await page.getByTestId('register-done').getByText('已登记').waitFor();
    expect((await totals(engine)).villages.map((v) => v.code)).toEqual([village.code]);

    const imports = page.getByTestId('import-card');
    await imports.locator('input[type=file]').setInputFiles([tampered, ...reportFiles.slice().reverse()]);
    const results = page.getByTestId('import-results');
    await expect.poll(() => results.getByTestId('outcome-accepted').count(), { timeout: 60_000 }).toBe(3);
    await expect.poll(() => results.getByTestId('outcome-refused').count(), { timeout: 60_000 }).toBe(1);
    const refusedRow = results.locator('tr', { hasText: 'z-changed.dayreport.json' });
    await refusedRow.getByText('拒收').waitFor();
    await refusedRow.getByText(/签名无效/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'hub-admin.png'), fullPage: true });
    expect((await totals(engine)).villages[0]).toMatchObject({ code: village.code, lastDay: days.at(-1) });

    // English beside the Chinese.
    await page.getByText('English', { exact: true }).click();
    await results.getByText('Refused').waitFor();
    await page.getByTestId('register-card').getByText('Register a village store').waitFor();
  }, 180_000);
});
