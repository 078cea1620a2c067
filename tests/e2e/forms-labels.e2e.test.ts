/**
 * The household forms are usable by label (screen readers, and getByLabel here): the new
 * household dialog, the household's own fields, the member dialog. A member refused for a
 * duplicate ID number keeps the dialog open with what was typed. Without a receipt printer,
 * 打印户卡 prints the one card on A4. Real browser host, system Chromium, 1366×768.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidentId } from '../../db/domain/resident-id.js';
import { seededRandom } from '../../db/demo/village.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { loginAs, openApp, type E2eApp, pressConfirm } from '../helpers/browser.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;

beforeAll(async () => {
  app = await openApp({ prefix: 'points-store-e2e-labels-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
}, 120_000);

afterAll(() => app?.close());

describe('forms by label', () => {
  it('creates a household and adds members field by field; a duplicate ID keeps what was typed', { timeout: 120_000 }, async () => {
    const idNumber = generateResidentId(seededRandom(19), '431322');
    await page.goto(host.url);
    await loginAs(page, '演示管理员', '9999');
    await page.getByRole('menuitem', { name: '农户' }).click();
    await page.getByRole('button', { name: '新建农户' }).click();
    const create = page.getByRole('dialog');
    await create.getByLabel('户号').fill('01-977');
    await create.getByLabel('户主姓名').fill('标签户');
    await create.getByLabel('身份证号').fill(idNumber);
    await create.getByLabel('住址').fill('一组 77 号');
    await create.getByLabel('联系电话').fill('13800007777');
    await create.getByLabel('期初积分', { exact: true }).fill('12520');
    await page.getByTestId('household-create-ok').click();
    await expect.poll(() => host.core.db.prepare("SELECT count(*) FROM households WHERE number = '01-977'").pluck().get()).toBe(1);
    // 12,520 opening points without the honour box ticked are spendable, not honour.
    expect(
      host.core.db.prepare("SELECT a.honour_total FROM accounts a JOIN households h ON h.id = a.household_id WHERE h.number = '01-977'").pluck().get(),
    ).toBe(0);

    // The household's drawer: its fields by label.
    await page.getByText('01-977').first().click();
    await expect.poll(() => page.getByLabel('住址').first().inputValue()).toBe('一组 77 号');
    expect(await page.getByLabel('联系电话').first().inputValue()).toBe('13800007777');
    // The balance with its thousands separator (db/contract/points-format.ts).
    expect(await page.getByTestId('drawer-balance').first().textContent()).toBe('12,520');

    await page.getByRole('button', { name: '添加成员' }).click();
    const member = page.locator('.ant-modal').filter({ hasText: '添加成员' });
    await member.getByLabel('姓名', { exact: true }).fill('标签成员');
    await member.getByLabel('与户主关系').fill('子');
    await member.getByLabel('身份证号').fill(idNumber);
    await member.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => member.getByTestId('member-error').textContent()).toContain('身份证');
    // Still open, still holding what was typed.
    expect(await member.getByLabel('姓名', { exact: true }).inputValue()).toBe('标签成员');
    expect(await member.getByLabel('与户主关系').inputValue()).toBe('子');
    expect(await member.getByLabel('身份证号').inputValue()).toBe(idNumber);
    // Without the ID the member is added and the dialog closes.
    await member.getByLabel('身份证号').fill('');
    await member.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(() => host.core.db.prepare("SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id WHERE h.number = '01-977'").pluck().get())
      .toBe(2);
    await expect.poll(() => member.count()).toBe(0);

    // No receipt printer here: 打印户卡 is not greyed out, it prints this one card on A4.
    await page.evaluate(`window.print = () => {
      const area = document.querySelector('.cards-print');
      window.__printed = area ? { cards: area.querySelectorAll('.hh-card').length, text: area.textContent } : null;
    }`);
    const button = page.getByTestId('print-card');
    expect(await button.isDisabled()).toBe(false);
    await button.click();
    await expect.poll(() => page.evaluate<{ cards: number; text: string } | null>(`window.__printed ?? null`)).toMatchObject({ cards: 1 });
    const printed = await page.evaluate<{ cards: number; text: string }>(`window.__printed`);
    expect(printed.text).toContain('01-977');
    expect(printed.text).toContain('标签户');
  });

  it('fills the stock forms by label: receipt line, adjustment, new goods', { timeout: 120_000 }, async () => {
    const towel = host.core.db.prepare("SELECT id, stock FROM goods WHERE name = '毛巾'").get() as { id: number; stock: number };
    // The household drawer of the test before is still open: close it first.
    await page.locator('.ant-drawer-close:visible').first().click();
    await expect.poll(() => page.locator('.ant-drawer-mask:visible').count(), { timeout: 30_000 }).toBe(0);
    await page.getByRole('menuitem', { name: '商品库存' }).click();
    await page.getByTestId('goods-table').waitFor();

    // Receipt: one bought line, every field found by its label.
    await page.getByRole('tab', { name: '入库' }).click();
    const line = page.getByTestId('receive-line').first();
    await line.getByLabel('商品', { exact: true }).click();
    await page.keyboard.type('毛巾');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '毛巾' }).first().click();
    await line.getByLabel('数量', { exact: true }).fill('4');
    await line.getByLabel('本行进价合计（元）').fill('20');
    await line.getByLabel('供应商').fill('标签供应商');
    await page.getByTestId('receive-submit').click();
    await pressConfirm(page, '确认入库');
    // The saved line; if it never comes, the failure says what the screen showed instead
    // (the form's refusal, or a confirm dialog still open) so that a rare miss can be told apart.
    const saved = async (): Promise<string> => {
      const rows = host.core.db.prepare("SELECT count(*) FROM stock_receipt_lines WHERE supplier = '标签供应商' AND quantity = 4").pluck().get();
      if (rows === 1) return 'saved';
      const refusal = await page
        .getByTestId('receive-error')
        .textContent({ timeout: 1_000 })
        .catch(() => null);
      const confirmOpen = await page.locator('.ant-modal-confirm').count();
      return `rows=${String(rows)} refusal=${refusal ?? '-'} confirm-dialogs=${confirmOpen}`;
    };
    await expect.poll(saved, { message: 'the receipt line (or what the screen showed instead)', timeout: 30_000 }).toBe('saved');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    // Adjustment: quantity and note by label.
    await page.getByRole('tab', { name: '商品' }).click();
    await page.getByTestId(`adjust-${towel.id}`).click();
    const adjust = page.getByRole('dialog');
    await adjust.getByLabel('数量', { exact: true }).fill('1');
    await adjust.getByLabel('说明').fill('标签调整');
    await page.getByTestId('adjust-ok').click();
    await expect.poll(() => page.getByTestId('adjust-no').textContent()).toMatch(/^TZ\d{8}-\d{2}$/);
    expect(host.core.db.prepare("SELECT quantity FROM stock_adjustments WHERE note = '标签调整'").pluck().get()).toBe(-1);
    await page.getByTestId('adjust-close').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // New goods: the catalogue form by label.
    await page.getByTestId('goods-new').click();
    const goods = page.getByRole('dialog');
    await goods.getByLabel('商品名称').fill('标签商品');
    await goods.getByLabel('兑换积分').fill('12');
    expect(await goods.getByLabel('商品名称').inputValue()).toBe('标签商品');
    expect(await goods.getByLabel('兑换积分').inputValue()).toBe('12');
  });
});
