/**
 * Issue 15, item 9, end to end in Chromium: the keeper opens a household at the counter and
 * takes the villager's own claim (申报) with an evidence photo from a file. A PDF renamed
 * .jpg is refused in Chinese at once; a claim over the month's cap is refused by the core
 * and the dialog keeps the item, points, note and photo; the corrected claim goes to review,
 * where the accountant opens the very photo.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPlan } from '../../db/demo/village.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { login } from '../helpers/core.js';
import { loginAs, logout, openApp, openMenuEntry, type E2eApp } from '../helpers/browser.js';
import { JPEG_8X8, PDF_AS_JPG } from '../helpers/photos.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;

const plan = demoPlan();
const household = [...plan.households].sort((a, b) => b.openingPoints - a.openingPoints)[0]!;

beforeAll(async () => {
  // 30 s per action: the machine is shared and loaded; a stuck step fails with its name.
  app = await openApp({ prefix: 'points-store-e2e-claims-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
}, 60_000);

afterAll(() => app?.close());

describe('a villager’s claim at the counter, with a photo', () => {
  it('keeper takes it, a bad file and an over-cap value are refused without losing anything, the reviewer sees the photo', { timeout: 240_000 }, async () => {
    // Already 35 of B01's 40 a month for this household (recorded by the committee).
    const admin = login(host.core, 'admin');
    const today = host.core.stamp().businessDate;
    const b01 = admin.call('rules.inForce', { date: today })!.items.find((i) => i.code === 'B01')!;
    const hid = host.core.db.prepare('SELECT id FROM households WHERE number = ?').pluck().get(household.number) as number;
    admin.call('points.record', {
      requestId: 'e2e-claim-cap-1',
      ruleItemId: b01.id,
      eventDate: today,
      evidence: '防汛值守（评议小组）',
      lines: [{ householdId: hid, points: 20 }],
    });
    admin.call('points.record', {
      requestId: 'e2e-claim-cap-2',
      ruleItemId: b01.id,
      eventDate: today,
      evidence: '道路清扫（评议小组）',
      lines: [{ householdId: hid, points: 15 }],
    });

    await page.goto(host.url);
    await loginAs(page, '演示店员', '1234');
    await page.getByTestId('scan-input').fill(household.number);
    await page.getByTestId('scan-input').press('Enter');
    await expect.poll(() => page.getByTestId('household-number').textContent()).toBe(household.number);
    await page.getByTestId('claim-open').click();
    const dialog = page.locator('.ant-modal', { has: page.getByTestId('claim-ok') });
    await dialog.waitFor();

    // Item, points, note.
    await dialog.getByTestId('claim-item').click();
    await page.locator('.ant-select-item-option', { hasText: '【B01】' }).click();
    await dialog.getByTestId('claim-points').fill('10');
    const note = '12 月防汛值守两晚，组长王五见证';
    await dialog.getByTestId('claim-note').fill(note);

    // A PDF named .jpg: refused in Chinese before anything is sent; nothing typed is lost.
    await dialog.getByTestId('photo-input').setInputFiles({ name: '证明.jpg', mimeType: 'image/jpeg', buffer: PDF_AS_JPG });
    await expect.poll(() => dialog.getByTestId('claim-error').textContent()).toContain('“证明.jpg”不是 JPEG 或 PNG 图片');
    expect(await dialog.getByTestId('photo-preview').count()).toBe(0);

    // The real photo: previewed with its name and size.
    await dialog.getByTestId('photo-input').setInputFiles({ name: '值守.jpg', mimeType: 'image/jpeg', buffer: JPEG_8X8 });
    await expect.poll(() => dialog.getByTestId('photo-name').textContent()).toContain('值守.jpg');
    expect(await dialog.getByTestId('claim-error').count()).toBe(0);

    // 35 + 10 is over the month's 40: the core refuses; the dialog keeps everything.
    await dialog.getByTestId('claim-ok').click();
    await expect.poll(() => dialog.getByTestId('claim-error').textContent()).toContain('最多 40');
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByTestId('claim-points').inputValue()).toBe('10');
    expect(await dialog.getByTestId('claim-note').inputValue()).toBe(note);
    expect(await dialog.locator('.ant-select-content, .ant-select-selection-item').first().textContent()).toContain('【B01】');
    expect(await dialog.getByTestId('photo-name').textContent()).toContain('值守.jpg');
    const pendingBefore = admin.call('points.entries', { status: ['pending'], householdId: hid }).total;

    // Corrected to 5: recorded as a claim awaiting review, with the photo.
    await dialog.getByTestId('claim-points').fill('5');
    await dialog.getByTestId('claim-ok').click();
    await dialog.waitFor({ state: 'detached' });
    const pending = admin.call('points.entries', { status: ['pending'], householdId: hid });
    expect(pending.total).toBe(pendingBefore + 1);
    const claim = pending.rows.find((e) => e.evidence === note)!;
    expect(claim.points).toBe(5);
    expect(claim.photo).toEqual({ mime: 'image/jpeg', size: JPEG_8X8.length });
    await logout(page);

    // The accountant reviews it and opens the photo: the very picture, decoded by the browser.
    await loginAs(page, '演示会计', '5678');
    await openMenuEntry(page, '积分评定');
    await page.getByRole('tab', { name: '积分审核' }).click();
    const row = page.getByTestId('review-table').locator('tr', { hasText: note });
    await row.getByTestId('entry-photo-open').click();
    const img = page.getByTestId('entry-photo');
    await img.waitFor();
    await expect
      .poll(() =>
        page.evaluate<number>(`(() => { const el = document.querySelector('[data-testid="entry-photo"]'); return el.complete ? el.naturalWidth : 0; })()`),
      )
      .toBe(8);
    expect(await img.getAttribute('src')).toBe(`data:image/jpeg;base64,${JPEG_8X8.toString('base64')}`);
    // Other rows (recorded without a photo) have no photo button.
    expect(await page.getByTestId('review-table').getByTestId('entry-photo-open').count()).toBe(1);
  });
});
