/**
 * The counter end to end, as a keeper works it: real browser host on a fresh data
 * folder with the demo village, system Chromium, 1366×768 (the smallest counter screen
 * we design for). One long story rather than many small tests, because each step builds
 * on the state the previous one left — exactly as at a real counter.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPlan, withWrongCheckChar, type DemoHousehold } from '../../db/demo/village.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { ARTIFACTS, openApp, type E2eApp } from '../helpers/browser.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

let host: BrowserHost;
let app: E2eApp;
let page: Page;

const plan = demoPlan();
// The richest household, so two carts never run short of points.
const customer: DemoHousehold = [...plan.households].sort((a, b) => b.openingPoints - a.openingPoints)[0]!;
const headId = customer.members[0]!.idNumber;
// A family of several members with points to spare, for the screenshot.
const showcase: DemoHousehold = [...plan.households]
  .filter((h) => h.openingPoints >= 200 && h !== customer)
  .sort((a, b) => b.members.length - a.members.length || b.history.length - a.history.length)[0]!;
const flour = plan.goods.find((g) => g.name === '高筋面粉 5kg')!;
const soy = plan.goods.find((g) => g.name === '海天生抽 500ml')!;
const salt = plan.goods.find((g) => g.name === '食盐 400g')!;

beforeAll(async () => {
  app = await openApp({ prefix: 'points-store-e2e-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
}, 60_000);

afterAll(() => app?.close());

// ---- what a keeper does, in words ---------------------------------------------------

const scanBox = () => page.getByTestId('scan-input');
const feedback = () => page.getByTestId('scan-feedback');

async function scan(text: string): Promise<void> {
  await scanBox().fill(text);
  await scanBox().press('Enter');
}

// In-page snippets are strings: this file is type-checked without the DOM library.
async function focusedTestId(): Promise<string | null> {
  return page.evaluate<string | null>(`document.activeElement?.getAttribute('data-testid') ?? null`);
}

/** Scans or types `query`; picks `number` from the list if several households match. */
async function findHousehold(query: string, number: string): Promise<void> {
  const other = page.getByRole('button', { name: '换一户' });
  if (await other.isVisible()) await other.click();
  await scan(query);
  await page.locator('[data-testid="household-number"], [data-testid="match-list"]').first().waitFor();
  if (await page.getByTestId('match-list').isVisible()) {
    await page.getByTestId('match-item').filter({ hasText: number }).click();
  }
  await expect.poll(() => page.getByTestId('household-number').textContent()).toBe(number);
}

async function balanceOnScreen(): Promise<number> {
  return Number((await page.getByTestId('passbook-balance').textContent())?.replace(/,/g, ''));
}

async function stockOnTile(name: string): Promise<number> {
  const text = await page.getByRole('button', { name, exact: true }).getByTestId('goods-stock').textContent();
  return Number(/\d+/.exec(text ?? '')?.[0] ?? NaN);
}

async function receiptRows(): Promise<number> {
  await page.getByRole('menuitem', { name: '今日兑换单' }).click();
  await page.getByTestId('receipts-count').waitFor();
  // The list reloads whenever the page is shown; wait for it to settle.
  await page.waitForLoadState('networkidle');
  return page.locator('[data-testid="receipts-table"] tr.ant-table-row').count();
}

/** Opens the void dialog from the receipt shown: one click, then wait for the dialog. */
async function openVoidDialog(): Promise<void> {
  await page.getByTestId('void-open').click();
  await page.getByTestId('void-reason').waitFor();
}

async function backToCounter(): Promise<void> {
  await page.getByRole('menuitem', { name: '柜台' }).click();
  await expect.poll(focusedTestId).toBe('scan-input');
}

// ---- the story ----------------------------------------------------------------------

