/**
 * Issue 15, item 4, end to end in Chromium: when the core refuses, the dialog stays open,
 * says why in Chinese inside itself, and keeps every field as typed; the boxes carry the
 * rule's and the schema's own limits. Provoked here: a member with an ID number already
 * registered, goods with a name already in the catalogue, an operator with a name already
 * taken, and an entry whose box is limited to the rule's range and whose value goes over
 * the month's cap.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidentId } from '../../db/domain/resident-id.js';
import { demoPlan, seededRandom } from '../../db/demo/village.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { login } from '../helpers/core.js';
import { loginAs, openApp, openMenuEntry, type E2eApp } from '../helpers/browser.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;
const plan = demoPlan();

beforeAll(async () => {
  // 30 s per action: the machine is shared and loaded; a stuck step fails with its name.
  app = await openApp({ prefix: 'points-store-e2e-dialogs-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
  await page.goto(host.url);
  await loginAs(page, '演示管理员', '9999');
}, 60_000);

afterAll(() => app?.close());

const count = (sql: string, ...args: unknown[]) =>
  host.core.db
    .prepare(sql)
    .pluck()
    .get(...args) as number;

describe('dialogs keep what was typed when the core refuses', () => {
  it('member with an ID number already registered', { timeout: 120_000 }, async () => {
    // One household's head gets a (generated) ID number through the core; another household tries to add it.
    const idNumber = generateResidentId(seededRandom(71), '431322');
    const admin = login(host.core, 'admin');
    const [first, second] = plan.households;
    const firstId = count('SELECT id FROM households WHERE number = ?', first!.number);
    admin.call('households.addMember', { householdId: firstId, name: '持证人', relation: '子', idNumber });
    const members = count('SELECT count(*) FROM members');

    await openMenuEntry(page, '农户');
    await page.getByText(second!.number, { exact: true }).first().click();
    await page.getByRole('button', { name: '添加成员' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '添加成员' });
    await dialog.getByLabel('姓名', { exact: true }).fill('重号成员');
    await dialog.getByLabel('与户主关系').fill('女');
    await dialog.getByLabel('身份证号').fill(idNumber);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => dialog.getByTestId('member-error').textContent()).toContain('此身份证号已登记在其他成员名下');
    expect(await dialog.getByTestId('member-error').textContent()).toContain('已填写的内容都还在');
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByLabel('姓名', { exact: true }).inputValue()).toBe('重号成员');
    expect(await dialog.getByLabel('与户主关系').inputValue()).toBe('女');
    expect(await dialog.getByLabel('身份证号').inputValue()).toBe(idNumber);
    // The boxes carry the schema's lengths (name 20, relation 10, ID 18).
    expect(await dialog.getByLabel('姓名', { exact: true }).getAttribute('maxlength')).toBe('20');
    expect(await dialog.getByLabel('与户主关系').getAttribute('maxlength')).toBe('10');
    expect(count('SELECT count(*) FROM members')).toBe(members);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Close the household's drawer so the menu is reachable again.
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('household-drawer').waitFor({ state: 'hidden' });
  });

  it('goods with a name already in the catalogue', { timeout: 120_000 }, async () => {
    const taken = plan.goods[0]!.name;
    const unit = plan.goods[0]!.unit;
    const goods = count('SELECT count(*) FROM goods');
    await openMenuEntry(page, '商品库存');
    await page.getByTestId('goods-new').click();
    const dialog = page.locator('.ant-modal', { has: page.getByTestId('goods-name') });
    await dialog.getByTestId('goods-name').fill(taken);
    await dialog.getByTestId('goods-category').locator('input').fill('日用品');
    await dialog.getByTestId('goods-unit').fill(unit);
    await dialog.getByTestId('goods-points').fill('12');
    await dialog.getByTestId('goods-value').fill('3.50');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => dialog.getByTestId('goods-form-error').textContent()).toContain(`已有同名同单位的商品“${taken}”`);
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByTestId('goods-name').inputValue()).toBe(taken);
    expect(await dialog.getByTestId('goods-unit').inputValue()).toBe(unit);
    expect(await dialog.getByTestId('goods-points').inputValue()).toBe('12');
    expect(await dialog.getByTestId('goods-value').inputValue()).toBe('3.50');
    expect(await dialog.getByTestId('goods-name').getAttribute('maxlength')).toBe('60');
    // The points box is limited as the core is: 1 to 100000.
    expect(await dialog.getByTestId('goods-points').getAttribute('aria-valuemax')).toBe('100000');
    expect(count('SELECT count(*) FROM goods')).toBe(goods);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('operator with a name already taken', { timeout: 120_000 }, async () => {
    const operators = count('SELECT count(*) FROM operators');
    await openMenuEntry(page, '设置');
    await page.getByRole('tab', { name: '操作员' }).click();
    await page.getByTestId('operator-add').click();
    const form = page.getByTestId('operator-form');
    await form.getByLabel('姓名').fill('演示店员');
    await form.getByLabel('PIN（4 到 8 位数字）').fill('2468');
    await form.getByLabel('再输入一次 PIN').fill('2468');
    await page.getByTestId('operator-add-ok').click();
    const error = page.getByTestId('operator-add-error');
    await expect.poll(() => error.textContent()).toContain('演示店员');
    // Inside the dialog, which is still open with the name and both PINs.
    expect(await page.locator('.ant-modal', { has: form }).getByTestId('operator-add-error').count()).toBe(1);
    expect(await form.getByLabel('姓名').inputValue()).toBe('演示店员');
    expect(await form.getByLabel('PIN（4 到 8 位数字）').inputValue()).toBe('2468');
    expect(await form.getByLabel('再输入一次 PIN').inputValue()).toBe('2468');
    expect(count('SELECT count(*) FROM operators')).toBe(operators);
    // Corrected, it is saved and the dialog closes.
    await form.getByLabel('姓名').fill('王小三');
    await page.getByTestId('operator-add-ok').click();
    await expect.poll(() => count('SELECT count(*) FROM operators')).toBe(operators + 1);
    await form.waitFor({ state: 'detached' });
  });

  it('an entry: the box keeps to the rule’s range, and a value over the cap keeps the sheet', { timeout: 120_000 }, async () => {
    const admin = login(host.core, 'admin');
    const today = host.core.stamp().businessDate;
    const b01 = admin.call('rules.inForce', { date: today })!.items.find((i) => i.code === 'B01')!;
    const target = plan.households[2]!;
    const hid = count('SELECT id FROM households WHERE number = ?', target.number);
    // 30 of the month's 40 already recorded.
    admin.call('points.record', {
      requestId: 'e2e-dialogs-cap',
      ruleItemId: b01.id,
      eventDate: today,
      evidence: '防汛值守（评议小组）',
      lines: [{ householdId: hid, points: 20 }],
    });
    admin.call('points.record', {
      requestId: 'e2e-dialogs-cap2',
      ruleItemId: b01.id,
      eventDate: today,
      evidence: '道路清扫（评议小组）',
      lines: [{ householdId: hid, points: 10 }],
    });
    const entries = count('SELECT count(*) FROM point_entries');

    await openMenuEntry(page, '积分评定');
    await page.getByRole('tab', { name: '积分登记（评分表）' }).click();
    await page.getByTestId('record-rule').click();
    await page.locator('.ant-select-item-option', { hasText: '【B01】' }).click();
    const evidence = '12 月志愿服务，组长见证';
    await page.getByTestId('record-evidence').fill(evidence);
    const row = page.getByTestId('record-households').locator('tr', { hasText: target.number });
    await row.locator('input[type=checkbox]').check();
    const box = row.locator('.ant-input-number input');
    // Wait for the sheet's state, and if the box never comes, say which part is missing
    // (the rule pick, the tick or the box itself) instead of a bare locator timeout.
    const sheetState = async () =>
      `rule=${(await page.getByTestId('record-rule').textContent()) ?? ''} ticked=${await row.locator('input[type=checkbox]').isChecked()} boxes=${await box.count()}`;
    await expect.poll(sheetState, { timeout: 30_000 }).toMatch(/rule=【B01】.* ticked=true boxes=1$/);
    // The box carries B01's own range (5–20): 25 typed is held at 20.
    expect(await box.getAttribute('aria-valuemin')).toBe('5');
    expect(await box.getAttribute('aria-valuemax')).toBe('20');
    await box.fill('25');
    await box.blur();
    await expect.poll(() => box.inputValue()).toBe('20');
    // 30 + 20 is over the month's 40: refused; the sheet keeps the rule, evidence, household and value.
    await page.getByTestId('record-submit').click();
    await expect.poll(() => page.getByTestId('record-page').getByTestId('page-error').textContent()).toContain('每月最多 40 分');
    expect(await page.getByTestId('record-evidence').inputValue()).toBe(evidence);
    expect(await row.locator('input[type=checkbox]').isChecked()).toBe(true);
    expect(await box.inputValue()).toBe('20');
    expect(count('SELECT count(*) FROM point_entries')).toBe(entries);
  });
});
