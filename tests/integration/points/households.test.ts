/** The committee's household register: create, edit, members, cards, roster import, transfers. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withWrongCheckChar } from '../../../db/demo/village.js';
import { dispatch } from '../../../db/dispatch.js';
import { generateResidentId } from '../../../db/domain/resident-id.js';
import { seededRandom } from '../../../db/demo/village.js';
import { errorOf } from '../../helpers/core.js';
import { pointsEnv, type PointsEnv } from '../../helpers/points.js';

let env: PointsEnv;
beforeEach(() => {
  env = pointsEnv({ households: 6 });
});
afterEach(() => env.close());

const rand = seededRandom(4242);
const newId = () => generateResidentId(rand, '431322');
const auditText = () => (env.core.db.prepare("SELECT group_concat(coalesce(detail, ''), '|') FROM audit_log").pluck().get() as string) ?? '';

describe('households', () => {
  it('creates a household with members; ID numbers are stored only hashed and masked, never logged', () => {
    const groupId = env.who.admin.call('households.groups', {})[0]!.id;
    const headId = newId();
    const h = env.who.admin.call('households.create', {
      number: '01-901',
      groupId,
      address: '一组 88 号',
      phone: '13800001111',
      members: [
        { name: '赵大山', relation: '户主', idNumber: headId },
        { name: '钱小花', relation: '配偶' },
      ],
      openingPoints: 40,
    });
    expect(h.members[0]).toMatchObject({ name: '赵大山', isHead: true, idMasked: headId.slice(0, 6) + '********' + headId.slice(14) });
    expect(h.accounts[0]!.balance).toBe(40);
    const stored = JSON.stringify(env.core.db.prepare('SELECT * FROM members WHERE household_id = ?').all(h.id));
    expect(stored).not.toContain(headId);
    expect(auditText()).not.toContain(headId);
    // The counter finds it by the ID number.
    const found = env.who.keeper.call('counter.lookup', { query: headId });
    expect(found.kind === 'household' && found.household.number).toBe('01-901');
    // A taken number or a wrong check character is refused, and nothing is written.
    const count = () => env.core.db.prepare('SELECT count(*) FROM households').pluck().get() as number;
    const before = count();
    expect(
      errorOf(dispatch(env.core, env.who.admin.token, 'households.create', { number: '01-901', groupId, members: [{ name: '甲', relation: '户主' }] })).code,
    ).toBe('HOUSEHOLD_NUMBER_TAKEN');
    expect(
      errorOf(
        dispatch(env.core, env.who.admin.token, 'households.create', {
          number: '01-902',
          groupId,
          members: [{ name: '乙', relation: '户主', idNumber: withWrongCheckChar(newId()) }],
        }),
      ).code,
    ).toBe('ID_CHECK_CHAR');
    expect(
      errorOf(
        dispatch(env.core, env.who.admin.token, 'households.create', {
          number: '01-903',
          groupId,
          members: [{ name: '丙', relation: '户主', idNumber: headId }],
        }),
      ).code,
    ).toBe('ID_DUPLICATE');
    expect(count()).toBe(before);
    expect(
      errorOf(dispatch(env.core, env.who.keeper.token, 'households.create', { number: '01-904', groupId, members: [{ name: '丁', relation: '户主' }] })).code,
    ).toBe('FORBIDDEN');
  });

  it('edits, moves to another group, marks moved away (the counter refuses it), and back', () => {
    const [g1, g2] = env.who.admin.call('households.groups', {});
    const id = env.households[0]!;
    const moved = env.who.admin.call('households.update', { householdId: id, groupId: g2!.id, address: '新村 1 号' });
    expect(moved.groupName).toBe(g2!.name);
    expect(moved.address).toBe('新村 1 号');
    expect(g1).toBeDefined();
    env.who.admin.call('households.setStatus', { householdId: id, status: 'moved', reason: '全家迁往县城' });
    const r = dispatch(env.core, env.who.keeper.token, 'redemption.create', {
      requestId: env.rid(),
      householdId: id,
      passbookId: 1,
      lines: [{ goodsId: 7, quantity: 1 }],
    });
    expect(errorOf(r).code).toBe('HOUSEHOLD_INACTIVE');
    expect(env.who.admin.call('households.list', { status: 'moved' }).rows.map((x) => x.id)).toEqual([id]);
    env.who.admin.call('households.setStatus', { householdId: id, status: 'active', reason: '返乡' });
    const log = env.core.db.prepare('SELECT action FROM audit_log WHERE target = ? ORDER BY id').pluck().all(`household:${id}`);
    expect(log).toEqual(['household.update', 'household.movedAway', 'household.reactivated']);
  });

  it('members: add, edit, make head, remove (not the head)', () => {
    const id = env.households[0]!;
    let h = env.who.admin.call('households.addMember', { householdId: id, name: '新成员', relation: '孙子', idNumber: newId() });
    const added = h.members.find((m) => m.name === '新成员')!;
    expect(added.idMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const head = h.members.find((m) => m.isHead)!;
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'households.removeMember', { memberId: head.id, reason: '测试' })).code).toBe('HEAD_CANNOT_LEAVE');
    h = env.who.admin.call('households.makeHead', { memberId: added.id, previousHeadRelation: '祖父' });
    expect(h.members[0]).toMatchObject({ id: added.id, isHead: true, relation: '户主' });
    expect(env.who.admin.call('households.list', { query: '新成员' }).rows[0]!.headName).toBe('新成员');
    h = env.who.admin.call('households.updateMember', { memberId: head.id, relation: '父亲', idNumber: null });
    expect(h.members.find((m) => m.id === head.id)).toMatchObject({ relation: '父亲', idMasked: null });
    h = env.who.admin.call('households.removeMember', { memberId: head.id, reason: '迁出' });
    expect(h.members.some((m) => m.id === head.id)).toBe(false);
  });

  it('a new card revokes the old card’s QR code at the counter', () => {
    const id = env.households[0]!;
    const first = env.who.admin.call('households.issueCard', { householdId: id, reason: '首次制卡' });
    const found = env.who.keeper.call('counter.lookup', { query: first.cardCode });
    expect(found.kind).toBe('household');
    const second = env.who.admin.call('households.issueCard', { householdId: id, reason: '户卡遗失补办' });
    expect(second.cardVersion).toBe(first.cardVersion + 1);
    expect(errorOf(dispatch(env.core, env.who.keeper.token, 'counter.lookup', { query: first.cardCode })).code).toBe('QR_REVOKED');
    expect(env.who.keeper.call('counter.lookup', { query: second.cardCode }).kind).toBe('household');
  });

  it('moves points between households (merge / split) as two transfer rows, once per request', () => {
    const [a, b] = env.households;
    const [ba, bb] = [env.balance(a!), env.balance(b!)];
    const input = { requestId: 'merge-req-1', fromHouseholdId: a!, toHouseholdId: b!, passbookId: 1, points: ba, honour: 0, reason: '两户合并' };
    env.who.admin.call('households.transferPoints', input);
    env.who.admin.call('households.transferPoints', input);
    expect([env.balance(a!), env.balance(b!)]).toEqual([0, bb + ba]);
    expect(env.core.db.prepare("SELECT count(*) FROM ledger WHERE kind = 'transfer'").pluck().get()).toBe(2);
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'households.transferPoints', { ...input, requestId: 'merge-req-2', points: 1 })).code).toBe(
      'INSUFFICIENT_POINTS',
    );
  });
});

describe('roster import', () => {
  const header = ['户号*', '村民小组*', '姓名*', '与户主关系*', '身份证号', '住址', '联系电话', '期初积分'];

  it('previews row by row: a wrong check character is reported with its row number; nothing is imported', () => {
    const good = newId();
    const rows = [
      header,
      ['07-001', '七组', '孙一', '户主', good, '七组 1 号', '', '100'],
      ['07-001', '七组', '孙二', '配偶', withWrongCheckChar(newId()), '', '', ''],
      ['07-002', '七组', '周三', '子', '', '', '', ''],
      ['', '', '', '', '', '', '', ''],
      ['7-3x', '七组', '吴四', '户主', good, '', '', 'abc'],
    ];
    const p = env.who.admin.call('households.importPreview', { source: { kind: 'rows', rows } });
    expect(p.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'ok'],
      [3, 'error'],
      [4, 'error'],
      [6, 'error'],
    ]);
    expect(p.rows[1]!.problems).toContain('身份证号校验位错误');
    expect(p.rows[2]!.problems.join()).toContain('没有“户主”行');
    expect(p.rows[3]!.problems.join()).toContain('户号格式');
    expect(p.rows[3]!.problems.join()).toContain('身份证号与第 2 行重复');
    expect(p.rows[3]!.problems.join()).toContain('期初积分');
    expect(p.newGroups).toEqual(['七组']);
    expect(JSON.stringify(p)).not.toContain(good);
    const before = env.core.db.prepare('SELECT count(*) FROM households').pluck().get();
    const e = errorOf(dispatch(env.core, env.who.admin.token, 'households.import', { source: { kind: 'rows', rows } }));
    expect(e.code).toBe('ROSTER_HAS_ERRORS');
    expect(e.message).toContain('3 行有错误');
    expect(env.core.db.prepare('SELECT count(*) FROM households').pluck().get()).toBe(before);
  });

  it('imports a clean GBK CSV (as Chinese Excel saves it) with households, members, groups and opening balances', () => {
    const csv = [
      '户号,村民小组,姓名,与户主关系,身份证号,住址,联系电话,期初积分',
      `08-001,八组,郑一,户主,${newId()},"八组 1 号,东头",13900002222,120`,
      `08-001,八组,郑二,配偶,${newId().toLowerCase()},,,`,
      '08-002,八组,冯三,户主,,,,',
      '',
    ].join('\r\n');
    const source = { kind: 'file' as const, fileName: '花名册.csv', base64: iconv.encode(csv, 'gbk').toString('base64') };
    const r = env.who.admin.call('households.import', { source });
    expect(r).toEqual({ households: 2, members: 3, openingPoints: 120 });
    const list = env.who.admin.call('households.list', { query: '08-' });
    expect(list.rows.map((x) => [x.number, x.headName, x.members, x.balance])).toEqual([
      ['08-001', '郑一', 2, 120],
      ['08-002', '冯三', 1, 0],
    ]);
    expect(env.who.admin.call('households.detail', { householdId: list.rows[0]!.id }).address).toBe('八组 1 号,东头');
    // Importing the same sheet again is refused row by row (numbers taken).
    const again = env.who.admin.call('households.importPreview', { source });
    expect(again.errors).toBe(3);
    expect(again.rows[0]!.problems.join()).toContain('户号 08-001 已存在');
  });

  it('imports an .xlsx written by an independent writer (exceljs), reporting rows by their sheet row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(header);
    ws.addRow(['09-001', '九组', '褚一', '户主', newId(), '', '', 50]);
    ws.addRow([]);
    ws.addRow(['09-001', '九组', '褚二', '女', withWrongCheckChar(newId()), '', '', '']);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const source = { kind: 'file' as const, fileName: 'roster.xlsx', base64 };
    const p = env.who.admin.call('households.importPreview', { source });
    expect(p.rows.map((r) => [r.row, r.status, r.openingPoints])).toEqual([
      [2, 'ok', 50],
      [4, 'error', 0],
    ]);
    expect(p.rows[1]!.problems).toEqual(['身份证号校验位错误']);
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'households.import', { source })).code).toBe('ROSTER_HAS_ERRORS');
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'households.import', { source: { ...source, fileName: 'roster.doc' } })).code).toBe(
      'IMPORT_FILE_TYPE',
    );
  });

  it('refuses a sheet without the required header', () => {
    expect(errorOf(dispatch(env.core, env.who.admin.token, 'households.importPreview', { source: { kind: 'rows', rows: [['姓名', '电话']] } })).code).toBe(
      'ROSTER_HEADER',
    );
  });
});
