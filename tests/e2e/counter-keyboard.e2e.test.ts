/**
 * The counter without a mouse, on a village PC's 1024×768 screen: the whole story is
 * driven by the keyboard alone (page.keyboard only; no click, no fill, no hover), and a
 * listener in the page proves that no pointer or mouse event arrived at all. Screenshots
 * at the four screen sizes a village has go to tests/artifacts/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPlan, withWrongCheckChar } from '../../db/demo/village.js';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { ARTIFACTS, openApp, type E2eApp } from '../helpers/browser.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;

const plan = demoPlan();
// The machine is shared and loaded: state may take seconds to show (vitest's default is 1 s).
const POLL = { timeout: 10_000 };
const zhang = plan.households[0]!; // 张三, 01-001
const sunHousehold = plan.households[1]!; // 孙红 is its head's spouse, 01-002
const flour = plan.goods.find((g) => g.name === '高筋面粉 5kg')!;
const soy = plan.goods.find((g) => g.name === '海天生抽 500ml')!;
const salt = plan.goods.find((g) => g.name === '食盐 400g')!;
const towel = plan.goods.find((g) => g.name === '毛巾')!;

beforeAll(async () => {
  // The machine is shared and loaded: a generous timeout per step, failing at the step's name.
  app = await openApp({ prefix: 'points-store-kbd-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
  // Counts every pointer and mouse event the page ever sees (there must be none).
  await page.addInitScript(`(() => {
    window.__pointerEvents = 0;
    const types = ['pointerdown', 'pointerup', 'pointermove', 'pointerover', 'pointerenter', 'mousedown', 'mouseup', 'mousemove',
      'mouseover', 'mouseenter', 'wheel', 'contextmenu', 'dblclick', 'touchstart', 'touchend'];
    for (const type of types) {
      window.addEventListener(type, (e) => { if (e.isTrusted) window.__pointerEvents++; }, true);
    }
    // Enter or Space on a button fires a click too, with detail 0; a mouse's click counts 1 and up.
    window.addEventListener('click', (e) => { if (e.isTrusted && e.detail > 0) window.__pointerEvents++; }, true);
  })()`);
  await page.setViewportSize({ width: 1024, height: 768 });
}, 60_000);

afterAll(() => app?.close());

// ---- reading the screen (never touching it) ----------------------------------------

// In-page snippets are strings: this file is type-checked without the DOM library.
const focused = () =>
  page.evaluate<{ testId: string | null; text: string; tag: string; type: string | null; label: string | null; html: string }>(`(() => {
    const el = document.activeElement;
    return {
      testId: el?.closest('[data-testid="collector-list"]') ? 'collector-list' : el?.getAttribute('data-testid') ?? el?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
      text: (el?.textContent ?? '').trim().slice(0, 40),
      tag: el?.tagName ?? '',
      type: el?.getAttribute('type') ?? null,
      label: el?.getAttribute('aria-label') ?? null,
      html: el?.outerHTML.slice(0, 90) ?? '',
    };
  })()`);
const focusedTestId = async () => (await focused()).testId;
const text = async (testId: string) => (await page.getByTestId(testId).first().textContent()) ?? '';
const householdNumber = () => text('household-number');
const cartQuantities = () =>
  page.evaluate<[string, number, boolean][]>(`[...document.querySelectorAll('[data-testid="cart-line"]')].map((l) => [
    l.querySelector('span').textContent,
    Number(l.querySelector('[data-testid="cart-qty"] input, input[data-testid="cart-qty"]')?.value ?? l.querySelector('input').value),
    l.getAttribute('data-selected') === 'true',
  ])`);

// ---- what the keeper does, with keys only ----------------------------------------------

async function type(textToType: string, enter = true): Promise<void> {
  await page.keyboard.type(textToType);
  if (enter) await page.keyboard.press('Enter');
}

/** Presses Tab (or Shift+Tab) until `match` says the focused element is the one wanted. */
async function tabTo(match: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, back = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (match(await focused())) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function scanInBox(textToScan: string): Promise<void> {
  await expect.poll(focusedTestId, POLL).toBe('scan-input');
  await type(textToScan);
}

/** Scans a barcode and waits until the cart shows that line at `quantity` (one scan at a time, as at a counter). */
async function scanGoods(goods: { barcode: string; name: string }, quantity: number): Promise<void> {
  await scanInBox(goods.barcode);
  await expect.poll(async () => (await cartQuantities()).find(([name]) => name === goods.name)?.[1] ?? 0, POLL).toBe(quantity);
}

/** The layout at the current viewport: goods columns, and anything sticking out of the screen. */
async function layout(): Promise<{ columns: number; overflow: string[]; cut: string[]; docW: number; docH: number }> {
  return page.evaluate(`(() => {
    const W = window.innerWidth, H = window.innerHeight;
    // A placeholder wider than its box is cut off (an input never scrolls its placeholder):
    // measured with the input's own font on a canvas.
    const ctx = document.createElement('canvas').getContext('2d');
    const cut = [];
    for (const input of document.querySelectorAll('input[placeholder]')) {
      const s = getComputedStyle(input);
      const box = input.getBoundingClientRect();
      if (box.width === 0 || input.value !== '') continue;
      ctx.font = s.font;
      const room = input.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      const need = ctx.measureText(input.placeholder).width;
      if (need > room + 0.5) cut.push(input.placeholder + ' ' + Math.round(need) + '>' + Math.round(room));
    }
    const tiles = [...document.querySelectorAll('[data-testid="goods-tile"]')].map((t) => Math.round(t.getBoundingClientRect().left));
    const overflow = [];
    const clipped = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowY !== 'visible' && p !== document.body && p !== document.documentElement) return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (el.closest('.ant-message, .ant-notification, .ant-tooltip')) continue;
      const name = el.tagName + '.' + String(el.className).slice(0, 40) + ' ' + (el.textContent ?? '').trim().slice(0, 20);
      if (r.right > W + 0.5 || r.left < -0.5) overflow.push('x ' + name + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
      else if ((r.bottom > H + 0.5 || r.top < -0.5) && !clipped(el)) overflow.push('y ' + name + ' ' + Math.round(r.top) + '..' + Math.round(r.bottom));
    }
    return { columns: new Set(tiles).size, overflow, cut, docW: document.documentElement.scrollWidth, docH: document.documentElement.scrollHeight };
  })()`);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, name) });
}

