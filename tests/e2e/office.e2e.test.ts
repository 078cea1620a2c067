/**
 * The office under 积分评定 and at the counter, end to end in Chromium (issue 15): the
 * accountant downloads the monthly evaluation sheet's template, uploads it filled (written
 * with SheetJS here), sees a bad cell by its row and nothing importable, fixes it and
 * imports entries awaiting review; the counter learns that today was closed (the banner,
 * confirm disabled, goods refused) and resumes when an administrator reopens it.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { demoPlan } from '../../db/demo/village.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { login } from '../helpers/core.js';
import { loginAs, logout, openApp, openMenuEntry, type E2eApp } from '../helpers/browser.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;

const plan = demoPlan();
const rich = [...plan.households].sort((a, b) => b.openingPoints - a.openingPoints)[0]!;
const salt = plan.goods.find((g) => g.name === '食盐 400g')!;

beforeAll(async () => {
  // 30 s per action: the machine is shared and loaded; a stuck step fails with its name.
  app = await openApp({ prefix: 'points-store-e2e-office-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
}, 60_000);

afterAll(() => app?.close());

/** The filled sheet as the village would send it back: an .xlsx written by SheetJS. */
function xlsxOf(rows: string[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '评比表');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe('the monthly evaluation sheet', () => {
  it('template down, a bad sheet refused by row, the fixed sheet imported for review', { timeout: 180_000 }, async () => {
    await page.goto(host.url);
    await loginAs(page, '演示会计', '5678');
    await openMenuEntry(page, '积分评定');
    await page.getByRole('tab', { name: '月度评比表' }).click();
    const tab = page.getByTestId('evaluation-tab');
    await tab.waitFor();

    // The template, downloaded through the screen and read back by an independent reader.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evaluation-template').click()]);
    const template = XLSX.read(readFileSync((await download.path())!));
    const rows = XLSX.utils.sheet_to_json<string[]>(template.Sheets[template.SheetNames[0]!]!, { header: 1, defval: '' }).map((r) => r.map(String));
    const head = rows[0]!;
    expect(head[0]).toBe('户号*');
    // A fixed-value award column: a ✓ is enough there.
    const col = head.findIndex((h) => /^【.+】.*（\+\d+）$/.test(h));
    expect(col).toBeGreaterThan(2);
    const households = rows.slice(1, 4);
    expect(households.length).toBe(3);

    const keeper = login(host.core, 'accountant');
    const pendingBefore = keeper.call('points.entries', { status: ['pending'], limit: 1 }).total;

    // A bad cell in the sheet's third row: shown by its row, nothing importable.
    const bad = [head, ...households.map((r, i) => r.map((c, j) => (j === col ? (i === 1 ? '很好' : '✓') : c)))];
    const upload = tab.locator('input[type=file]');
    await upload.setInputFiles({ name: 'bad.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsxOf(bad) });
    await tab.getByTestId('evaluation-summary').waitFor();
    expect(await tab.getByTestId('evaluation-summary').textContent()).toContain('有 1 行有问题');
    const problemRow = tab.locator('tr', { has: page.getByTestId('evaluation-problem') });
    expect(await problemRow.locator('td').first().textContent()).toBe('3');
    expect(await problemRow.textContent()).toContain('很好');
    expect(await tab.getByTestId('evaluation-import').isDisabled()).toBe(true);
    expect(keeper.call('points.entries', { status: ['pending'], limit: 1 }).total).toBe(pendingBefore);

    // Fixed: all three rows check out and are imported as entries awaiting review.
    const good = [head, ...households.map((r) => r.map((c, j) => (j === col ? '✓' : c)))];
    await upload.setInputFiles({ name: 'good.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsxOf(good) });
    await expect.poll(() => tab.getByTestId('evaluation-summary').textContent()).toContain('共 3 条记录，全部无误');
    await tab.getByTestId('evaluation-import').click();
    await tab.getByTestId('evaluation-summary').waitFor({ state: 'detached' });
    expect(keeper.call('points.entries', { status: ['pending'], limit: 1 }).total).toBe(pendingBefore + 3);
    await logout(page);
  });
});

describe('the closed-day banner at the counter', () => {
  it('appears once today is closed, blocks adding and confirming, and goes when it is reopened', { timeout: 180_000 }, async () => {
    await page.goto(host.url);
    await loginAs(page, '演示店员', '1234');
    await page.getByTestId('scan-input').fill(rich.number);
    await page.getByTestId('scan-input').press('Enter');
    await expect.poll(() => page.getByTestId('household-number').textContent()).toBe(rich.number);
    await page.getByRole('button', { name: salt.name, exact: true }).click();
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await page.getByTestId('closed-day-banner').count()).toBe(0);
    expect(await page.getByTestId('confirm-redemption').isEnabled()).toBe(true);

    // The accountant closes today elsewhere (another machine, through the core).
    const today = host.core.stamp().businessDate;
    login(host.core, 'accountant').call('dayClose.close', { date: today, pin: '5678' });

    // The refused sale makes the counter ask at once; the banner says what to do.
    await page.keyboard.press('F9');
    const banner = page.getByTestId('closed-day-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`今天（${today}）已日结`);
    expect(await banner.textContent()).toContain('请管理员');
    expect(await page.getByTestId('confirm-redemption').isDisabled()).toBe(true);
    // Goods are not addable while it shows: the cart stays at one line of one.
    await page.getByRole('button', { name: salt.name, exact: true }).click();
    await expect.poll(() => page.getByTestId('scan-feedback').textContent()).toContain('已日结');
    expect(await page.getByTestId('cart-line').locator('input').first().inputValue()).toBe('1');

    // An administrator reopens the day; the counter's poll (every 30 s) lifts the banner.
    login(host.core, 'admin').call('dayClose.reopen', { date: today, reason: '补录兑换' });
    await banner.waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.getByTestId('confirm-redemption').isEnabled()).toBe(true);
  });
});
