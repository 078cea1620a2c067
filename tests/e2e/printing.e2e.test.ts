/**
 * Receipt printing end to end, as the village uses it: the administrator sets up a network
 * receipt printer in 设置 → 打印机 and prints test pages on both widths; the keeper redeems
 * at the counter and the receipt prints by itself; the printer is switched off, a sale
 * still goes through with a clear "waiting" notice, and the receipt prints exactly once
 * when the printer is back; a reprint from today's receipts is marked 重印. Every check
 * on paper is made on the bytes the fake printer received, decoded as GB18030.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPlan, type DemoHousehold } from '../../db/demo/village.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { ARTIFACTS, loginAs as loginAsIn, logout as logoutOf, openApp, type E2eApp, openMenuEntry } from '../helpers/browser.js';
import { decode, FakePrinter, type DecodedReceipt } from '../helpers/fake-printer.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;
let printer: FakePrinter;

const plan = demoPlan();
const customer: DemoHousehold = [...plan.households].sort((a, b) => b.openingPoints - a.openingPoints)[0]!;
const headId = customer.members[0]!.idNumber;
const salt = plan.goods.find((g) => g.name === '食盐 400g')!;
const soy = plan.goods.find((g) => g.name === '海天生抽 500ml')!;

beforeAll(async () => {
  printer = await FakePrinter.start('print');
  app = await openApp({ prefix: 'points-store-print-e2e-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await printer?.stop();
});

// ---- helpers ----------------------------------------------------------------------

const login = (name: string, pin: string) => loginAsIn(page, name, pin);
const logout = () => logoutOf(page);

/** A page from the header menu; waits for what the page shows. */
async function openPage(name: string, shown: ReturnType<Page['locator']>): Promise<void> {
  await openMenuEntry(page, name);
  await shown.waitFor();
}

const chip = () => page.getByTestId('printer-chip');
const footer = () =>
  page
    .locator('.ant-modal-footer')
    .filter({ has: page.getByTestId('receipt-print-slot') })
    .last();
const slotState = () => footer().getByTestId('receipt-print-state');

function textOf(job: DecodedReceipt): string {
  return job.lines.map((l) => l.text).join('\n');
}

/** What a receipt printer must get: columns within the paper, a QR code, a cut. */
function expectWellFormed(job: DecodedReceipt, columns: 32 | 48): void {
  for (const l of job.lines) expect(l.printedColumns, `"${l.text}"`).toBeLessThanOrEqual(columns);
  expect(job.commands.slice(0, 2)).toEqual(['ESC @', 'FS &']);
  expect(job.qrPrints).toBe(1);
  expect(job.cuts).toBe(1);
  expect(job.commands.at(-1)).toBe('GS V');
}

function jobsFor(receiptNo: string): DecodedReceipt[] {
  return printer.jobs.map(decode).filter((d) => d.qrPayloads.includes(`VPSR1:${receiptNo}`));
}

async function redeem(goodsName: string): Promise<string> {
  const other = page.getByRole('button', { name: '换一户' });
  if (await other.isVisible()) await other.click();
  await page.getByTestId('scan-input').fill(headId);
  await page.getByTestId('scan-input').press('Enter');
  await expect.poll(() => page.getByTestId('household-number').textContent()).toBe(customer.number);
  await page.getByRole('button', { name: goodsName, exact: true }).click();
  await page.keyboard.press('F9');
  await page.getByTestId('receipt').getByTestId('receipt-no').waitFor();
  return (await page.getByTestId('receipt').getByTestId('receipt-no').textContent())!;
}

// ---- the story ----------------------------------------------------------------------

