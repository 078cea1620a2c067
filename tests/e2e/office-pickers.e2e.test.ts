/**
 * Issue 15, item 10: every date and month box is as wide as its content, in an
 * English-locale browser (where the month reads "September 2026") and a Chinese one, with
 * the app's language English and Chinese. A fixed 170 px cut the export page's month box to
 * "December 202".
 *
 * Chromium draws a date input's text in a closed shadow tree, so scrollWidth alone cannot
 * see the cut; each box is also compared with the width Chromium itself gives the same
 * input with width auto (its intrinsic size: the longest value of the locale plus the
 * calendar button). Both must hold.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loginAs, openApp, openMenuEntry, type E2eApp } from '../helpers/browser.js';

const EN_EVAL_TAB = 'Monthly evaluation sheet';

let app: E2eApp;
let browser: Browser;

beforeAll(async () => {
  app = await openApp({ prefix: 'points-store-e2e-pickers-', actionTimeoutMs: 30_000 });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface Fit {
  testId: string;
  type: string;
  value: string;
  scrollWidth: number;
  clientWidth: number;
  width: number;
  needed: number;
}

/** Every visible date/month input on the page, with what it shows and what it needs. */
async function pickerFits(page: Page): Promise<Fit[]> {
  // Page-side code as a string: the tests compile without the DOM's types.
  return page.evaluate<Fit[]>(`[...document.querySelectorAll('input[type=date], input[type=month]')]
    .filter((i) => i.offsetParent !== null)
    .map((i) => {
      // A copy with width auto beside it: what Chromium needs for this value in this locale.
      const probe = i.cloneNode();
      Object.assign(probe.style, { width: 'auto', flex: 'none', position: 'absolute', visibility: 'hidden' });
      i.parentElement.appendChild(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      return { testId: i.dataset.testid ?? '', type: i.type, value: i.value, scrollWidth: i.scrollWidth, clientWidth: i.clientWidth, width: i.getBoundingClientRect().width, needed };
    })`);
}

function expectFits(fits: Fit[], where: string): void {
  for (const f of fits) {
    const label = `${where} ${f.testId || f.type} ${f.value}`;
    expect(f.scrollWidth, label).toBeLessThanOrEqual(f.clientWidth);
    expect(f.width + 0.5, label).toBeGreaterThanOrEqual(f.needed);
  }
}

async function exportPickers(page: Page, appLang: 'zh' | 'en', where: string): Promise<number> {
  await page.goto(app.host.url);
  await loginAs(page, '演示会计', '5678');
  if (appLang === 'en') await page.getByRole('button', { name: 'English' }).click();
  await openMenuEntry(page, appLang === 'en' ? 'Day close & reports' : '日结·报表');
  await page.getByRole('tab', { name: appLang === 'en' ? 'Exports' : '导出' }).click();
  const kinds = page.getByTestId('period-kind');
  await kinds.waitFor();
  let checked = 0;
  // Month: September is the longest English month name; December is the one the issue saw cut.
  await kinds.locator('.ant-segmented-item').nth(1).click();
  for (const month of ['2026-09', '2026-12']) {
    await page.getByTestId('period-month').fill(month);
    const fits = await pickerFits(page);
    expect(fits.map((f) => f.value)).toEqual([month]);
    expectFits(fits, `${where} month`);
    checked += fits.length;
  }
  // Day and range.
  await kinds.locator('.ant-segmented-item').nth(0).click();
  await page.getByTestId('period-day').waitFor();
  let fits = await pickerFits(page);
  expectFits(fits, `${where} day`);
  checked += fits.length;
  await kinds.locator('.ant-segmented-item').nth(3).click();
  await page.getByTestId('period-to').waitFor();
  fits = await pickerFits(page);
  expect(fits.length).toBe(2);
  expectFits(fits, `${where} range`);
  checked += fits.length;
  // The evaluation sheet's month box under 积分评定.
  await openMenuEntry(page, appLang === 'en' ? 'Points' : '积分评定');
  await page.getByRole('tab', { name: appLang === 'en' ? EN_EVAL_TAB : '月度评比表' }).click();
  await page.getByTestId('evaluation-month').waitFor();
  await page.getByTestId('evaluation-month').fill('2026-09');
  fits = await pickerFits(page);
  expect(fits.length).toBeGreaterThan(0);
  expectFits(fits, `${where} evaluation`);
  return checked + fits.length;
}

describe('date and month pickers fit their content', () => {
  it('in an English-locale browser, app in English and in Chinese', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    // Chromium formats the month by the browser's locale: the English name really is there.
    expect(await page.evaluate<string>('navigator.language')).toBe('en-US');
    expect(await exportPickers(page, 'en', 'en-US/en')).toBeGreaterThanOrEqual(5);
    await context.close();
    const zhApp = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    expect(await exportPickers(await zhApp.newPage(), 'zh', 'en-US/zh')).toBeGreaterThanOrEqual(5);
    await zhApp.close();
  });

  it('in a Chinese-locale browser', { timeout: 120_000 }, async () => {
    expect(await exportPickers(app.page, 'zh', 'zh-CN/zh')).toBeGreaterThanOrEqual(5);
  });
});
