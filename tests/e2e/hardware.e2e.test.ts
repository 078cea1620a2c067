/**
 * The counter's hardware end to end, in Chromium on the real browser host: the ID card
 * reader set up in 设置 → 读卡器与客显 with a fake maker's library compiled from C (the
 * CVR-100 API) and loaded through the real adapter; a card "placed" on it opens the
 * household; the customer display, in a second window on its own display credential,
 * follows the sale; a missing library says so while typing the number still works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPlan } from '../../db/demo/village.js';
import { maskName } from '../../db/hardware/customer-display.js';
import { writeReaderSettings } from '../../db/hardware/reader-settings.js';
import { ARTIFACTS, loginAs, logout, openApp, type E2eApp } from '../helpers/browser.js';
import { login } from '../helpers/core.js';
import type { RuleBookView } from '../../db/contract/index.js';
import { buildFakeReader, type FakeReader } from '../helpers/fake-reader/build.js';

const plan = demoPlan();
const customer = [...plan.households].sort((a, b) => b.openingPoints - a.openingPoints)[0]!;
const salt = plan.goods.find((g) => g.name === '食盐 400g')!;
const soy = plan.goods.find((g) => g.name === '海天生抽 500ml')!;

let app: E2eApp;
let page: Page;
let fakeDir: string;
let fake: FakeReader;

beforeAll(async () => {
  app = await openApp({ prefix: 'vps-hw-e2e-', actionTimeoutMs: 30_000 });
  page = app.page;
  fakeDir = mkdtempSync(join(tmpdir(), 'vps-fake-reader-'));
  fake = buildFakeReader(fakeDir);
  // A notice in publicity (公示), for the customer display to show between customers:
  // an award recorded, approved by the accountant, and published for a week.
  const core = app.host.core;
  const admin = login(core, 'admin');
  const accountant = login(core, 'accountant');
  const today = core.stamp().businessDate;
  const book = admin.call('rules.inForce', { date: today }) as RuleBookView;
  const award = book.items.find((i) => i.code === 'A01')!;
  const recorded = admin.call('points.record', {
    requestId: 'hw-e2e-award',
    ruleItemId: award.id,
    eventDate: today,
    evidence: '村民小组评议记录',
    lines: [{ householdId: core.db.prepare('SELECT id FROM households WHERE number = ?').pluck().get(customer.number) as number }],
  }) as { entries: { id: number }[] };
  accountant.call('points.review', { entryIds: recorded.entries.map((e) => e.id), decision: 'approved' });
  admin.call('notices.create', { requestId: 'hw-e2e-notice', periodDays: 7 });
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (fakeDir) rmSync(fakeDir, { recursive: true, force: true });
});

const chip = () => page.getByTestId('reader-chip');
const householdNumber = () => page.getByTestId('household-number').textContent();

describe('the card reader and the customer display', () => {
  it('an administrator sets up the reader; a card placed on it opens the household', { timeout: 120_000 }, async () => {
    await page.goto(app.host.url);
    await loginAs(page, '演示管理员', '9999');
    await page.getByRole('menuitem', { name: '设置', exact: true }).click();
    await page.getByRole('tab', { name: '读卡器与客显' }).click();
    await page.getByRole('radio', { name: /华视 CVR-100/ }).check();
    await page.getByLabel('库文件完整路径').fill(fake.libraryPath);
    await page.getByRole('button', { name: '保存并连接' }).click();
    await expect.poll(() => page.getByTestId('reader-state').textContent(), { timeout: 15_000 }).toContain('请放卡');
    await expect.poll(() => chip().textContent(), { timeout: 15_000 }).toBe('请放卡');
    await logout(page);

    await loginAs(page, '演示店员', '1234');
    await page.getByTestId('scan-input').waitFor();
    await expect.poll(() => chip().textContent(), { timeout: 15_000 }).toBe('请放卡');
    fake.place({ name: customer.members[0]!.name, idNumber: customer.members[0]!.idNumber });
    await expect.poll(householdNumber, { timeout: 15_000 }).toBe(customer.number);
    await expect.poll(() => chip().textContent()).toBe('已读卡');
    // The page never saw the number: the household panel shows it masked only.
    expect(await page.content()).not.toContain(customer.members[0]!.idNumber);
    fake.remove();
    await expect.poll(() => chip().textContent(), { timeout: 15_000 }).toBe('请放卡');
  });

  it('the customer display follows the sale: masked name, balance, each line, total, balance after, 兑换成功', { timeout: 120_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const display = await context.newPage();
    // The address the host prints at start-up for the second screen.
    // (A page turn every second between customers, for the test; a counter uses the default.)
    await display.goto(app.host.displayUrl('customer').replace('/display#', '/display?every=1#'));
    const state = () => display.getByTestId('customer-display').getAttribute('data-state');
    // The household from the card is still open: the display shows it; between customers, the board.
    await expect.poll(state, { timeout: 15_000 }).toBe('sale');
    await page.getByRole('button', { name: '换一户' }).click();
    await expect.poll(state, { timeout: 15_000 }).toBe('idle');
    await display.getByTestId('board-page').waitFor();
    // Between customers: the honour board and the notice in publicity, page after page.
    const sections = new Set<string>();
    const boardSection = async () => {
      sections.add((await display.getByTestId('board-page').getAttribute('data-section')) ?? '');
      return sections.has('honours') && [...sections].some((s) => s.startsWith('notice-'));
    };
    await expect.poll(boardSection, { timeout: 30_000, interval: 250 }).toBe(true);
    await display.screenshot({ path: join(ARTIFACTS, 'customer-display-idle.png') });

    // The next villager puts their card on the reader.
    fake.place({ name: customer.members[0]!.name, idNumber: customer.members[0]!.idNumber });
    await expect.poll(householdNumber, { timeout: 15_000 }).toBe(customer.number);
    fake.remove();
    const balance = Number((await page.getByTestId('passbook-balance').textContent())?.replace(/,/g, ''));
    await expect.poll(state, { timeout: 15_000 }).toBe('sale');
    expect(await display.getByTestId('display-household').textContent()).toBe(maskName(customer.members[0]!.name));
    expect(Number((await display.getByTestId('display-balance').textContent())?.replace(/,/g, ''))).toBe(balance);

    await page.getByTestId('goods-tile').filter({ hasText: salt.name }).click();
    await expect.poll(() => display.getByTestId('display-line').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('goods-tile').filter({ hasText: soy.name }).click();
    await expect.poll(() => display.getByTestId('display-line').count(), { timeout: 15_000 }).toBe(2);
    const total = salt.pointsPrice + soy.pointsPrice;
    await expect.poll(() => display.getByTestId('display-total').textContent()).toBe(total.toLocaleString('en-US'));
    expect(await display.getByTestId('display-after').textContent()).toBe((balance - total).toLocaleString('en-US'));
    expect(await display.getByTestId('display-lines').textContent()).toContain(salt.name);
    // Large type for a villager a metre away: about 1/22 of the screen's height, never small.
    const typePx = await display.evaluate<number>(`parseFloat(getComputedStyle(document.querySelector('[data-testid="display-total"]')).fontSize)`);
    expect(typePx).toBeGreaterThanOrEqual(800 / 25);
    await display.screenshot({ path: join(ARTIFACTS, 'customer-display-sale.png') });

    await page.getByTestId('confirm-redemption').click();
    await page.getByTestId('receipt').waitFor();
    await expect.poll(state, { timeout: 15_000 }).toBe('done');
    expect(await display.getByTestId('display-done').textContent()).toContain('兑换成功');
    expect(await display.getByTestId('display-after').textContent()).toBe((balance - total).toLocaleString('en-US'));
    await display.screenshot({ path: join(ARTIFACTS, 'customer-display-done.png') });

    await page.getByRole('button', { name: '下一位' }).click();
    await expect.poll(state, { timeout: 15_000 }).toBe('idle');
    await context.close();
  });

  it('a missing library says 未连接 and why; the typed number still opens the household', { timeout: 60_000 }, async () => {
    writeReaderSettings(app.host.core.db, { profile: 'cvr', libraryPath: join(fakeDir, 'gone', 'termb.dll'), port: 1001 });
    app.host.core.reader.reconfigure();
    await expect.poll(() => chip().textContent(), { timeout: 15_000 }).toBe('读卡器未连接');
    await chip().hover();
    await expect.poll(() => page.getByRole('tooltip').textContent()).toContain('找不到读卡器库文件');
    await page.getByTestId('scan-input').fill(plan.households[2]!.members[0]!.idNumber);
    await page.getByTestId('scan-input').press('Enter');
    await expect.poll(householdNumber).toBe(plan.households[2]!.number);
  });
});
