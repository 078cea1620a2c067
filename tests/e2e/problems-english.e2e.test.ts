/**
 * Problems are codes, rendered by the screen in the user's language: a ledger row edited
 * behind the app's back makes the day close list its problems in Chinese, and after the
 * language toggle the whole reconciliation (check names, what was checked, each problem)
 * is English. Before codes, the core sent Chinese sentences that the English mode showed
 * as they were.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../db/core.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { loginAs, openApp, openMenuEntry, type E2eApp } from '../helpers/browser.js';
import { sellCheapest } from '../helpers/core.js';

let dataDir: string;
let host: BrowserHost;
let app: E2eApp;
let page: Page;

beforeAll(async () => {
  app = await openApp({ prefix: 'points-store-e2e-problems-', actionTimeoutMs: 30_000 });
  ({ dataDir, host, page } = app);
}, 60_000);

afterAll(() => app?.close());

describe('the day close renders problems by code in the chosen language', () => {
  it('a ledger row edited with the sqlite shell: Chinese lines, then English ones after the toggle', async () => {
    sellCheapest(host.core, 'e2e-problems-0001');
    const outsider = new Database(join(dataDir, DB_FILE));
    const ledgerId = outsider.prepare('SELECT ledger_id FROM redemptions ORDER BY id DESC LIMIT 1').pluck().get() as number;
    outsider.exec('DROP TRIGGER ledger_no_update');
    outsider.prepare('UPDATE ledger SET amount = amount + 10 WHERE id = ?').run(ledgerId);
    outsider.close();

    await page.goto(host.url);
    await loginAs(page, '演示会计', '5678');
    await openMenuEntry(page, '日结·报表');
    const changed = page.getByTestId('reconciliation').locator('[data-code="ROW_CHANGED"]');
    await changed.waitFor();
    expect(await changed.textContent()).toBe(`台账 #${ledgerId}：该行写入后被改动（哈希不符）`);
    expect(await page.getByTestId('reconciliation').textContent()).toContain('当日 1 张兑换单');

    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(() => changed.textContent()).toBe(`ledger #${ledgerId}: hash does not match the row: the row was changed after it was written`);
    const english = (await page.getByTestId('reconciliation').textContent()) ?? '';
    expect(english).toContain('1 receipts of the day');
    expect(english).toContain('the ledger row');
    // Not one Chinese character left in the checklist.
    expect(english).not.toMatch(/[\u4e00-\u9fff]/);
  }, 120_000);
});
