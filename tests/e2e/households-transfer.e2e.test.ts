/**
 * Merging or splitting households at the screen: the administrator moves points from one
 * household to another with a reason; the balances change by ledger rows, not edits.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { openApp, type E2eApp } from '../helpers/browser.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;

beforeAll(async () => {
  app = await openApp({ prefix: 'points-store-transfer-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
}, 60_000);

afterAll(() => app?.close());

const balance = (number: string) =>
  host.core.db
    .prepare('SELECT a.balance FROM accounts a JOIN households h ON h.id = a.household_id WHERE h.number = ? AND a.passbook_id = 1')
    .pluck()
    .get(number) as number;

const head = (number: string) => host.core.db.prepare('SELECT head_name FROM households WHERE number = ?').pluck().get(number) as string;

describe('households: moving points for a split or merge', () => {
  it('moves points with a reason, as two ledger rows', { timeout: 60_000 }, async () => {
    const from = balance('01-001');
    const to = balance('01-002');
    await page.goto(host.url);
    await page.getByRole('button', { name: /演示管理员/ }).click();
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: '农户' }).click();
    await page.getByText('01-001').first().click();
    await page.getByTestId('transfer-open').click();
    // At the counter PC's 1366×768 the whole title is on screen.
    const title = page.getByTestId('transfer-title');
    await title.waitFor();
    const box = await title.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 768).toBe(true);
    expect(await title.textContent()).toContain(`01-001 ${head('01-001')}`);
    // Every field is found by its label.
    await page.getByLabel('转入户号').fill('01-001');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '不能转给本户' }).count()).toBe(1);
    await page.getByLabel('转出积分', { exact: true }).fill('50');
    await page.getByLabel('原因（如：分户，依村民代表会议决定）').fill('分户，依村民代表会议决定');
    expect(await page.getByRole('button', { name: /确认转出/ }).isDisabled()).toBe(true);

    await page.getByLabel('转入户号').fill('01-002');
    // Before anything moves, the dialog names both households.
    await expect.poll(() => page.getByTestId('transfer-target').textContent()).toContain(`01-002 ${head('01-002')}`);
    await expect.poll(() => page.getByTestId('transfer-summary').textContent()).toBe(`从 01-001 ${head('01-001')} 转出 50 分，转入 01-002 ${head('01-002')}`);
    await page.getByRole('button', { name: `确认转出 50 分给 01-002 ${head('01-002')}` }).click();
    await expect.poll(() => balance('01-001')).toBe(from - 50);
    expect(balance('01-002')).toBe(to + 50);
    const rows = host.core.db.prepare("SELECT amount, note FROM ledger WHERE kind = 'transfer' ORDER BY id").all() as { amount: number; note: string }[];
    expect(rows.map((r) => r.amount)).toEqual([-50, 50]);
    expect(rows[0]!.note).toContain('分户');
    expect(verifyDatabase(host.core.db).problems).toEqual([]);
  });
});
