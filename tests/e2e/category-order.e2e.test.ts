/**
 * 设置 → 商品分类顺序: the administrator moves a category and saves; the counter's category
 * buttons follow, and the order is stored (and audited) in the core.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { loginAs, openApp, type E2eApp } from '../helpers/browser.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;

beforeAll(async () => {
  app = await openApp({ prefix: 'points-store-categories-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
}, 60_000);
afterAll(() => app?.close());

const counterCategories = () => page.locator('.counter-columns .ant-radio-button-wrapper').allTextContents();

describe('the category order', () => {
  it('staples first by default; an administrator moves 小家电 to the top and the counter follows', { timeout: 90_000 }, async () => {
    await page.goto(host.url);
    await loginAs(page, '演示管理员', '9999');
    await page.getByTestId('goods-tile').first().waitFor();
    expect((await counterCategories()).slice(0, 3)).toEqual(['全部', '粮油', '调味品']);

    const item = page.getByRole('menuitem', { name: '设置', exact: true });
    if (!(await item.isVisible())) await page.locator('.ant-menu-overflow-item-rest').last().hover();
    await item.click();
    await page.getByRole('tab', { name: '商品分类顺序' }).click();
    const rows = page.getByTestId('category-row');
    await expect.poll(() => rows.count()).toBe(7);
    expect(await rows.last().textContent()).toContain('小家电');
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: '小家电 上移' }).click();
    expect(await rows.first().textContent()).toContain('小家电');
    await page.getByTestId('categories-save').click();
    await expect
      .poll(() => host.core.db.prepare("SELECT value FROM settings WHERE key = 'counter.categoryOrder'").pluck().get())
      .toBe(JSON.stringify(['小家电', '粮油', '调味品', '日用品', '洗护', '生鲜', '文具']));
    expect(host.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'goods.setCategoryOrder'").pluck().get()).toBe(1);

    await page.getByRole('menuitem', { name: '柜台' }).click();
    await expect.poll(async () => (await counterCategories()).slice(0, 3)).toEqual(['全部', '小家电', '粮油']);
  });
});
