/**
 * Witness codes end to end in Chromium: the keeper makes a sale, the receipt on screen shows
 * the books code printed on the paper receipt; the administrator pastes it (and a code that
 * was never printed) into 设置 → 数据校验 and sees the first held and the second not.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { parseWitness, witnessOfRow } from '../../db/books/witness.js';
import { loginAs, logout, openApp, openMenuEntry, type E2eApp } from '../helpers/browser.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;

beforeAll(async () => {
  // The first run may build the renderer; Chromium on a loaded 2-core machine is slow to start.
  app = await openApp({ prefix: 'points-store-e2e-witness-', actionTimeoutMs: 20_000 });
  ({ host, page } = app);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('witness codes from paper', () => {
  it('a sale’s receipt code is pasted into 设置 → 数据校验 and holds', { timeout: 120_000 }, async () => {
    const db = host.core.db;
    const hh = db.prepare('SELECT h.number FROM households h JOIN accounts a ON a.household_id = h.id ORDER BY a.balance DESC LIMIT 1').pluck().get() as string;
    const goods = db.prepare('SELECT name FROM goods WHERE active = 1 AND stock > 5 ORDER BY points_price LIMIT 1').pluck().get() as string;

    await page.goto(host.url);
    await loginAs(page, '演示店员', '1234');
    const scanBox = page.getByTestId('scan-input');
    await scanBox.fill(hh);
    await scanBox.press('Enter');
    await page.locator('[data-testid="household-number"], [data-testid="match-list"]').first().waitFor();
    if (await page.getByTestId('match-list').isVisible()) await page.getByTestId('match-item').filter({ hasText: hh }).click();
    await expect.poll(() => page.getByTestId('household-number').textContent()).toBe(hh);
    await page.getByRole('button', { name: goods, exact: true }).click();
    await page.getByTestId('cart-line').first().waitFor();
    await page.getByTestId('confirm-redemption').click();
    const onScreen = page.getByTestId('receipt').getByTestId('receipt-witness');
    await onScreen.waitFor();
    const code = (await onScreen.textContent())!;
    // The code on screen is the receipt's own ledger row, as the core has it.
    const ledgerId = parseWitness(code)!.ledgerId;
    expect(witnessOfRow(db, ledgerId)).toBe(code);

    await page.getByRole('button', { name: '下一位' }).click();
    await onScreen.waitFor({ state: 'detached' });
    await logout(page);
    await loginAs(page, '演示管理员', '9999');
    if (!(await page.getByTestId('settings-page').isVisible())) await openMenuEntry(page, '设置');
    await page.getByRole('tab', { name: '数据校验' }).click();
    // Typed from paper: lower case, without '#'; plus one code whose digits were misread.
    const misread = code.replace(/ (\S)/, (_m, c: string) => ` ${c === 'Z' ? 'Y' : 'Z'}`);
    await page.getByTestId('witness-input').fill(`${code.toLowerCase().replace('#', '')}\n\n${misread}\nhello`);
    await page.getByRole('button', { name: '核对见证码' }).click();
    const results = page.getByTestId('witness-result');
    await expect.poll(() => results.count()).toBe(3);
    expect(await results.nth(0).getAttribute('data-outcome')).toBe('held');
    expect(await results.nth(0).textContent()).toContain(`账本仍包含这段历史（至台账第 ${ledgerId} 行）`);
    expect(await results.nth(1).getAttribute('data-outcome')).toBe('rewritten');
    expect(await results.nth(1).textContent()).toContain(`第 ${ledgerId} 行或之前被改写`);
    expect(await results.nth(2).getAttribute('data-outcome')).toBe('malformed');
    expect(await page.getByTestId('witness-results').textContent()).toContain('2 个见证码不相符');

    // Only the receipt's code: all green.
    await page.getByTestId('witness-input').fill(code);
    await page.getByRole('button', { name: '核对见证码' }).click();
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.nth(0).getAttribute('data-outcome')).toBe('held');
    expect(await page.getByTestId('witness-results').textContent()).toContain('1 个见证码全部相符');
  });
});
