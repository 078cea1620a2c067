/**
 * Issue 12 in Chromium: a ledger row a week old is edited with the sqlite3 shell's means
 * (no key, triggers lifted and put back), then the app starts. The start-up check reads
 * only the rows since the last day close and passes; the full verify on the worker thread
 * finds the edit, and the counter shows the alarm naming the table and row. The
 * administrator sees the verify's outcome in 设置 → 数据校验.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core, DB_FILE } from '../../db/core.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { integrityStatus } from '../../db/trust/integrity/run.js';
import { ARTIFACTS, loginAs, logout, openApp, openMenuEntry, type E2eApp } from '../helpers/browser.js';
import { login, TestClock } from '../helpers/core.js';

let app: E2eApp;
let page: Page;
let oldLedgerId = 0;
/** The verify of a small store on a loaded machine ends well within this. */
const LIMIT_MS = 60_000;

/** A week of history with a close at each end, then the edit behind the app. */
function tamperedStore(dataDir: string): Core {
  const clock = new TestClock(new Date('2026-11-20T02:00:00Z'));
  const core = new Core({ dataDir, clock });
  initDemoIfEmpty(core, { households: 8 });
  const keeper = login(core, 'keeper');
  const hh = core.db.prepare('SELECT household_id FROM accounts ORDER BY balance DESC LIMIT 1').pluck().get() as number;
  const goods = core.db.prepare('SELECT id FROM goods WHERE stock > 3 ORDER BY id LIMIT 1').pluck().get() as number;
  keeper.call('redemption.create', { requestId: 'e2e-week-old-1', householdId: hh, passbookId: 1, lines: [{ goodsId: goods, quantity: 1 }] });
  oldLedgerId = core.db.prepare('SELECT MAX(id) FROM ledger').pluck().get() as number;
  login(core, 'accountant').call('dayClose.close', { date: '2026-11-20', pin: '5678' });
  clock.advance(7 * 86_400_000);
  // A sale on the last closed day: the checkpointed row (which the start-up check
  // re-hashes) is then a newer one than the edited row.
  login(core, 'keeper').call('redemption.create', { requestId: 'e2e-last-close-1', householdId: hh, passbookId: 1, lines: [{ goodsId: goods, quantity: 1 }] });
  login(core, 'accountant').call('dayClose.close', { date: '2026-11-27', pin: '5678' });
  clock.advance(86_400_000);
  const shell = new Database(join(dataDir, DB_FILE));
  try {
    const triggers = shell.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
    shell.transaction(() => {
      for (const t of triggers) shell.exec(`DROP TRIGGER ${t.name}`);
      shell.prepare('UPDATE ledger SET amount = amount - 1 WHERE id = ?').run(oldLedgerId);
      for (const t of triggers) shell.exec(t.sql);
    })();
  } finally {
    shell.close();
  }
  return core;
}

beforeAll(async () => {
  app = await openApp({ prefix: 'points-store-e2e-alarm-', core: tamperedStore, actionTimeoutMs: 30_000 });
  page = app.page;
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('a tampered start', () => {
  it('the app opens, and the counter shows the alarm once the full verify after start-up finds the edit', async () => {
    // The start-up check passed (the edit is older than the checkpoint): the app opened.
    expect(integrityStatus(app.host.core).startup?.ok).toBe(true);
    await page.goto(app.host.url);
    await loginAs(page, '演示店员', '1234');
    const banner = page.locator('[data-testid="integrity-banner"][data-alarm="true"]');
    await banner.waitFor({ timeout: LIMIT_MS });
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('收银和一切修改已停止');
    expect(text).toContain(`台账 #${oldLedgerId}：该行写入后被改动（哈希不符）`);
    await page.screenshot({ path: join(ARTIFACTS, 'startup-alarm-counter.png') });

    // The administrator: 设置 → 数据校验 says what the verify after start-up found.
    await logout(page);
    await loginAs(page, '演示管理员', '9999');
    await openMenuEntry(page, '设置');
    await page.getByRole('tab', { name: '数据校验' }).click();
    const card = page.getByTestId('verify-background');
    await expect.poll(() => card.getAttribute('data-state'), { timeout: LIMIT_MS }).toBe('failed');
    expect(await card.textContent()).toMatch(/完整校验发现 \d+ 处问题/);
    expect(await page.getByTestId('verify-alarm').textContent()).toContain(`台账 #${oldLedgerId}`);
    await page.screenshot({ path: join(ARTIFACTS, 'startup-alarm-settings.png') });
  }, 180_000);
});
