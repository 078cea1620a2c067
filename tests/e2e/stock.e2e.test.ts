/**
 * The store's stock end to end, as the accountant runs it: real browser host on a fresh
 * demo data folder, system Chromium. Receive goods (one bought, one donated), let the
 * counter redeem some (through the API, as the keeper's screen would), take stock with a
 * difference, and check that the report and the movement history tell the same story.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { ARTIFACTS, openApp, type E2eApp, pressConfirm } from '../helpers/browser.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;

beforeAll(async () => {
  app = await openApp({ prefix: 'points-store-stock-e2e-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
}, 60_000);

afterAll(() => app?.close());

const stockOf = (name: string) => host.core.db.prepare('SELECT stock FROM goods WHERE name = ?').pluck().get(name) as number;
const idOf = (name: string) => host.core.db.prepare('SELECT id FROM goods WHERE name = ?').pluck().get(name) as number;

async function pickInSelect(lineIndex: number, text: string): Promise<void> {
  const select = page.getByTestId('receive-line').nth(lineIndex).getByTestId('receive-goods');
  await select.click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Dialogs zoom in; a screenshot taken mid-animation shows a faded, shrunken dialog. */
async function settle(): Promise<void> {
  await expect
    .poll(() => page.locator('.ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave, .ant-fade-appear, .ant-fade-enter, .ant-fade-leave').count(), {
      timeout: 30_000,
    })
    .toBe(0);
}

/** The keeper redeems at the counter; through the same contract the counter screen calls. */
function redeemAsKeeper(goodsId: number, quantity: number): void {
  const ops = dispatch(host.core, null, 'session.operators', {});
  const keeper = (ops.ok ? (ops.value as { id: number; name: string }[]) : []).find((o) => o.name === '演示店员')!;
  const login = dispatch(host.core, null, 'session.login', { operatorId: keeper.id, pin: '1234' });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.value as { token: string }).token;
  const hh = host.core.db.prepare('SELECT household_id FROM accounts WHERE balance >= 200 ORDER BY balance DESC LIMIT 1').pluck().get() as number;
  const pb = host.core.db.prepare('SELECT id FROM passbooks WHERE is_default = 1').pluck().get() as number;
  const r = dispatch(host.core, token, 'redemption.create', {
    requestId: 'e2e-stock-redeem-1',
    householdId: hh,
    passbookId: pb,
    lines: [{ goodsId, quantity }],
  });
  if (!r.ok) throw new Error(r.error.message);
}

describe('the store’s stock, end to end', () => {
  it('receives, redeems, takes stock with a difference, and the report adds up', { timeout: 60_000 }, async () => {
    try {
      await story();
    } catch (e) {
      // What the screen showed when a step failed, for whoever reads the failure.
      await page.screenshot({ path: join(ARTIFACTS, 'stock-failure.png') }).catch(() => undefined);
      throw e;
    }
  });
});