// ---- the story ----------------------------------------------------------------------

describe('the counter by keyboard alone, at 1024×768', () => {
  it('logs in, picks matches, edits the cart, switches households safely, names the collector', { timeout: 150_000 }, async () => {
    try {
      await story();
    } catch (e) {
      // The screen at the failing step, for whoever reads the CI log.
      await shot('counter-keyboard-failed.png');
      throw e;
    }
  });
});

async function story(): Promise<void> {
  await page.goto(host.url);

  // Log in: Tab to the keeper's tile, Enter, the PIN on the keyboard.
  await page.getByText('请选择操作员').waitFor();
  await tabTo((f) => f.text.includes('演示店员'), 'the keeper tile');
  await page.keyboard.press('Enter');
  await type('1234');
  await page.getByTestId('scan-input').waitFor();
  await expect.poll(focusedTestId, POLL).toBe('scan-input');
  await page.getByTestId('goods-tile').first().waitFor();

  // The key map is on the screen.
  expect(await text('key-hint')).toContain('F9');

  // 1024×768: three columns of goods at least, nothing outside the screen.
  const small = await layout();
  expect(small.columns).toBeGreaterThanOrEqual(3);
  expect(small.overflow).toEqual([]);
  expect(small.cut).toEqual([]);
  expect(small.docW).toBeLessThanOrEqual(1024);
  expect(small.docH).toBeLessThanOrEqual(768);

  // A match list by arrows: 张 finds several households; ↓ ↓ Enter opens the third.
  await scanInBox('张');
  await page.getByTestId('match-list').waitFor();
  const rows = await page.getByTestId('match-item').allTextContents();
  expect(rows.length).toBeGreaterThanOrEqual(3);
  expect(await page.getByTestId('match-digit').allTextContents()).toEqual(rows.slice(0, 9).map((_, i) => String(i + 1)));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await page.locator('[data-testid="match-item"][data-active="true"]').textContent()) ?? '', POLL).toBe(rows[2]);
  await page.keyboard.press('Enter');
  const third = /\d{2}-\d{3}/.exec(rows[2]!)![0];
  await expect.poll(householdNumber, POLL).toBe(third);

  // …and by digit: 张, then 2 and Enter opens the second.
  await scanInBox('张');
  await page.getByTestId('match-list').waitFor();
  await type('2');
  const second = /\d{2}-\d{3}/.exec(rows[1]!)![0];
  await expect.poll(householdNumber, POLL).toBe(second);
  // A digit beyond the list is refused, and Esc closes the list.
  await scanInBox('张');
  await page.getByTestId('match-list').waitFor();
  if (rows.length < 9) {
    await type(String(rows.length + 1));
    await expect.poll(() => text('scan-feedback'), POLL).toContain('未找到');
  }
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('match-list').count(), POLL).toBe(0);

  // Esc on an empty box with an empty cart: the next customer at once.
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('household-panel').count(), POLL).toBe(0);

  // The cart by keyboard: three barcodes; the last one changed is selected.
  await scanInBox(zhang.number);
  await expect.poll(householdNumber, POLL).toBe(zhang.number);
  await scanGoods(flour, 1);
  await scanGoods(soy, 1);
  await scanGoods(salt, 1);
  await expect.poll(cartQuantities, POLL).toEqual([
    [flour.name, 1, false],
    [soy.name, 1, false],
    [salt.name, 1, true],
  ]);
  // + + on salt, ↑ to soy, − stays at 1, Delete removes soy and selects the line that took its place.
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(cartQuantities, POLL).toEqual([
    [flour.name, 1, false],
    [soy.name, 1, false],
    [salt.name, 3, true],
  ]);
  expect(await page.getByTestId('scan-input').inputValue()).toBe('');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('-');
  await expect.poll(cartQuantities, POLL).toEqual([
    [flour.name, 1, false],
    [soy.name, 1, true],
    [salt.name, 3, false],
  ]);
  await page.keyboard.press('Delete');
  await expect.poll(cartQuantities, POLL).toEqual([
    [flour.name, 1, false],
    [salt.name, 3, true],
  ]);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('-'); // flour at 1: stays
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('-');
  await expect.poll(cartQuantities, POLL).toEqual([
    [flour.name, 1, false],
    [salt.name, 2, true],
  ]);
  const total = flour.pointsPrice + 2 * salt.pointsPrice;
  await expect.poll(() => text('cart-total'), POLL).toBe(total.toLocaleString('en-US'));

  // A failed lookup never leaves 张三 looking newly found: the message says he is still open.
  await scanInBox(withWrongCheckChar(zhang.members[0]!.idNumber));
  await expect.poll(() => text('scan-feedback'), POLL).toContain('身份证号校验位错误');
  expect(await text('scan-feedback')).toContain(`仍在办理：张三 ${zhang.number}`);
  await scanInBox('没有这个人');
  await expect.poll(() => text('scan-feedback'), POLL).toContain(`仍在办理：张三 ${zhang.number}`);

  // Another household with goods in the cart: asked, never silent. Enter on the focused
  // choice (取消) stays with 张三 and his cart.
  await scanInBox('01-003');
  await page.getByTestId('switch-household-body').waitFor();
  expect(await text('switch-household-body')).toContain(`张三 ${zhang.number}`);
  expect(await focusedTestId()).toBe('switch-cancel');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('switch-household-body').count(), POLL).toBe(0);
  expect(await householdNumber()).toBe(zhang.number);
  expect((await cartQuantities()).length).toBe(2);
  // Again, and Tab to 清空: the cart is cleared for 01-003.
  await scanInBox('０１－００３'); // full-width, as a Chinese input method types it
  await page.getByTestId('switch-household-body').waitFor();
  await tabTo((f) => f.testId === 'switch-clear', 'the clear choice');
  await page.keyboard.press('Enter');
  await expect.poll(householdNumber, POLL).toBe('01-003');
  await expect.poll(() => page.getByTestId('cart-line').count(), POLL).toBe(0);
  // Goods for 01-003, then 张三 again and 保留: the goods now belong to 张三.
  await scanGoods(towel, 1);
  await scanGoods(towel, 2);
  await scanInBox(zhang.number);
  await page.getByTestId('switch-household-body').waitFor();
  await tabTo((f) => f.testId === 'switch-keep', 'the keep choice');
  await page.keyboard.press('Enter');
  await expect.poll(householdNumber, POLL).toBe(zhang.number);
  await expect.poll(cartQuantities, POLL).toEqual([[towel.name, 2, true]]);

  // Esc with goods: asked first. Enter on the focused 继续兑换 keeps everything…
  await expect.poll(focusedTestId, POLL).toBe('scan-input');
  // The keeper presses Esc once the switch question has faded out, as they see it go.
  const shownDialogs = "[...document.querySelectorAll('.ant-modal-wrap')].filter((el) => getComputedStyle(el).display !== 'none').length";
  await expect.poll(() => page.evaluate<number>(shownDialogs), POLL).toBe(0);
  await page.keyboard.press('Escape');
  await page.getByTestId('next-confirm-body').waitFor();
  expect(await text('next-confirm-body')).toContain('2 件');
  await expect.poll(focusedTestId, POLL).toBe('next-confirm-cancel');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('next-confirm-body').count(), POLL).toBe(0);
  expect(await householdNumber()).toBe(zhang.number);
  expect((await cartQuantities()).length).toBe(1);
  // …and Tab to 清空，下一位 clears the counter.
  await expect.poll(focusedTestId, POLL).toBe('scan-input');
  await page.keyboard.press('Escape');
  await page.getByTestId('next-confirm-body').waitFor();
  await tabTo((f) => f.testId === 'next-confirm-ok', 'the confirm button');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('household-panel').count(), POLL).toBe(0);
  expect(await page.getByTestId('cart-line').count()).toBe(0);

  // Found by a member's name: the screen says who, and she is the receipt's 领取人.
  await scanInBox('孙红');
  await expect.poll(householdNumber, POLL).toBe(sunHousehold.number);
  expect(await text('matched-member')).toBe('匹配成员：孙红');
  const checkedCollector = () => page.locator('[data-testid="collector-list"] .ant-radio-wrapper-checked').textContent();
  expect(await checkedCollector()).toContain('孙红');
  await scanGoods(salt, 1);
  await page.keyboard.press('F9');
  const receipt = page.getByTestId('receipt');
  await receipt.getByTestId('receipt-no').waitFor();
  expect(await receipt.textContent()).toContain('领取人孙红');
  const sunId = host.core.db.prepare("SELECT id FROM members WHERE name = '孙红'").pluck().get() as number;
  const stored = host.core.db.prepare('SELECT member_id FROM redemptions ORDER BY id DESC LIMIT 1').pluck().get();
  expect(stored).toBe(sunId);
  // F8 prints its slip; pressed again before anything printed (no printer here), it is the
  // same original waiting, never a second one and never a reprint.
  const saleId = host.core.db.prepare('SELECT id FROM redemptions ORDER BY id DESC LIMIT 1').pluck().get() as number;
  const jobsOfSale = () => host.core.db.prepare('SELECT kind FROM print_jobs WHERE ref_id = ? ORDER BY id').pluck().all(saleId);
  await page.keyboard.press('F8');
  await expect.poll(jobsOfSale, POLL).toEqual(['redemption']);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/receipt.print'));
  await page.keyboard.press('F8');
  expect(((await (await answered).json()) as { ok: boolean; value: { reprint: boolean } }).value.reprint).toBe(false);
  expect(jobsOfSale()).toEqual(['redemption']);
  expect(await page.getByTestId('receipt-print').textContent()).toBe('打印');
  await page.keyboard.press('Enter'); // 下一位 has focus
  await expect.poll(() => receipt.count(), POLL).toBe(0);
  await expect.poll(focusedTestId, POLL).toBe('scan-input');

  // By household number nobody is named; Tab to the member list and ↓ names the next member.
  await scanInBox(sunHousehold.number);
  await expect.poll(householdNumber, POLL).toBe(sunHousehold.number);
  expect(await page.locator('[data-testid="collector-list"] .ant-radio-wrapper-checked').count()).toBe(0);
  await tabTo((f) => f.tag === 'INPUT' && f.type === 'radio' && f.testId === 'collector-list', 'the member list');
  await page.keyboard.press('ArrowDown');
  const picked = sunHousehold.members[1]!.name;
  await expect.poll(checkedCollector, POLL).toContain(picked);
  await page.keyboard.press('Escape'); // back to the scan box
  await expect.poll(focusedTestId, POLL).toBe('scan-input');
  await scanGoods(salt, 1);
  await page.keyboard.press('F9');
  await receipt.getByTestId('receipt-no').waitFor();
  expect(await receipt.textContent()).toContain(`领取人${picked}`);
  await page.keyboard.press('Escape');
  await expect.poll(() => receipt.count(), POLL).toBe(0);

  // Tab walks every control and is never trapped: 60 presses from the scan box reach the
  // goods, the cart's buttons, the menu and 退出登录.
  await scanInBox(zhang.number);
  await expect.poll(householdNumber, POLL).toBe(zhang.number);
  await scanGoods(flour, 1);
  const walk: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    walk.push(`${f.label ?? ''}|${f.testId ?? ''}|${f.text}|${f.html}`);
  }
  // …in the order the screen reads: the household, the goods (filter before tiles), the
  // cart's confirm, then round to the header.
  const order = ['换一户', 'collector-list', 'goods-filter', 'goods-tile', 'confirm-redemption', '退出登录'];
  const firstAt = order.map((wanted) => walk.findIndex((s) => s.includes(wanted)));
  for (const [i, wanted] of order.entries()) expect(firstAt[i], `${wanted} in ${walk.join(' | ')}`).toBeGreaterThanOrEqual(0);
  expect(firstAt, walk.join(' | ')).toEqual([...firstAt].sort((a, b) => a - b));
  // A scanner burst while a button has focus lands in the scan box.
  await tabTo((f) => f.text === '换一户', '换一户');
  await type(soy.barcode);
  await expect.poll(cartQuantities, POLL).toEqual([
    [flour.name, 1, false],
    [soy.name, 1, true],
  ]);
  await expect.poll(focusedTestId, POLL).toBe('scan-input');

  // Logging out with goods in the cart asks first; 返回柜台 (focused) keeps them.
  await tabTo((f) => f.label === '退出登录', '退出登录', true);
  await page.keyboard.press('Enter');
  await page.getByTestId('leave-confirm-body').waitFor();
  expect(await text('leave-confirm-body')).toContain('2 件');
  await expect.poll(focusedTestId, POLL).toBe('leave-confirm-cancel');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('leave-confirm-body').count(), POLL).toBe(0);
  await page.keyboard.press('Escape');
  await expect.poll(focusedTestId, POLL).toBe('scan-input');
  expect((await cartQuantities()).length).toBe(2);

  // 锁屏 by hand asks too (the cart is kept); at the lock screen, 换操作员登录 asks again
  // (it would drop the cart): 返回柜台 keeps it, and the keeper's PIN unlocks to the same cart.
  await tabTo((f) => f.text === '锁屏', '锁屏', true);
  await page.keyboard.press('Enter');
  await page.getByTestId('leave-confirm-body').waitFor();
  expect(await text('leave-confirm-body')).toContain('锁屏后清单会保留');
  await tabTo((f) => f.testId === 'leave-confirm-ok', 'the lock button in the question');
  await page.keyboard.press('Enter');
  await page.getByText('已锁屏').waitFor();
  // The question's closing animation ends before the next one can be told apart from it.
  await expect.poll(() => page.getByTestId('leave-confirm-body').count(), POLL).toBe(0);
  await tabTo((f) => f.text === '换操作员登录', '换操作员登录');
  await page.keyboard.press('Enter');
  await page.getByTestId('leave-confirm-body').waitFor();
  expect(await text('leave-confirm-body')).toContain('清单会丢失');
  await expect.poll(focusedTestId, POLL).toBe('leave-confirm-cancel');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('leave-confirm-body').count(), POLL).toBe(0);
  expect(await page.getByText('已锁屏').count()).toBe(1);
  await type('1234');
  await page.getByTestId('scan-input').waitFor();
  await expect.poll(cartQuantities, POLL).toEqual([
    [flour.name, 1, false],
    [soy.name, 1, true],
  ]);
  await page.keyboard.press('Escape');
  await expect.poll(focusedTestId, POLL).toBe('scan-input');

  // F6 today's receipts, F2 back: the cart is still there.
  await page.keyboard.press('F6');
  await page.getByTestId('receipts-count').waitFor();
  await page.keyboard.press('F2');
  await expect.poll(focusedTestId, POLL).toBe('scan-input');
  expect((await cartQuantities()).length).toBe(2);

  // The four screens a village has, with a household and a cart on them.
  // Two barcodes scanned back to back, the second before the first lookup has answered:
  // both land (each add applies to the latest cart, not to the one its lookup started from).
  // The first answer is held back until the second scan is in, as on a busy PC.
  let releaseFirst: () => void = () => undefined;
  const firstHeld = new Promise<void>((r) => (releaseFirst = r));
  let secondSent: () => void = () => undefined;
  const secondIn = new Promise<void>((r) => (secondSent = r));
  await page.route('**/api/counter.lookup', async (route) => {
    const body = route.request().postData() ?? '';
    if (body.includes(towel.barcode)) {
      const response = await route.fetch();
      await firstHeld;
      await route.fulfill({ response });
    } else {
      if (body.includes(salt.barcode)) secondSent();
      await route.continue();
    }
  });
  await expect.poll(focusedTestId, POLL).toBe('scan-input');
  await type(towel.barcode);
  await type(salt.barcode);
  await secondIn;
  await expect.poll(async () => (await cartQuantities()).some(([name]) => name === salt.name), POLL).toBe(true);
  releaseFirst();
  await expect.poll(async () => (await cartQuantities()).map(([name]) => name).sort()).toEqual([flour.name, soy.name, towel.name, salt.name].sort());
  await page.unroute('**/api/counter.lookup');
  await page.keyboard.press('ArrowUp');
  for (const [w, h] of [
    [1024, 768],
    [1280, 720],
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    // Staging for the picture only: the Tab walk above scrolled the goods; show them from the top.
    await page.evaluate(`document.querySelector('.goods-tiles').parentElement.scrollTop = 0`);
    await expect.poll(async () => (await layout()).overflow, { timeout: 10_000 }).toEqual([]);
    const l = await layout();
    expect(l.columns, `${w}×${h}`).toBeGreaterThanOrEqual(3);
    expect(l.cut, `${w}×${h}`).toEqual([]);
    await shot(`counter-keyboard-${w}x${h}.png`);
  }

  // Not one pointer or mouse event in the whole story.
  expect(await page.evaluate<number>('window.__pointerEvents')).toBe(0);
}