describe('receipt printing, end to end', () => {
  it('sets up the printer, prints receipts once (also after the printer was off), reprints marked 重印', { timeout: 90_000 }, async () => {
    await page.goto(host.url, { timeout: 30_000 });

    // No printer yet: the header says so.
    await login('演示管理员', '9999');
    await expect.poll(() => chip().textContent()).toBe('未设置打印机');

    // 设置 → 打印机: a network printer at the fake printer's port, 80 mm first.
    await openPage('设置', page.getByRole('tab', { name: '打印机' }));
    await page.getByRole('tab', { name: '打印机' }).click();
    await page.getByTestId('printer-settings').waitFor();
    expect(await page.getByTestId('printer-help').textContent()).toContain('Windows 打印队列');
    await page.getByRole('radio', { name: '网络打印机' }).check();
    await page.getByTestId('printer-host').fill('127.0.0.1');
    await page.locator('input[data-testid="printer-port"], [data-testid="printer-port"] input').first().fill(String(printer.port));
    await page.getByRole('radio', { name: /^80mm/ }).check();
    await expect.poll(() => page.getByTestId('printer-address').textContent()).toBe(`将保存的打印机地址：tcp://127.0.0.1:${printer.port}`);
    await page.getByTestId('printer-save-test').click();
    await printer.waitForJobs(1);
    const test80 = decode(printer.jobs[0]!);
    expect(textOf(test80)).toContain('打印测试');
    expectWellFormed(test80, 48);
    expect(Math.max(...test80.lines.map((l) => l.printedColumns))).toBeGreaterThan(32);

    // Then 58 mm, the common counter printer.
    await page.getByRole('radio', { name: /^58mm/ }).check();
    await page.getByTestId('printer-save-test').click();
    await printer.waitForJobs(2);
    const test58 = decode(printer.jobs[1]!);
    expect(textOf(test58)).toContain('打印测试');
    expectWellFormed(test58, 32);
    await expect.poll(() => chip().textContent(), { timeout: 30_000 }).toBe('打印机正常');
    expect(host.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'printer.settings'").pluck().get()).toBe(2);
    await page.locator('.ant-message-notice').last().waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByTestId('printer-settings').scrollIntoViewIfNeeded();
    await page.evaluate(`document.querySelector('[data-testid="settings-page"]').scrollTop = 0`);
    await page.screenshot({ path: join(ARTIFACTS, 'printing-settings.png') });
    await logout();

    // The keeper redeems; the receipt prints by itself, once, in Chinese, within 32 columns.
    await login('演示店员', '1234');
    await expect.poll(() => chip().textContent()).toBe('打印机正常');
    const first = await redeem(salt.name);
    await expect.poll(() => jobsFor(first).length, { timeout: 30_000 }).toBe(1);
    const receipt = jobsFor(first)[0]!;
    expectWellFormed(receipt, 32);
    const paper = textOf(receipt);
    expect(paper).toContain('兑换单');
    expect(paper).toContain(`单号：${first}`);
    expect(paper).toContain(customer.members[0]!.name);
    expect(paper).toContain('食盐');
    expect(paper).toContain('演示店员');
    expect(paper).not.toContain('重印');
    expect(paper).not.toContain(headId); // never the full ID number
    await expect.poll(() => slotState().getAttribute('data-state'), { timeout: 30_000 }).toBe('printed'); // the slot re-reads its jobs every 2 s
    expect(await footer().getByTestId('receipt-print').textContent()).toBe('重印');

    // The on-screen preview is the printed document (here the copy a reprint would print).
    await footer().getByTestId('receipt-preview-open').click();
    const previewBox = page.getByTestId('receipt-preview');
    await previewBox.getByTestId('receipt-paper').waitFor();
    expect(await previewBox.textContent()).toContain('再次打印时会印上“重印”');
    const shown = (await previewBox.getByTestId('paper-line').allTextContents()).filter((l) => l.trim() !== '');
    expect(shown.some((l) => l.includes('*** 重印 ***'))).toBe(true);
    const printedLines = receipt.lines.filter((l) => l.text.trim() !== '').map((l) => l.text);
    const reprintOnly = (l: string) => /重印|REPRINT/.test(l);
    expect(shown.filter((l) => !reprintOnly(l))).toEqual(printedLines);
    await page.screenshot({ path: join(ARTIFACTS, 'printing-preview.png') });
    await page.getByRole('dialog').filter({ has: previewBox }).locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await page.getByRole('button', { name: '下一位' }).click();

    // The printer is switched off: the sale still goes through, the keeper sees the
    // receipt waiting, and the header says so.
    await printer.setMode('refuse');
    const second = await redeem(soy.name);
    await expect.poll(() => slotState().getAttribute('data-state'), { timeout: 30_000 }).toBe('waiting');
    expect(await slotState().textContent()).toContain('小票等待打印');
    expect(await slotState().textContent()).toContain('兑换已完成');
    // Nothing has printed yet, so the button offers 打印 (the same original), not 重印.
    expect(await footer().getByTestId('receipt-print').textContent()).toBe('打印');
    await expect.poll(() => chip().textContent(), { timeout: 30_000 }).toBe('打印机未连接（1 张待打印）');
    expect(host.core.db.prepare('SELECT count(*) FROM redemptions WHERE receipt_no = ?').pluck().get(second)).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'printing-waiting.png') });

    // 下一位; the header's panel lists the waiting receipt and says the sales are safe.
    await page.getByRole('button', { name: '下一位' }).click();
    await chip().click();
    await page.getByTestId('printer-panel').waitFor();
    expect(await page.getByTestId('printer-panel').textContent()).toContain('兑换都已保存');
    expect(await page.getByTestId('printer-job').count()).toBe(1);
    expect(await page.getByTestId('printer-job').textContent()).toContain('等待');
    await page.screenshot({ path: join(ARTIFACTS, 'printing-panel.png') });

    // Back on: 立即重试 prints it, exactly once.
    await printer.setMode('print');
    expect(jobsFor(second)).toHaveLength(0);
    await page.getByTestId('printer-retry-now').click();
    await expect.poll(() => jobsFor(second).length, { timeout: 30_000 }).toBe(1);
    expectWellFormed(jobsFor(second)[0]!, 32);
    expect(textOf(jobsFor(second)[0]!)).toContain('海天生抽');
    await expect.poll(() => chip().textContent(), { timeout: 30_000 }).toBe('打印机正常');
    await chip().click();
    // Nothing left to send (no job queued, printing or failed), so no second copy can follow.
    await expect.poll(() => host.core.printing.jobs().filter((j) => j.status !== 'done').length).toBe(0);
    expect(jobsFor(second)).toHaveLength(1);
    expect(jobsFor(first)).toHaveLength(1);

    // Today's receipts: 重印 prints a copy marked 重印 top and bottom.
    await openPage('今日兑换单', page.locator('tr.ant-table-row', { hasText: first }));
    await page.locator('tr.ant-table-row', { hasText: second }).click();
    await expect.poll(() => slotState().getAttribute('data-state'), { timeout: 30_000 }).toBe('printed'); // the slot re-reads its jobs every 2 s
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    // Wait for the closing animation: until it ends the dialog still covers the table.
    await page
      .locator('.ant-modal-wrap')
      .filter({ has: page.getByTestId('receipt-print-slot') })
      .waitFor({ state: 'hidden' });
    await page.locator('tr.ant-table-row', { hasText: first }).click();
    await footer().getByTestId('receipt-print').waitFor();
    expect(await footer().getByTestId('receipt-print').textContent()).toBe('重印');
    await footer().getByTestId('receipt-print').click();
    await expect.poll(() => jobsFor(first).length, { timeout: 30_000 }).toBe(2);
    const reprint = jobsFor(first)[1]!;
    expectWellFormed(reprint, 32);
    expect(textOf(reprint)).toContain('*** 重印 ***');
    expect(reprint.lines.filter((l) => l.text.includes('重印')).length).toBeGreaterThanOrEqual(2);
    expect(textOf(reprint)).toContain(`单号：${first}`);
    await page.getByText('重印已送去打印').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'printing-reprint.png') });

    // Nothing else reached the paper: 2 test pages, 2 receipts, 1 reprint.
    expect(printer.jobs).toHaveLength(5);
  });

  it('prints an A4 sheet of household cards for a group, with a QR code on each', { timeout: 40_000 }, async () => {
    // A fresh page (the session lives only in memory, so this is the login screen).
    await page.goto(host.url, { timeout: 30_000 });
    await login('演示管理员', '9999');
    await openPage('设置', page.getByRole('tab', { name: '户卡打印' }));
    await page.getByRole('tab', { name: '户卡打印' }).click();
    await page.getByTestId('card-sheet-tab').waitFor();
    expect(await page.getByTestId('card-sheet-tab').textContent()).toContain('补办户卡');
    await page.getByTestId('cards-group').click();
    const group = customer.groupName;
    await page.locator('.ant-select-item-option', { hasText: group }).first().click();
    await page.getByTestId('cards-load').click();
    await page.getByTestId('card-sheet').waitFor();
    const expected = plan.households.filter((h) => h.groupName === group).length;
    expect(await page.getByTestId('sheet-card').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('sheet-card').count()).toBeLessThanOrEqual(expected);
    expect(await page.getByTestId('card-sheet').getByTestId('qr').count()).toBe(await page.getByTestId('sheet-card').count());
    expect(await page.getByTestId('card-sheet').textContent()).toContain(customer.members[0]!.name);
    await page.screenshot({ path: join(ARTIFACTS, 'printing-cards.png') });

    // 打印 opens the print dialog with the sheet alone on the paper (checked at that moment).
    await page.evaluate(`window.print = () => {
      const area = document.querySelector('.cards-print');
      window.__printed = { cards: area ? area.querySelectorAll('.hh-card').length : 0, pages: area ? area.querySelectorAll('.sheet-page').length : 0 };
    }`);
    const onScreen = await page.getByTestId('sheet-card').count();
    await page.getByTestId('cards-print').click();
    await expect
      .poll(() => page.evaluate<{ cards: number; pages: number } | null>(`window.__printed ?? null`))
      .toEqual({ cards: onScreen, pages: Math.ceil(onScreen / 10) });

    // One household's card on the receipt printer, from its drawer under 农户.
    const before = printer.jobs.length;
    await openPage('农户', page.getByTestId('households-table'));
    const search = page.locator('input[data-testid="households-search"], [data-testid="households-search"] input').first();
    await search.fill(customer.number);
    await search.press('Enter');
    await page.locator('[data-testid="households-table"] tr.ant-table-row', { hasText: customer.number }).first().click();
    await page.getByTestId('print-card').click();
    await printer.waitForJobs(before + 1);
    const card = decode(printer.jobs[before]!);
    expect(textOf(card)).toContain('户卡');
    expect(textOf(card)).toContain(customer.members[0]!.name);
    expect(textOf(card)).toContain(customer.number);
    expect(card.qrPayloads).toHaveLength(1);
    expect(card.qrPayloads[0]).toMatch(/^[\x21-\x7e]+$/); // ASCII only
    for (const l of card.lines) expect(l.printedColumns).toBeLessThanOrEqual(32);
    expect(card.cuts).toBe(1);
  });
});
