/**
 * Issue 12, item 8 (text): a valid resident ID number in free text (an address, a
 * reason, a note) is refused with a hint, since the store keeps ID numbers only hashed
 * and masked; invisible and direction-changing characters (U+202E and friends) are
 * refused in names of goods, households, members and operators. In the contract's zod
 * schemas, so every host gets it; the imports check the same.
 */
import { describe, expect, it } from 'vitest';
import { generateResidentId } from '../../db/domain/resident-id.js';
import { errorOf, freshCore, login, sellCheapest } from '../helpers/core.js';

const goods = (name: string) => ({ name, category: '粮油', unit: '袋', pointsPrice: 5, valueFen: 0, lowStock: 0, barcodes: [] as string[] });
const INVISIBLE = ['\u202E', '\u202A', '\u2066', '\u2069', '\u200E', '\u200F', '\u200B', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u3164'];

describe('text the store keeps', () => {
  it('refuses invisible and direction-changing characters in goods, household, member and operator names', () => {
    const env = freshCore({ demo: true, households: 3 });
    try {
      const acc = login(env.core, 'accountant');
      const admin = login(env.core, 'admin');
      const groupId = admin.call('households.groups', {})[0]!.id;
      for (const ch of INVISIBLE) {
        const e = errorOf(acc.call.raw('stock.goodsCreate', goods(`大米${ch}10kg`)));
        expect(e.code, `U+${ch.codePointAt(0)!.toString(16)}`).toBe('TEXT_INVISIBLE');
        expect(e.message).toContain('看不见的字符');
      }
      expect(errorOf(acc.call.raw('stock.goodsCreate', goods('大米\u202E01gk'))).message).toContain('U+202E');
      expect(errorOf(admin.call.raw('operators.create', { name: '张\u2066三', role: 'keeper', pin: '2468' })).code).toBe('TEXT_INVISIBLE');
      expect(errorOf(admin.call.raw('households.create', { number: '09-001', groupId, members: [{ name: '李\u200B四', relation: '户主' }] })).code).toBe(
        'TEXT_INVISIBLE',
      );
      expect(errorOf(admin.call.raw('households.createGroup', { name: '第九\u202E组' })).code).toBe('TEXT_INVISIBLE');
      // The same names without the hidden character are fine.
      expect(acc.call('stock.goodsCreate', goods('大米 10kg')).name).toBe('大米 10kg');
      expect(admin.call('households.create', { number: '09-001', groupId, members: [{ name: '李四', relation: '户主' }] }).number).toBe('09-001');
    } finally {
      env.close();
    }
  });

  it('refuses a valid ID number in an address, a reason or a note, with a hint; other long numbers pass', () => {
    const env = freshCore({ demo: true, households: 3 });
    try {
      const admin = login(env.core, 'admin');
      const groupId = admin.call('households.groups', {})[0]!.id;
      const idNo = generateResidentId(() => 0.42);
      const spaced = `${idNo.slice(0, 6)} ${idNo.slice(6, 14)} ${idNo.slice(14)}`;
      for (const address of [`青石村 ${idNo}`, `身份证${spaced}号`, `${idNo.toLowerCase()}`]) {
        const e = errorOf(admin.call.raw('households.create', { number: '09-002', groupId, address, members: [{ name: '王五', relation: '户主' }] }));
        expect(e.code, address).toBe('TEXT_HAS_ID_NUMBER');
        expect(e.message).toContain('身份证号只能填在成员的“身份证号”一栏');
        expect(e.message).toContain(idNo.slice(0, 6) + '********');
        expect(e.message).not.toContain(idNo);
      }
      // Not an ID: wrong check character, or part of a longer number.
      const wrongCheck = idNo.slice(0, 17) + (idNo[17] === '0' ? '1' : '0');
      expect(
        admin.call('households.create', { number: '09-003', groupId, address: `账号 ${wrongCheck}`, members: [{ name: '赵六', relation: '户主' }] }).number,
      ).toBe('09-003');
      expect(
        admin.call('households.create', { number: '09-004', groupId, address: `条码 9${idNo}`, members: [{ name: '钱七', relation: '户主' }] }).number,
      ).toBe('09-004');
      // Nothing with the number on its own reached the database.
      const rows = env.core.db.prepare('SELECT address FROM households WHERE address IS NOT NULL').pluck().all() as string[];
      expect(rows.filter((a) => a.includes(idNo) && !a.includes(`9${idNo}`))).toEqual([]);

      // A void's reason and a stock note.
      const { keeper, r } = sellCheapest(env.core, 'text-safety-0001');
      const e = errorOf(
        keeper.call.raw('redemption.void', {
          requestId: 'text-safety-void',
          redemptionId: r.id,
          reason: `顾客 ${idNo} 退回`,
          approverId: admin.operatorId,
          approverPin: '9999',
        }),
      );
      expect(e.code).toBe('TEXT_HAS_ID_NUMBER');
    } finally {
      env.close();
    }
  });

  it('the goods and roster imports refuse the same', () => {
    const env = freshCore({ demo: true, households: 3 });
    try {
      const acc = login(env.core, 'accountant');
      const admin = login(env.core, 'admin');
      const csv = '商品名称*,分类*,单位*,兑换积分*\n大米\u202E01,粮油,袋,5\n';
      const p = acc.call('stock.importPreview', { fileName: 'g.csv', base64: Buffer.from(csv).toString('base64') });
      expect(p.rows[0]!.issues.map((i) => i.code)).toContain('TEXT_INVISIBLE');
      const idNo = generateResidentId(() => 0.7);
      const header = ['户号', '村民小组', '姓名', '与户主关系', '身份证号', '住址'];
      const rows = [header, ['09-010', '第一组', '孙八', '户主', '', `村口 ${idNo}`], ['09-011', '第一组', '周\u200B九', '户主', '', '']];
      const preview = admin.call('households.importPreview', { source: { kind: 'rows', rows } });
      const problems = JSON.stringify(preview);
      expect(problems).toContain('这里不能填写身份证号');
      expect(problems).toContain('看不见的字符');
      expect(problems).not.toContain(idNo);
    } finally {
      env.close();
    }
  });
});
