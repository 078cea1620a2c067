/**
 * A month of the points system, end to end, as the village works it: the committee adopts
 * a revised rule book and records the month's awards for several households; the
 * accountant approves them; the committee publishes the notice, takes down a villager's
 * objection and dismisses it with a reason; when the period is over the accountant posts;
 * the keeper then redeems the new points at the counter. Real browser host, system
 * Chromium, 1366×768. The core's clock is the real one plus an offset the test moves, so
 * the notice period can end without waiting a day.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../db/core.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { ARTIFACTS, loginAs as loginAsIn, logout as logoutOf, openApp, type E2eApp, openMenuEntry } from '../helpers/browser.js';

const DAY = 86_400_000;

let host: BrowserHost;
let app: E2eApp;
let page: Page;
let offset = 0;

beforeAll(async () => {
  app = await openApp({
    prefix: 'points-store-e2e-points-',
    core: (dataDir) => {
      const core = new Core({ dataDir, clock: { now: () => new Date(Date.now() + offset) } });
      // A smaller demo village than the default keeps the story well inside a minute.
      initDemoIfEmpty(core, { households: 40 });
      return core;
    },
  });
  ({ host, page } = app);
}, 60_000);

afterAll(() => app?.close());

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `points-${name}.png`) });

const loginAs = (name: string, pin: string) => loginAsIn(page, name, pin);
const logout = () => logoutOf(page);

/** A menu entry, also when the header is too narrow and it sits under the “…” overflow. */
const openMenu = (name: string) => openMenuEntry(page, name);

async function openPointsTab(tab: string): Promise<void> {
  await openMenu('积分评定');
  await page.getByRole('tab', { name: tab }).click();
}

const balanceOf = (number: string): number =>
  host.core.db
    .prepare('SELECT a.balance FROM accounts a JOIN households h ON h.id = a.household_id WHERE h.number = ? AND a.passbook_id = 1')
    .pluck()
    .get(number) as number;

const HOUSEHOLDS = ['01-001', '01-002', '01-003'];

