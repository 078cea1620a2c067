/**
 * The accountant's day, end to end in Chromium: a keeper serves three households at the
 * counter; the accountant sees the day reconcile, signs it with a PIN (a wrong one
 * first), prints the A4 sheet, exports the day's redemptions and opens the file with an
 * independent reader; then the counter refuses a sale into the closed day.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { demoPlan } from '../../db/demo/village.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { ARTIFACTS, loginAs as loginAsIn, logout as logoutOf, openApp, type E2eApp } from '../helpers/browser.js';

let dataDir: string;
let host: BrowserHost;
let app: E2eApp;
let page: Page;

const plan = demoPlan();
const customers = [...plan.households].sort((a, b) => b.openingPoints - a.openingPoints).slice(0, 3);
const salt = plan.goods.find((g) => g.name === '食盐 400g')!;
const soap = plan.goods.find((g) => g.name === '香皂 3块装')!;

beforeAll(async () => {
  app = await openApp({ prefix: 'points-store-e2e-day-', actionTimeoutMs: 30_000 });
  ({ dataDir, host, page } = app);
}, 60_000);

afterAll(() => app?.close());

const loginAs = (name: string, pin: string) => loginAsIn(page, name, pin);
const logout = () => logoutOf(page);

async function sell(number: string, goods: string[]): Promise<void> {
  // Only when a household is still on screen: clicking a button that is not there waits
  // out the whole action timeout (30 s a sale).
  const other = page.getByRole('button', { name: '换一户' });
  if (await other.isVisible()) await other.click();
  await page.getByTestId('scan-input').fill(number);
  await page.getByTestId('scan-input').press('Enter');
  await expect.poll(() => page.getByTestId('household-number').textContent()).toBe(number);
  for (const g of goods) await page.getByRole('button', { name: g, exact: true }).click();
  await page.keyboard.press('F9');
}

describe('the accountant closes a day, end to end', () => {
  it('redeem at the counter, reconcile, sign, print, export, and the closed day refuses a sale', { timeout: 240_000 }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.goto(host.url);

    // A day of redemptions at the counter.
    await loginAs('演示店员', '1234');
    for (const [i, c] of customers.entries()) {
      await sell(c.number, i === 1 ? [salt.name, soap.name] : [salt.name]);
      await page.getByTestId('receipt').getByTestId('receipt-no').waitFor();
      await page.getByRole('button', { name: '下一位' }).click();
    }
    await logout();

    // The accountant opens 日结: today is at the top, reconciled, with the day's figures.
    await loginAs('演示会计', '5678');
    await page.getByRole('menuitem', { name: '日结·报表' }).click();
    await page.getByTestId('reconciliation').waitFor();
    const today = host.core.stamp().businessDate;
    await expect.poll(() => page.getByTestId('day-title').textContent()).toContain(today);
    expect(await page.getByTestId('day-state').textContent()).toBe('未日结');
    expect(await page.getByTestId('reconciliation').textContent()).toContain('对账通过');
    expect(await page.locator('[data-testid="check"][data-ok="false"]').count()).toBe(0);
    const expectedPoints = 3 * salt.pointsPrice + soap.pointsPrice;
    expect(await page.getByTestId('net-points').textContent()).toContain(expectedPoints.toLocaleString('en-US'));
    await page.screenshot({ path: join(ARTIFACTS, 'day-close.png'), fullPage: false });

    // Sign: a wrong PIN is refused in the dialog, the right one closes the day.
    await page.getByTestId('close-open').click();
    await page.getByTestId('close-pin').fill('0000');
    await page.getByTestId('close-confirm').click();
    await expect.poll(() => page.locator('.ant-modal').getByRole('alert').textContent()).toContain('PIN 错误');
    await page.getByTestId('close-pin').fill('5678');
    await page.getByTestId('close-confirm').click();
    await expect.poll(() => page.getByTestId('day-state').textContent()).toBe('已日结');
    expect(await page.getByTestId('history-row').first().textContent()).toContain('演示会计');
    await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 10_000 });

    // The A4 sheet, as the printer sees it.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    const sheet = page.getByTestId('print-sheet');
    expect(await sheet.isVisible()).toBe(true);
    expect(await sheet.textContent()).toContain(`营业日：${today}`);
    expect(await sheet.textContent()).toContain('会计签字：演示会计');
    await page.screenshot({ path: join(ARTIFACTS, 'day-close-a4.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 768 });

    // Export the day's redemptions and read the file with SheetJS.
    await page.getByRole('tab', { name: '导出' }).click();
    await page.getByTestId('export-kind').getByText('兑换明细').click();
    await page.getByTestId('period-kind').getByText('某一天').click();
    await page.getByTestId('period-day').fill(today);
    await page.getByTestId('export-start').click();
    const downloadButton = page.getByTestId('export-download').first();
    await downloadButton.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'exports.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    expect(download.suggestedFilename()).toBe(`兑换明细_${today}.xlsx`);
    const file = join(dataDir, 'downloaded.xlsx');
    await download.saveAs(file);
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(readFileSync(file)).Sheets['兑换明细']!, { header: 1, raw: false, defval: '' });
    const lines = host.core.db
      .prepare(
        'SELECT r.receipt_no, l.name, l.quantity FROM redemption_lines l JOIN redemptions r ON r.id = l.redemption_id WHERE r.business_date = ? ORDER BY r.id, l.line_no',
      )
      .all(today) as { receipt_no: string; name: string; quantity: number }[];
    expect(lines).toHaveLength(4);
    expect(rows.slice(1, -1).map((r) => [r[0], r[10], Number(r[13])])).toEqual(lines.map((l) => [l.receipt_no, l.name, l.quantity]));
    expect(Number(rows.at(-1)![14])).toBe(expectedPoints);

    // Statistics render their charts.
    await page.getByRole('tab', { name: '统计' }).click();
    await page.getByTestId('chart-months').locator('canvas').waitFor();
    await page.getByTestId('stats-outstanding').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'stats.png') });
    await logout();

    // The closed day refuses the next sale, in plain Chinese, at the counter.
    await loginAs('演示店员', '1234');
    await sell(customers[0]!.number, [salt.name]);
    await expect.poll(() => page.getByTestId('scan-feedback').textContent()).toContain('已日结，不能再记入该日');
    expect(host.core.db.prepare('SELECT count(*) FROM redemptions WHERE business_date = ?').pluck().get(today)).toBe(3);
  });
});
