/**
 * The office at the counter and under 积分评定, end to end in Chromium (issue 15): the
 * counter learns that today was closed (the banner, confirm disabled, goods refused) and
 * resumes when an administrator reopens it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPlan } from '../../db/demo/village.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { login } from '../helpers/core.js';
import { loginAs, openApp, type E2eApp } from '../helpers/browser.js';

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
