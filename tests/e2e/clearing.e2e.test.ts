/**
 * Clearing in the open, end to end: the administrator previews the clearing (balance now,
 * to clear, remains), prints the A4 notice whose figures match the database, the keeper's
 * counter warns a household whose points clear within 30 days, and after the day the
 * administrator runs it and gets the list of what was cleared. Real browser host, system
 * Chromium, 1366×768; the core's clock is the real one plus an offset the test moves.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../db/core.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { savePassbook } from '../../db/points/passbooks-clearing.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { loginAs, logout, openApp, type E2eApp } from '../helpers/browser.js';

const DAY = 86_400_000;
let host: BrowserHost;
let app: E2eApp;
let page: Page;
let offset = 0;
let clearDate = '';

beforeAll(async () => {
  app = await openApp({
    prefix: 'points-store-e2e-clearing-',
    actionTimeoutMs: 30_000,
    core: (dataDir) => {
      const core = new Core({ dataDir, clock: { now: () => new Date(Date.now() + offset) } });
      initDemoIfEmpty(core, { households: 30 });
      // The default passbook clears ten days from today.
      clearDate = new Date(Date.parse(`${core.stamp().businessDate}T00:00:00Z`) + 10 * DAY).toISOString().slice(0, 10);
      const pb = core.db.prepare('SELECT id, code, name FROM passbooks WHERE is_default = 1').get() as { id: number; code: string; name: string };
      const admin = core.db.prepare("SELECT id FROM operators WHERE role = 'admin' ORDER BY id LIMIT 1").pluck().get() as number;
      savePassbook(core, admin, { id: pb.id, code: pb.code, name: pb.name, spendable: true, clearOn: clearDate.slice(5) });
      return core;
    },
  });
  ({ host, page } = app);
}, 120_000);

afterAll(() => app?.close());

const sumBalances = () => host.core.db.prepare('SELECT SUM(balance) FROM accounts WHERE passbook_id = 1').pluck().get() as number;
const grouped = (n: number) => n.toLocaleString('en-US');

async function openSettings(): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await page.getByRole('menuitem', { name: '积分评定', exact: true }).click({ timeout: 2_000 });
      break;
    } catch {
      await page
        .locator('.ant-menu-overflow-item-rest')
        .hover({ timeout: 2_000 })
        .catch(() => undefined);
    }
  }
  await page.getByRole('tab', { name: '积分设置' }).click();
}

async function previewDefault(): Promise<void> {
  await page.locator('.ant-select').filter({ hasText: '选择存折' }).click();
  await page.locator('.ant-select-item-option').first().click();
  await page.getByRole('button', { name: '预览' }).click();
}

describe('clearing in the open', () => {
  it('previews, prints the notice, warns at the counter, runs after the day and prints the list', { timeout: 180_000 }, async () => {
    await page.goto(host.url);
    await loginAs(page, '演示管理员', '9999');
    await openSettings();
    await previewDefault();
    const table = page.getByTestId('clearing-preview-table');
    await table.waitFor();
    for (const title of ['现有积分', '将清零', '清零后剩余']) await expect.poll(() => table.getByRole('columnheader', { name: title }).count()).toBe(1);
    // Before the day everything held now would clear: the notice's total is the sum of all balances.
    const total = sumBalances();
    await page.getByTestId('clearing-notice-open').click();
    const notice = page.getByTestId('paper-preview').getByTestId('clearing-notice');
    await expect.poll(() => notice.getByTestId('clearing-notice-total').textContent()).toBe(grouped(total));
    expect(await notice.textContent()).toContain(`请在 ${clearDate} 以前到村积分超市兑换`);
    await page
      .getByRole('button', { name: /关\s*闭/ })
      .first()
      .click();
    await logout(page);

    // The keeper sees the warning for a household with points.
    await loginAs(page, '演示店员', '1234');
    const head = host.core.db.prepare("SELECT head_name FROM households WHERE number = '01-001'").pluck().get() as string;
    const scan = page.getByTestId('scan-input');
    await scan.fill(head);
    await scan.press('Enter');
    await page.locator('[data-testid="household-number"], [data-testid="match-list"]').first().waitFor();
    if (await page.getByTestId('match-list').isVisible()) await page.getByTestId('match-item').filter({ hasText: '01-001' }).click();
    await expect.poll(() => page.getByTestId('household-number').textContent()).toBe('01-001');
    await expect.poll(() => page.getByTestId('clearing-soon').textContent(), { timeout: 20_000 }).toContain(`将于 ${clearDate} 清零（还有 10 天）`);
    await logout(page);

    // Eleven days later the clearing runs; the list's total is what the ledger took.
    offset += 11 * DAY;
    await page.reload();
    await loginAs(page, '演示管理员', '9999');
    await openSettings();
    await page.locator('.ant-select').filter({ hasText: '选择存折' }).click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByLabel('清零日期').fill(clearDate);
    await page.getByRole('button', { name: '预览' }).click();
    await page.getByRole('button', { name: '执行清零' }).click();
    await page
      .getByRole('button', { name: /确\s*定|确\s*认/ })
      .last()
      .click();
    const list = page.getByTestId('paper-preview').getByTestId('cleared-list');
    await list.waitFor({ timeout: 20_000 });
    const cleared = host.core.db.prepare("SELECT -SUM(amount) FROM ledger WHERE kind = 'clearing'").pluck().get() as number;
    expect(cleared).toBe(total);
    await expect.poll(() => list.getByTestId('cleared-list-total').textContent()).toBe(grouped(cleared));
    expect(sumBalances()).toBe(0);
  });
});