describe('a month of the points system', () => {
  it('rule book → record → review → notice with an objection → post → redeem', { timeout: 180_000 }, async () => {
    await page.goto(host.url);
    await loginAs('演示管理员', '9999');

    // 1. The committee revises the rule book: a new item, adopted at a meeting.
    await openPointsTab('积分细则');
    await page.getByTestId('rules-items').waitFor();
    await page.getByTestId('rules-new-draft').click();
    await page.getByText('第 2 版草稿').waitFor();
    await page.getByTestId('rules-add-item').click();
    await page.getByTestId('rule-code').fill('E01');
    await page.getByTestId('rule-category').fill('志愿服务');
    await page.getByTestId('rule-title').fill('参加防汛抢险');
    await page.getByTestId('rule-min').fill('15');
    await page.getByTestId('rule-item-ok').click();
    await page.getByTestId('rules-items').getByText('参加防汛抢险').waitFor();
    await page.getByTestId('rules-adopt-open').click();
    await page.getByTestId('adopt-resolution').fill('经村民代表大会讨论，同意增加防汛抢险加分项，自即日起施行。');
    await page.getByTestId('adopt-votes-for').fill('35');
    await page.getByTestId('adopt-ok').click();
    await page.getByText('第 2 版已表决通过').waitFor();
    await expect.poll(() => page.getByTestId('rules-version').first().textContent()).toContain('现行');
    await shot('rulebook');

    // 2. The month's evaluation sheet: one rule, three households.
    const before = HOUSEHOLDS.map(balanceOf);
    await page.getByRole('tab', { name: '积分登记（评分表）' }).click();
    await page.getByTestId('record-rule').click();
    await page.keyboard.type('E01');
    await page.keyboard.press('Enter');
    await page.getByTestId('record-evidence').fill('11 月防汛值守签到表');
    await page.locator('.ant-input-search input').last().fill('01-00');
    await page.locator('.ant-input-search input').last().press('Enter');
    for (const n of HOUSEHOLDS) {
      await page.getByTestId('record-households').locator('tr', { hasText: n }).locator('input[type=checkbox]').check();
    }
    await expect.poll(() => page.getByTestId('record-submit').textContent()).toContain('3 户');
    await shot('record');
    await page.getByTestId('record-submit').click();
    await page.getByText('已登记 3 条').waitFor();

    // The recorder cannot approve their own entries: the boxes are disabled for them.
    await page.getByRole('tab', { name: '积分审核' }).click();
    await page.getByTestId('review-table').getByText('本人登记').first().waitFor();
    expect(await page.getByTestId('review-table').locator('tbody input[type=checkbox]:not([disabled])').count()).toBe(0);
    await logout();

    // 3. The accountant reviews and approves.
    await loginAs('演示会计', '5678');
    await openPointsTab('积分审核');
    await page.getByTestId('review-table').getByText('参加防汛抢险').first().waitFor();
    await page.getByTestId('review-table').locator('thead input[type=checkbox]').check();
    await page.getByTestId('review-approve').click();
    await page.getByText('已通过 3 条').waitFor();
    await logout();

    // 4. The committee publishes the notice; a villager objects; the objection is dismissed.
    await loginAs('演示管理员', '9999');
    await openPointsTab('积分公示');
    await page.getByTestId('notice-create-open').click();
    await page.getByTestId('notice-days').fill('1');
    await page.getByTestId('notice-create-ok').click();
    const drawer = page.getByTestId('notice-drawer');
    await drawer.getByTestId('notice-entries').waitFor();
    expect(await drawer.getByTestId('notice-post').isDisabled()).toBe(true);
    await drawer.getByTestId('objection-open').first().click();
    await page.getByTestId('objection-by').fill('李四');
    await page.getByTestId('objection-content').fill('他家那天只值守了半天');
    await page.getByTestId('objection-ok').click();
    await drawer.getByTestId('objection-resolve-open').waitFor();
    await drawer.getByTestId('objection-resolve-open').click();
    await page.getByTestId('resolve-reason').fill('查签到表，值守满一整天，维持原记录');
    await page.getByTestId('resolve-ok').click();
    await expect.poll(() => drawer.getByTestId('objection-resolution').textContent()).toContain('不成立');
    await shot('notice');
    await drawer.getByTestId('notice-print').click();
    await page.getByTestId('paper-preview').getByText('公示期：').waitFor();
    // Let the dialog finish opening before the picture: wait for antd's animation classes to go.
    await expect.poll(() => page.locator('.ant-zoom-appear, .ant-zoom-enter, .ant-fade-appear, .ant-fade-enter').count()).toBe(0);
    await shot('notice-print');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).last().click();

    // 5. The period ends (the clock moves a day on; sessions lapse); the accountant posts, once.
    offset += DAY;
    await page.reload();
    await loginAs('演示会计', '5678');
    await openPointsTab('积分公示');
    await page.getByTestId('notices-table').locator('tr.ant-table-row').first().click();
    await drawer.getByTestId('notice-post').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await drawer.getByTestId('notice-posted').waitFor();
    expect(HOUSEHOLDS.map(balanceOf)).toEqual(before.map((b) => b + 15));
    await shot('posted');
    await page.locator('.ant-drawer-close').click();
    await openMenu('红榜');
    await page.getByTestId('honour-group').first().waitFor();
    // (The board's "this month" is the browser's calendar, which the moved server clock
    // does not move; the board's sums are checked in tests/integration/points.)
    expect(await page.getByTestId('honour-board').textContent()).toContain('星级文明户');
    await page.mouse.move(600, 700);
    await shot('honours');
    await logout();

    // 6. At the counter the keeper sees the new balance and redeems.
    await loginAs('演示店员', '1234');
    await page.getByTestId('scan-input').fill(HOUSEHOLDS[0]!);
    await page.getByTestId('scan-input').press('Enter');
    await expect.poll(() => page.getByTestId('household-number').textContent()).toBe(HOUSEHOLDS[0]);
    await expect.poll(async () => Number((await page.getByTestId('passbook-balance').textContent())?.replace(/,/g, ''))).toBe(before[0]! + 15);
    await page.getByRole('button', { name: '食盐 400g', exact: true }).click();
    await page.keyboard.press('F9');
    await page.getByTestId('receipt').getByTestId('receipt-no').waitFor();
    expect(balanceOf(HOUSEHOLDS[0]!)).toBe(before[0]! + 15 - 3);
  });
});
