/**
 * Issue 19, item 5: every field of the office's forms is found by its Chinese label
 * (screen readers, and getByLabel here), and the label names the right kind of control:
 * the rule item and adoption dialogs, the point entry form with its batch of households,
 * the public notice, the objection dialogs (file and decide), the points settings with
 * tiers and passbooks, the stocktake sheet, and 设置: 常规设置, operators (add and PIN
 * reset), printer, reader, backup, audit filters, card sheet and the township hub.
 * Real browser host, system Chromium, 1366×768. Each field must match exactly one control.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../hosts/browser/browser-host.js';
import { loginAs, openApp, openMenuEntry, type E2eApp } from '../helpers/browser.js';
import { login } from '../helpers/core.js';

let host: BrowserHost;
let app: E2eApp;
let page: Page;

beforeAll(async () => {
  app = await openApp({ prefix: 'points-store-e2e-labels-office-', actionTimeoutMs: 30_000 });
  ({ host, page } = app);
  // Approved entries waiting for a notice, made through the contract by two operators
  // (the reviewer must not be the recorder), so the notice and objection dialogs have something to show.
  const admin = login(host.core, 'admin');
  const accountant = login(host.core, 'accountant');
  const book = admin.call('rules.inForce', { date: new Date().toISOString().slice(0, 10) }) as {
    items: { id: number; minPoints: number; maxPoints: number; direction: string }[];
  };
  const item = book.items.find((i) => i.direction === 'award' && i.minPoints === i.maxPoints)!;
  const households = admin.call('households.list', { limit: 2 }) as { rows: { id: number }[] };
  const recorded = admin.call('points.record', {
    requestId: 'labels-office-1',
    ruleItemId: item.id,
    eventDate: new Date().toISOString().slice(0, 10),
    evidence: '标签测试',
    lines: households.rows.map((h) => ({ householdId: h.id })),
  }) as { entries: { id: number }[] };
  accountant.call('points.review', { entryIds: recorded.entries.map((e) => e.id), decision: 'approved' });
}, 120_000);

afterAll(() => app?.close());

type Kind = 'text' | 'search' | 'textarea' | 'password' | 'date' | 'number' | 'select' | 'radiogroup' | 'switch' | 'checkbox';

/** The few DOM members KIND_OF reads (the tests compile without the DOM library). */
interface El {
  tagName: string;
  type?: string;
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
}

/** What kind of control an element is, as the village's operator sees it (antd's wrappers decide). Runs in the page. */
function kindOf(el: El): string {
  const role = el.getAttribute('role');
  if (role === 'radiogroup' || role === 'switch') return role;
  if (el.closest('.ant-select')) return 'select';
  if (el.closest('.ant-input-number')) return 'number';
  if (el.tagName === 'TEXTAREA') return 'textarea';
  if (el.tagName === 'INPUT') return el.type ?? 'text';
  return el.tagName.toLowerCase();
}

/** The one control labelled exactly `label` inside `scope`, checked to be of `kind`. */
async function field(scope: Locator | Page, label: string, kind: Kind): Promise<Locator> {
  const found = scope.getByLabel(label, { exact: true });
  // Polled: a dialog or tab may still be rendering. 30 s is an upper bound for a loaded machine.
  await expect.poll(() => found.count(), { message: `fields labelled “${label}”`, timeout: 30_000 }).toBe(1);
  expect(await found.evaluate(kindOf as unknown as (el: unknown) => string), `kind of “${label}”`).toBe(kind);
  return found;
}

async function fields(scope: Locator | Page, list: readonly [string, Kind][]): Promise<void> {
  for (const [label, kind] of list) await field(scope, label, kind);
}

const dialog = (title: string | RegExp) => page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
/** The shown tab panels (every page stays mounted; hidden panels are aria-hidden). */
const activePane = () => page.locator('[role="tabpanel"][aria-hidden="false"]');

