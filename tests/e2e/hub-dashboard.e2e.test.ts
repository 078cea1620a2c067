/**
 * The township dashboard in Chromium: an administrator logs in, sees both villages (one
 * of them overdue), the totals, the chart and an alert, and downloads the totals as XLSX,
 * read back by SheetJS. The hub runs on the embedded engine with two villages whose
 * signed reports went through the real ingest.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Engine } from '../../hub/db/engine.js';
import { openHub } from '../../hub/db/open-hub.js';
import { dateRange, DemoVillage } from '../../hub/demo/generate.js';
import { ingestText } from '../../hub/ingest/ingest.js';
import { hubToday } from '../../hub/queries/today.js';
import { totals, type TotalsResult } from '../../hub/queries/totals.js';
import { registerStore } from '../../hub/registry.js';
import { serveHub } from '../../hub/server/serve.js';
import { setUser } from '../../hub/server/users.js';
import { ARTIFACTS, launchChromium } from '../helpers/browser.js';
import { ensureDashboardBuilt } from '../helpers/hub-dashboard.js';

describe('township dashboard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-e2e-'));
  let engine: Engine;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let expected: TotalsResult;

  beforeAll(async () => {
    await ensureDashboardBuilt();
    engine = await openHub({ data: join(dir, 'hub') });
    const today = hubToday();
    const start = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
    const days = dateRange(start, 30);
    // 东湖村 reports up to yesterday; 西岭村 stopped ten days ago (overdue).
    const villages = [new DemoVillage('110105001201', '东湖村', '测试镇', 60, 7), new DemoVillage('110105001202', '西岭村', '测试镇', 40, 8)];
    for (const [i, v] of villages.entries()) {
      await registerStore(engine, v.registrationText);
      for (const d of days.slice(0, i === 0 ? 30 : 20)) expect((await ingestText(engine, v.report(d))).outcome).toBe('accepted');
    }
    await setUser(engine, '乡镇管理员', 'administrator', 'admin-pass');
    expected = await totals(engine);
    server = await serveHub(engine, { port: 0, host: '127.0.0.1', open: false });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => console.error('[page error]', e.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an administrator sees both villages, the overdue one, totals, a chart and an alert, and downloads XLSX', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-name').fill('乡镇管理员');
    await page.getByTestId('login-password').fill('wrong-pass');
    await page.getByTestId('login-submit').click();
    await page.getByText('用户名或密码错误').waitFor();
    await page.getByTestId('login-password').fill('admin-pass');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('who').getByText('乡镇管理员').waitFor();

    const villagesTable = page.getByTestId('table-villages');
    await villagesTable.getByText('东湖村').waitFor();
    await villagesTable.getByText('西岭村').waitFor();
    const overdueRow = villagesTable.locator('tr', { hasText: '西岭村' });
    await overdueRow.getByText('逾期未报').waitFor();
    await expect.poll(() => villagesTable.locator('tr', { hasText: '东湖村' }).getByText('按时').count()).toBe(1);

    const totalRow = page.getByTestId('table-totals').locator('tr', { hasText: '合计' });
    await totalRow.waitFor();
    await expect.poll(() => totalRow.innerText()).toContain(expected.total.awarded.toLocaleString('zh-CN'));
    // The stock value (points) of the whole township, from the villages' closing stock.
    await expect.poll(() => totalRow.innerText()).toContain(expected.total.stockPoints.toLocaleString('zh-CN'));

    await page.getByTestId('daily-chart').locator('canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('daily-chart').getAttribute('data-points')).toBe('30');

    // Alerts: the generated days award points without a notice now and then, and void.
    const alertsTable = page.getByTestId('table-alerts');
    await alertsTable
      .locator('.ant-tag', { hasText: /未经公示的奖励|作废比例过高|营业时间外兑换/ })
      .first()
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'hub-dashboard.png'), fullPage: true });

    // The filter fields are found by their Chinese labels: the period's two dates, and the
    // alert kind, which narrows the alerts table to awards without a public notice.
    for (const label of ['起', '止']) expect(await page.getByLabel(label, { exact: true }).count()).toBe(1);
    await page.getByLabel('告警类型', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '未经公示的奖励' }).click();
    await expect.poll(() => alertsTable.locator('.ant-tag', { hasText: /作废比例过高|营业时间外兑换|扣分已到零/ }).count()).toBe(0);
    await alertsTable.locator('.ant-tag', { hasText: '未经公示的奖励' }).first().waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-totals').click()]);
    const file = join(dir, 'totals.xlsx');
    await download.saveAs(file);
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(XLSX.read(readFileSync(file)).Sheets['汇总']!, { header: 1, defval: '' });
    expect(rows[0]).toEqual([
      '区划代码',
      '村',
      '最后上报日',
      '户数',
      '奖励积分',
      '扣减积分',
      '兑换积分',
      '未兑余额',
      '兑换单数',
      '作废单数',
      '库存价值（积分）',
      '库存价值（元）',
    ]);
    const byCode = new Map(rows.slice(1).map((r) => [String(r[0]), r]));
    for (const v of expected.villages) {
      expect(byCode.get(v.code)).toEqual([
        v.code,
        v.name,
        v.lastDay,
        v.households,
        v.awarded,
        v.deducted,
        v.redeemed,
        v.outstanding,
        v.receipts,
        v.voids,
        v.stockPoints,
        v.stockYuan,
      ]);
    }
    const t = expected.total;
    expect(byCode.get('合计')!.slice(3)).toEqual([
      t.households,
      t.awarded,
      t.deducted,
      t.redeemed,
      t.outstanding,
      t.receipts,
      t.voids,
      t.stockPoints,
      t.stockYuan,
    ]);
    expect(t.stockPoints).toBeGreaterThan(0);
  }, 180_000);
});
