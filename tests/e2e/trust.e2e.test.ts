/**
 * The administrator's trust screens end to end in Chromium: general settings, adding an
 * operator, choosing a backup folder and backing up, inspecting a backup and restoring it
 * (everyone is logged out), a full verify, the audit log and its export; then a ledger
 * row edited behind the app's back shows up in the verify screen and as a red banner.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../db/core.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { backupConfig } from '../../db/trust/backup/service.js';
import { ARTIFACTS, loginAs as loginAsIn, openApp, type E2eApp, openMenuEntry } from '../helpers/browser.js';

let dataDir: string;
let usb: string;
let host: BrowserHost;
let app: E2eApp;
let page: Page;

beforeAll(async () => {
  usb = mkdtempSync(join(tmpdir(), 'points-store-usb-'));
  app = await openApp({ prefix: 'points-store-e2e-trust-', actionTimeoutMs: 20_000 });
  ({ dataDir, host, page } = app);
}, 60_000);

afterAll(async () => {
  await app?.close();
  if (usb) rmSync(usb, { recursive: true, force: true });
});

const loginAdmin = () => loginAsIn(page, '演示管理员', '9999');

async function openTab(name: string): Promise<void> {
  if (!(await page.getByTestId('settings-page').isVisible())) {
    // With many pages, 设置 may sit behind the menu's "…".
    await openMenuEntry(page, '设置');
  }
  await page.getByRole('tab', { name }).click();
}

describe('the administrator keeps the store trustworthy', () => {
  it('settings, operators, backup, restore, verify, audit log, and a tampered row', async () => {
    await page.goto(host.url);
    await loginAdmin();

    // General settings.
    await openTab('常规设置');
    const store = page.getByTestId('general-settings').getByLabel('超市名称');
    await store.fill('爱心超市');
    await page.getByTestId('general-save').click();
    // Wait for what the save changed, not for its toast (which may come and go unseen).
    await expect.poll(() => host.core.settings().storeName, { timeout: 20_000 }).toBe('爱心超市');

    // A new keeper.
    await openTab('操作员');
    await page.getByTestId('operator-add').click();
    const form = page.getByTestId('operator-form');
    await form.getByLabel('姓名').fill('王小二');
    await form.getByLabel('PIN（4 到 8 位数字）').fill('2580');
    await form.getByLabel('再输入一次 PIN').fill('2580');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.getByTestId('operators-tab').textContent(), { timeout: 20_000 }).toContain('王小二');
    await page.screenshot({ path: join(ARTIFACTS, 'trust-operators.png') });

    // Backup folder on the "USB stick", then a backup.
    await openTab('备份与恢复');
    await page.getByTestId('backup-folder').fill(usb);
    await page.getByTestId('backup-save').click();
    await expect.poll(() => backupConfig(host.core).folder, { timeout: 20_000 }).toBe(usb);
    await page.getByTestId('backup-run').click();
    await expect.poll(() => page.getByTestId('backup-last').textContent(), { timeout: 20_000 }).toContain('最近一次备份成功');
    expect(readdirSync(usb).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1);
    await page.screenshot({ path: join(ARTIFACTS, 'trust-backup.png') });

    // Inspect it, then restore it.
    await page.getByTestId('backup-files').getByRole('button', { name: '查看并恢复…' }).click();
    const preview = page.getByTestId('backup-preview');
    await expect.poll(() => preview.textContent()).toContain('通过：数据完整，账目一致');
    expect(await preview.textContent()).toContain('300 户');
    await page.screenshot({ path: join(ARTIFACTS, 'trust-restore-preview.png') });
    await page.getByTestId('restore-pin').fill('9999');
    await page.getByTestId('restore-confirm').click();
    // Everyone is logged out by the restore.
    await page.getByText('请选择操作员').waitFor({ timeout: 30_000 });
    await loginAdmin();

    // Full verify passes.
    await openTab('数据校验');
    await page.getByTestId('verify-run').click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toContain('校验通过');

    // The audit log names all of it, and exports.
    await openTab('操作日志');
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('从备份恢复');
    const text = (await page.getByTestId('audit-table').textContent()) ?? '';
    expect(text).toContain('新增操作员');
    expect(text).toContain('修改设置');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('从备份恢复');
    await page.screenshot({ path: join(ARTIFACTS, 'trust-audit.png') });

    // Someone edits a ledger row with the sqlite3 shell.
    const outsider = new Database(join(dataDir, DB_FILE));
    const rowId = outsider.prepare("SELECT id FROM ledger WHERE kind = 'redemption' ORDER BY id DESC LIMIT 1").pluck().get() as number;
    outsider.exec('DROP TRIGGER ledger_no_update');
    outsider.prepare('UPDATE ledger SET amount = amount - 50 WHERE id = ?').run(rowId);
    outsider.close();
    await openTab('数据校验');
    await page.getByTestId('verify-run').click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toContain('发现');
    expect(await page.getByTestId('verify-result').textContent()).toContain(String(rowId));
    // The banner shows for everyone from the next page load on.
    await page.reload();
    await loginAdmin();
    await page.getByTestId('integrity-banner').waitFor();
    await openTab('数据校验');
    await page.screenshot({ path: join(ARTIFACTS, 'trust-verify-failed.png') });
    // About 30 s on a quiet machine; the limit leaves room for a busy shared one.
  }, 180_000);
});