async function openTab(menu: string, tab: string): Promise<void> {
  await openMenuEntry(page, menu);
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

describe('office forms by label', () => {
  it('rule item and adoption dialogs', { timeout: 120_000 }, async () => {
    await page.goto(host.url);
    await loginAs(page, '演示管理员', '9999');
    await openTab('积分评定', '积分细则');
    await page.getByTestId('rules-items').waitFor();
    await page.getByTestId('rules-new-draft').click();
    await page.getByTestId('rules-add-item').click();
    const item = dialog('添加条目');
    await (await field(item, '编号', 'text')).fill('L01');
    await (await field(item, '类别', 'text')).fill('标签');
    await (await field(item, '事项', 'text')).fill('标签事项');
    await (await field(item, '评分标准', 'textarea')).fill('按次');
    await field(item, '加分还是扣分', 'radiogroup');
    const valueKind = await field(item, '分值方式', 'radiogroup');
    await field(item, '分值', 'number');
    await valueKind.getByText('范围').click();
    await fields(item, [
      ['最低分', 'number'],
      ['最高分', 'number'],
      ['上限', 'select'],
      ['计入存折', 'select'],
      ['村民可自行申报', 'checkbox'],
    ]);
    await (await field(item, '最低分', 'number')).fill('2');
    await (await field(item, '最高分', 'number')).fill('9');
    await (await field(item, '上限', 'select')).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '每月' }).click();
    await (await field(item, '上限分数', 'number')).fill('30');
    await page.getByTestId('rule-item-ok').click();
    await page.getByTestId('rules-items').getByText('标签事项').waitFor();
    expect(host.core.db.prepare("SELECT min_points || '-' || max_points || '/' || cap_points FROM rule_items WHERE title = '标签事项'").pluck().get()).toBe(
      '2-9/30',
    );

    await page.getByTestId('rules-adopt-open').click();
    const adopt = dialog('表决');
    await fields(adopt, [
      ['细则名称', 'text'],
      ['会议日期', 'date'],
      ['会议名称', 'text'],
      ['施行日期', 'date'],
      ['决议', 'textarea'],
      ['赞成', 'number'],
      ['反对', 'number'],
      ['弃权', 'number'],
    ]);
    await adopt.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('point entry with a batch of households', { timeout: 120_000 }, async () => {
    await page.getByRole('tab', { name: '积分登记（评分表）' }).click();
    const pane = activePane();
    await fields(pane, [
      ['事项日期', 'date'],
      ['积分细则条目', 'select'],
      ['事实依据', 'text'],
    ]);
    await (await field(pane, '积分细则条目', 'select')).click();
    // B01 志愿服务 (5–20 points in the demo rule book): a ranged item, so each household gets its own points field.
    await page.keyboard.type('B01');
    await page.keyboard.press('Enter');
    // The batch: each household's tick box and, for a ranged item, its points are labelled by the household.
    const rows = pane.getByTestId('record-households').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const first = (await rows.first().locator('td').nth(1).textContent())!.trim();
    const head = (await rows.first().locator('td').nth(2).textContent())!.trim();
    await (await field(pane, `选择 ${first} ${head}`, 'checkbox')).check();
    await (await field(pane, `${first} ${head} 分值`, 'number')).fill('5');
  });

  it('notice, objection filed and decided', { timeout: 120_000 }, async () => {
    await page.getByRole('tab', { name: '积分公示' }).click();
    await page.getByTestId('notice-create-open').click();
    const create = dialog('公示');
    await fields(create, [
      ['公示名称', 'text'],
      ['公示天数', 'number'],
      ['扣分记录不公布户主姓名', 'checkbox'],
    ]);
    await (await field(create, '公示天数', 'number')).fill('3');
    await page.getByTestId('notice-create-ok').click();
    const drawer = page.getByTestId('notice-drawer');
    await drawer.getByTestId('objection-open').first().click();
    const objection = dialog('异议');
    await (await field(objection, '提出人', 'text')).fill('标签村民');
    await (await field(objection, '异议内容', 'textarea')).fill('那天不在家');
    await page.getByTestId('objection-ok').click();
    await drawer.getByTestId('objection-resolve-open').click();
    const resolve = dialog('处理');
    const outcome = await field(resolve, '核实结论', 'radiogroup');
    await field(resolve, '理由', 'textarea');
    await outcome.getByTestId('resolve-upheld').click();
    await resolve.getByLabel(/按核实情况改记新的分值/).check();
    await fields(resolve, [
      ['新的分值', 'number'],
      ['事实依据', 'text'],
    ]);
    await resolve.getByRole('button', { name: /取\s*消/ }).click();
    await page.locator('.ant-drawer-close:visible').first().click();
  });

  it('points settings: procedure, tiers, passbook, clearing', { timeout: 120_000 }, async () => {
    await page.getByRole('tab', { name: '积分设置' }).click();
    const pane = activePane();
    await field(pane, '公示天数', 'number');
    await fields(pane, [
      ['★ 称号', 'text'],
      ['★ 累计积分达到', 'number'],
      ['选择存折', 'select'],
      ['清零日期', 'date'],
    ]);
    await pane.getByRole('button', { name: /新增存折/ }).click();
    const passbook = dialog('存折');
    await fields(passbook, [
      ['存折名称', 'text'],
      ['代码', 'text'],
      ['每年清零日', 'text'],
      ['这本存折的积分可以在积分超市兑换', 'checkbox'],
    ]);
    await passbook.getByRole('button', { name: /取\s*消/ }).click();
  });

  it("filters: the honour board's own period and top N, the households list's status", { timeout: 120_000 }, async () => {
    await openMenuEntry(page, '红榜');
    await page.getByText('自定', { exact: true }).click();
    await fields(page, [
      ['起始日期', 'date'],
      ['截止日期', 'date'],
      ['每组前几名', 'number'],
    ]);
    await openMenuEntry(page, '农户');
    await field(page, '状态', 'select');
  });

  it('stocktake counts by goods', { timeout: 120_000 }, async () => {
    await openTab('商品库存', '盘点');
    await page.getByTestId('stocktake-start').click();
    await page.getByTestId('count-sheet').waitFor();
    const name = (await page.getByTestId('count-sheet').locator('tbody tr.ant-table-row').first().locator('td').nth(1).textContent())!.trim();
    await (await field(activePane(), `${name} 实盘数`, 'number')).fill('1');
    // Fields that had only a placeholder are named by it: the receipt's note, the goods search.
    await page.getByRole('tab', { name: '入库', exact: true }).click();
    await field(activePane(), '备注（如：资金来源、批次）', 'text');
    await page.getByRole('tab', { name: '商品', exact: true }).click();
    await field(activePane(), '搜索名称、分类或条码', 'search');
  });

  it('设置: general, operators, printer, reader, backup, audit, cards, hub', { timeout: 180_000 }, async () => {
    await openTab('设置', '常规设置');
    await fields(activePane(), [
      ['村名', 'text'],
      ['超市名称', 'text'],
      ['小票底部文字', 'text'],
      ['无人操作自动锁屏', 'number'],
      ['导出文件保留', 'number'],
      ['每 1 积分折合', 'number'],
    ]);

    await page.getByRole('tab', { name: '操作员', exact: true }).click();
    await page.getByTestId('operator-add').click();
    const add = dialog('新增操作员');
    await fields(add, [
      ['姓名', 'text'],
      ['角色', 'select'],
      ['PIN（4 到 8 位数字）', 'password'],
      ['再输入一次 PIN', 'password'],
    ]);
    await add.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('operator-reset').first().click();
    const reset = page.locator('.ant-modal:visible');
    await fields(reset, [
      ['PIN（4 到 8 位数字）', 'password'],
      ['再输入一次 PIN', 'password'],
    ]);
    await reset.getByRole('button', { name: /取\s*消/ }).click();

    await page.getByRole('tab', { name: '打印机', exact: true }).click();
    const printer = activePane();
    await fields(printer, [
      ['纸宽', 'radiogroup'],
      ['连接方式', 'radiogroup'],
      ['自动打印', 'switch'],
    ]);
    const connection = await field(printer, '连接方式', 'radiogroup');
    for (const [choice, label] of [
      [/网络/, '打印机 IP 地址'],
      [/设备/, '设备路径'],
      [/系统/, '打印机名称（可不填）'],
    ] as const) {
      await connection.getByRole('radio', { name: choice }).first().check();
      await field(printer, label, 'text');
    }
    await connection.getByRole('radio', { name: /网络/ }).first().check();
    await field(printer, '端口', 'number');

    await page.getByRole('tab', { name: '读卡器与客显' }).click();
    await field(activePane(), '读卡器类型', 'radiogroup');

    await page.getByRole('tab', { name: '备份与恢复' }).click();
    await fields(activePane(), [
      ['备份文件夹', 'text'],
      ['保留每日备份', 'number'],
      ['保留每月备份', 'number'],
      ['自动备份（每天一次，日结后再备份一次）', 'switch'],
    ]);
    await page.getByTestId('key-export').click();
    const key = page.locator('.ant-modal:visible');
    await field(key, '请输入您的管理员 PIN', 'password');
    await key.getByRole('button', { name: /取\s*消|Cancel/ }).click();

    await page.getByRole('tab', { name: '操作日志' }).click();
    await fields(activePane(), [
      ['从', 'date'],
      ['到', 'date'],
      ['全部操作员', 'select'],
      ['全部操作', 'select'],
      ['对象或详情中包含', 'text'],
    ]);

    await page.getByRole('tab', { name: '户卡打印' }).click();
    await field(activePane(), '村民小组', 'select');

    await page.getByRole('tab', { name: '乡镇汇总' }).click();
    await fields(activePane(), [
      ['村级区划代码（12 位）', 'text'],
      ['村名', 'text'],
      ['乡镇名', 'text'],
    ]);
  });
});