describe('the counter, end to end', () => {
  it('logs in, finds households, redeems once per cart, voids, and looks right', { timeout: 90_000 }, async () => {
    await page.goto(host.url);

    // Log in as the keeper with the on-screen tiles and the keyboard.
    await page.getByRole('button', { name: /演示店员/ }).click();
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('PIN 错误');
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await scanBox().waitFor();
    await expect.poll(focusedTestId).toBe('scan-input');

    const rowsBefore = await receiptRows();
    await backToCounter();

    // A wrong check character is refused at once, in red, next to the box.
    await scan(withWrongCheckChar(headId));
    await expect.poll(() => feedback().textContent()).toContain('身份证号校验位错误');
    expect(await feedback().getAttribute('class')).toContain('ant-alert-error');

    // By ID number, by name, by pinyin initials (zs finds 张三, the demo's first household).
    await findHousehold(headId, customer.number);
    expect(await page.getByTestId('household-panel').textContent()).toContain('********');
    expect(await page.getByTestId('household-panel').textContent()).not.toContain(headId);
    await findHousehold(customer.members[0]!.name, customer.number);
    await findHousehold('zs', plan.households[0]!.number);

    // An ID-card reader typing through an active Chinese IME: every key arrives as
    // 'Process' and no text reaches the box; the burst is rebuilt from key codes.
    await page.getByRole('button', { name: '换一户' }).click();
    await page.evaluate(`(() => {
      const fire = (key, code) =>
        document.dispatchEvent(new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true }));
      for (const ch of ${JSON.stringify(headId)}) fire('Process', ch === 'X' ? 'KeyX' : 'Digit' + ch);
      fire('Enter', 'Enter');
    })()`);
    await expect.poll(() => page.getByTestId('household-number').textContent()).toBe(customer.number);

    // Goods before a household is chosen: refused politely.
    await page.getByRole('button', { name: '换一户' }).click();
    await scan(soy.barcode);
    await expect.poll(() => feedback().textContent()).toContain('请先选择农户');

    // First cart: one tapped tile, one scanned barcode twice (quantity 2).
    await findHousehold(headId, customer.number);
    const balanceBefore = await balanceOnScreen();
    const flourStock = await stockOnTile(flour.name);
    await page.getByRole('button', { name: flour.name, exact: true }).click();
    expect(await focusedTestId()).toBe('scan-input');
    await scan(soy.barcode);
    await scan(soy.barcode);
    const total = flour.pointsPrice + 2 * soy.pointsPrice;
    await expect.poll(() => page.getByTestId('cart-total').textContent()).toBe(total.toLocaleString('en-US'));
    expect(await page.getByTestId('cart-after').textContent()).toBe((balanceBefore - total).toLocaleString('en-US'));

    await page.keyboard.press('F9');
    const receipt = page.getByTestId('receipt');
    await receipt.getByTestId('receipt-no').waitFor();
    expect(await receipt.getByTestId('receipt-no').textContent()).toMatch(/^\d{8}-\d{4}$/);
    expect(await receipt.getByTestId('receipt-total').textContent()).toBe(total.toLocaleString('en-US'));
    expect(await receipt.getByTestId('receipt-balance-after').textContent()).toBe((balanceBefore - total).toLocaleString('en-US'));
    expect(await receipt.textContent()).toContain('演示店员');

    // 下一位: a clean counter, focus back in the box, new stock and balance on screen.
    await page.getByRole('button', { name: '下一位' }).click();
    await expect.poll(focusedTestId).toBe('scan-input');
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    await expect.poll(() => stockOnTile(flour.name)).toBe(flourStock - 1);
    await findHousehold(headId, customer.number);
    expect(await balanceOnScreen()).toBe(balanceBefore - total);

    // Second cart, confirmed with a double click: exactly one redemption.
    await page.getByRole('button', { name: salt.name, exact: true }).click();
    await page.getByTestId('confirm-redemption').dblclick();
    await receipt.getByTestId('receipt-no').waitFor();
    const secondNo = (await receipt.getByTestId('receipt-no').textContent())!;
    await page.keyboard.press('Escape');
    await expect.poll(focusedTestId).toBe('scan-input');
    expect(await receiptRows()).toBe(rowsBefore + 2);
    const stored = host.core.db
      .prepare('SELECT count(*) FROM redemptions WHERE household_id = (SELECT id FROM households WHERE number = ?)')
      .pluck()
      .get(customer.number);
    expect(stored).toBe(2);

    // Void the second one with the administrator's PIN (a wrong PIN first).
    await page.locator('tr.ant-table-row', { hasText: secondNo }).click();
    await openVoidDialog();
    await page.getByTestId('void-reason').fill('顾客退回食盐');
    await page.getByTestId('void-pin').fill('1111');
    await page.getByTestId('void-confirm').click();
    await expect.poll(() => page.locator('.ant-modal').getByRole('alert').textContent()).toContain('PIN 错误');
    await page.getByTestId('void-pin').fill('9999');
    await page.getByTestId('void-confirm').click();
    await page.locator('[data-testid="receipt-details"]', { hasText: '作废原因：顾客退回食盐' }).waitFor();
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    const voidedRow = page.locator('tr.ant-table-row', { hasText: secondNo });
    await expect.poll(() => voidedRow.textContent()).toContain('顾客退回食盐');
    expect(await voidedRow.getAttribute('class')).toContain('struck');

    // The void returned the points.
    await backToCounter();
    await findHousehold(headId, customer.number);
    expect(await balanceOnScreen()).toBe(balanceBefore - total);

    // Lock and unlock: the counter keeps what was on it.
    await page.getByRole('button', { name: flour.name, exact: true }).click();
    await page.getByRole('button', { name: '锁屏' }).click();
    // Goods in the cart: the keeper is asked first (locking keeps them).
    await page.getByTestId('leave-confirm-ok').click();
    await page.getByText('已锁屏').waitFor();
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await scanBox().waitFor();
    expect(await page.getByTestId('cart-line').count()).toBe(1);
    // The counter's keys wait while any dialog is shown (the lock screen and the question
    // fade out): wait until they are gone, as a keeper sees the counter before typing.
    const shownDialogs = "[...document.querySelectorAll('.ant-modal-wrap')].filter((el) => getComputedStyle(el).display !== 'none').length";
    await expect.poll(() => page.evaluate<number>(shownDialogs)).toBe(0);

    // Redeem it, and scan the next villager's ID card while the receipt is still up: the
    // receipt gives way and the next household appears, with no click on 下一位.
    await page.keyboard.press('Control+Enter');
    await receipt.getByTestId('receipt-no').waitFor();
    await page.keyboard.type(showcase.members[0]!.idNumber, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('household-number').textContent()).toBe(showcase.number);
    await expect.poll(() => receipt.isVisible()).toBe(false);
    // The next keystroke lands in the scan box (the box takes it even when the closed
    // receipt left the focus on nothing), then Esc clears it.
    await page.keyboard.type('9');
    await expect.poll(() => scanBox().inputValue()).toBe('9');
    await page.keyboard.press('Escape');
    await expect.poll(() => scanBox().inputValue()).toBe('');

    // The picture for the README: a bigger family, a cart of three lines, the confirm button.
    await page.getByRole('button', { name: flour.name, exact: true }).click();
    await page.getByRole('button', { name: soy.name, exact: true }).click();
    await page.getByRole('button', { name: soy.name, exact: true }).click();
    await page.getByRole('button', { name: '鸡蛋 30枚', exact: true }).click();
    await page.getByTestId('goods-tile').first().scrollIntoViewIfNeeded();
    // Let the "voided" toast from the receipts page fade before taking the picture.
    await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 10_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'counter.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(ARTIFACTS, 'counter-1080.png') });
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(join(ARTIFACTS, 'counter.png'), join(ROOT, 'docs', 'counter.png'));
    }
  });
});