async function story(): Promise<void> {
  {
    const sugar = '白砂糖 1kg';
    const towel = '毛巾';
    const sugarStart = stockOf(sugar);
    const towelStart = stockOf(towel);

    await page.goto(host.url);
    await page.getByRole('button', { name: /演示会计/ }).click();
    await page.keyboard.type('5678');
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: '商品库存' }).click();
    await page.getByTestId('goods-table').waitFor();
    // 白砂糖 is below its threshold in the demo: the catalogue says so.
    await expect.poll(() => page.getByTestId(`stock-${idOf(sugar)}`).textContent()).toContain('库存少');
    await page.screenshot({ path: join(ARTIFACTS, 'stock-goods.png') });

    // Receive: 20 bags of sugar bought for 176 yuan, 10 towels donated.
    await page.getByRole('tab', { name: '入库' }).click();
    await pickInSelect(0, sugar);
    await page.getByTestId('receive-line').nth(0).getByTestId('receive-quantity').fill('20');
    await page.getByTestId('receive-line').nth(0).getByTestId('receive-cost').fill('176');
    await page.getByTestId('receive-line').nth(0).getByLabel('供应商').fill('镇供销社');
    await page.getByTestId('receive-add-line').click();
    await pickInSelect(1, towel);
    await page.getByTestId('receive-line').nth(1).getByTestId('receive-quantity').fill('10');
    await page.getByTestId('receive-line').nth(1).getByText('捐赠', { exact: true }).click();
    // A donation without a donor is refused on the spot, in words.
    await page.getByTestId('receive-submit').click();
    await expect.poll(() => page.getByTestId('receive-error').textContent()).toContain('请填写捐赠人');
    await page.getByTestId('receive-line').nth(1).getByTestId('receive-donor').fill('县妇联');
    await page.getByTestId('receive-submit').click();
    await pressConfirm(page, '确认入库');
    const doc = page.locator('.ant-modal').getByTestId('stock-receipt-doc');
    // The receipt's document; if it never comes, the failure names the refusal the form showed instead.
    const outcome = async () =>
      (await doc.isVisible())
        ? 'doc'
        : ((await page
            .getByTestId('receive-error')
            .textContent()
            .catch(() => null)) ?? null);
    await expect.poll(outcome, { message: 'the receipt document (or the refusal it showed instead)', timeout: 30_000 }).toBe('doc');
    await expect.poll(() => doc.textContent()).toMatch(/RK\d{8}-01/);
    expect(await doc.textContent()).toContain('县妇联');
    expect(await doc.textContent()).toContain('合计：30 件，进价 176.00 元');
    await settle();
    await page.screenshot({ path: join(ARTIFACTS, 'stock-receipt.png') });
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    expect(stockOf(sugar)).toBe(sugarStart + 20);
    expect(stockOf(towel)).toBe(towelStart + 10);
    // The receipt list names who the goods came from: the supplier and the donor.
    const listed = page.getByTestId('receipts-list').locator('tr.ant-table-row').first();
    await expect.poll(() => listed.textContent()).toContain('镇供销社');
    expect(await listed.textContent()).toContain('县妇联');

    // The counter redeems 3 bags of sugar.
    redeemAsKeeper(idOf(sugar), 3);

    // Stocktake: one bag of sugar is missing, the towels are all there.
    await page.getByRole('tab', { name: '盘点' }).click();
    await page.getByTestId('stocktake-start').click();
    await page.getByTestId('count-sheet').waitFor();
    const bookSugar = sugarStart + 20 - 3;
    await page.getByTestId(`count-${idOf(sugar)}`).fill(String(bookSugar - 1));
    await page.getByTestId(`count-${idOf(towel)}`).fill(String(towelStart + 10));
    await expect.poll(() => page.getByTestId('stocktake-filled').textContent()).toContain('其中 1 种有差异');
    await page.screenshot({ path: join(ARTIFACTS, 'stock-count.png') });
    await page.getByTestId('stocktake-submit').click();
    await pressConfirm(page, '提交盘点');
    const summary = page.locator('.ant-modal').getByTestId('stocktake-summary');
    await expect.poll(() => summary.textContent()).toContain('盘点 2 种，1 种有差异；差异合计 −9 分');
    await settle();
    await page.screenshot({ path: join(ARTIFACTS, 'stock-stocktake.png') });
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    expect(stockOf(sugar)).toBe(bookSugar - 1);

    // The report shows the new level and values, and the history traces it row by row.
    await page.getByRole('tab', { name: '库存报表' }).click();
    const row = page.getByTestId('report-table').locator('tr').filter({ hasText: sugar });
    await expect.poll(() => row.textContent()).toContain(String(bookSugar - 1));
    const report = host.core.db.prepare('SELECT SUM(stock * points_price) FROM goods WHERE active = 1').pluck().get() as number;
    await expect.poll(() => page.getByTestId('report-points').textContent()).toContain(report.toLocaleString('en-US'));
    await page.screenshot({ path: join(ARTIFACTS, 'stock-report.png') });

    await page.getByRole('tab', { name: '商品' }).click();
    await page.getByTestId(`history-${idOf(sugar)}`).click();
    const history = page.getByTestId('history-table');
    await history.waitFor();
    const kinds = (await history.locator('tr.ant-table-row').allTextContents()).slice(0, 3);
    expect(kinds[0]).toContain('盘点');
    expect(kinds[0]).toContain('-1');
    expect(kinds[1]).toContain('兑换出库');
    expect(kinds[1]).toContain('-3');
    expect(kinds[2]).toContain('采购入库');
    expect(kinds[2]).toContain('+20');
    expect(kinds[2]).toContain('供应商：镇供销社');
    await expect.poll(() => page.getByTestId('history-summary').textContent()).toContain(`当前库存 ${bookSugar - 1} 袋`);
    await page.screenshot({ path: join(ARTIFACTS, 'stock-history.png') });
    await page.keyboard.press('Escape');
    await settle();

    // The donated towels name their donor in the history.
    await page.getByTestId(`history-${idOf(towel)}`).click();
    await expect.poll(() => page.getByTestId('history-table').locator('tr.ant-table-row').first().textContent()).toContain('捐赠：县妇联');
    await page.keyboard.press('Escape');
    await settle();

    // Two damaged towels written off: the saved dialog shows the adjustment's document number,
    // the one the core derived (TZ + business date + place in the day), and the history shows it too.
    await page.getByTestId(`adjust-${idOf(towel)}`).click();
    await page.getByTestId('adjust-quantity').fill('2');
    await page.getByTestId('adjust-ok').click();
    const adjNo = host.core.db.prepare(
      "SELECT 'TZ' || replace(business_date, '-', '') || '-' || printf('%02d', (SELECT count(*) FROM stock_adjustments b WHERE b.business_date = a.business_date AND b.id <= a.id)) FROM stock_adjustments a ORDER BY id DESC LIMIT 1",
    );
    await expect.poll(() => page.getByTestId('adjust-no').textContent()).toMatch(/^TZ\d{8}-\d{2}$/);
    expect(await page.getByTestId('adjust-no').textContent()).toBe(adjNo.pluck().get());
    expect(await page.getByTestId('adjust-saved').textContent()).toContain(`结存 ${towelStart + 8}`);
    await page.screenshot({ path: join(ARTIFACTS, 'stock-adjusted.png') });
    await page.getByTestId('adjust-close').click();
    await settle();
    await page.getByTestId(`history-${idOf(towel)}`).click();
    await expect.poll(() => page.getByTestId('history-table').locator('tr.ant-table-row').first().textContent()).toContain(adjNo.pluck().get() as string);
    await page.keyboard.press('Escape');
    await settle();

    // Import: a file with a bad row is previewed row by row and cannot be confirmed.
    await page.getByTestId('goods-import').click();
    const header = '商品名称*,分类*,单位*,兑换积分*,参考价值(元),条码,低库存提醒,期初库存';
    const upload = page.locator('.ant-modal input[type=file]');
    await upload.setInputFiles({
      name: '新商品.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\n老花镜,日用品,副,15,14.5,,2,6\n针线包,日用品,包,两,,,,\n`),
    });
    await expect.poll(() => page.getByTestId('import-preview').textContent()).toContain('共 2 行：1 行正确，1 行有误');
    expect(await page.getByTestId('import-row-issue').first().textContent()).toContain('第 3 行：“兑换积分”应为整数：两');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'stock-import.png') });
    await upload.setInputFiles({
      name: '新商品.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\n老花镜,日用品,副,15,14.5,,2,6\n针线包,日用品,包,2,,,,\n`),
    });
    await expect.poll(() => page.getByTestId('import-preview').textContent()).toContain('全部正确');
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => stockOf('老花镜')).toBe(6);
    await expect.poll(() => page.getByTestId('goods-table').textContent()).toContain('针线包');
  }
}
