import { describe, expect, it } from 'vitest';
import type { ReceiptView } from '../../../db/contract/views.js';
import { encodeDocument } from '../../../db/printing/escpos.js';
import {
  formatLocalTime,
  householdCardDocument,
  PAPER_COLUMNS,
  receiptDocument,
  sampleReceiptView,
  slipDocument,
  testPageDocument,
  voidSlipDocument,
  type PaperWidth,
  type ReceiptDocument,
} from '../../../db/printing/layout.js';
import { previewDocument, previewText } from '../../../db/printing/preview.js';
import { columns } from '../../../db/printing/text.js';
import { decode } from '../../helpers/fake-printer.js';

const store = {
  storeName: '幸福村积分超市',
  villageName: '幸福村',
  receiptFooter: '积分来自文明实践，兑换请妥善保管小票 Thank you!',
  timeZone: 'Asia/Shanghai',
};
const WIDTHS: PaperWidth[] = [58, 80];

function view(): ReceiptView {
  const v = sampleReceiptView(new Date('2026-11-29T02:00:00Z'));
  v.receiptNo = '20261129-0007';
  v.createdAt = '2026-11-29T16:30:05.000Z'; // 00:30:05 on the 30th in Shanghai
  v.lines.push({
    goodsId: 9,
    name: '超长商品名称：云南高原有机红糖姜茶（独立小袋装）Brown Sugar Ginger Tea 12x10g',
    unit: '盒',
    unitPoints: 18,
    quantity: 1,
    linePoints: 18,
  });
  v.total += 18;
  v.balanceAfter -= 18;
  return v;
}

const voided = (): ReceiptView => ({
  ...view(),
  void: { reason: '顾客退货，商品完好无损，已核对', createdAt: '2026-11-30T01:00:00Z', operatorName: '王秀英', approvedByName: '李主任' },
});

function allDocuments(width: PaperWidth): ReceiptDocument[] {
  return [
    receiptDocument(view(), store, width),
    receiptDocument(view(), store, width, { reprint: { at: '2026-11-30T03:00:00Z' } }),
    receiptDocument(voided(), store, width, { reprint: { at: '2026-11-30T03:00:00Z' } }),
    voidSlipDocument(voided(), store, width),
    householdCardDocument({ number: '03-017', headName: '欧阳建国', groupName: '第三村民小组', cardVersion: 2 }, 'VPSC1.03-017.2.abcdef', store, width),
    testPageDocument(width, store, new Date('2026-11-29T02:00:00Z')),
    slipDocument(
      {
        title: '日结单 2026-11-29',
        rows: [
          { label: '兑换笔数', value: '12' },
          { separator: true },
          { label: '兑换积分合计（不含已作废的兑换单）', value: '1,280 分' },
          { text: '会计：赵六' },
        ],
      },
      store,
      width,
    ),
  ];
}

/** Decoded text lines, without the line feed that ends a QR code. */
function printedLines(bytes: Buffer) {
  return decode(bytes).lines.filter((l) => !l.afterQr);
}

describe('ESC/POS encoding', () => {
  for (const width of WIDTHS) {
    const cols = PAPER_COLUMNS[width];

    it(`no printed line exceeds ${cols} columns on ${width} mm (measured by GBK byte length)`, () => {
      for (const doc of allDocuments(width)) {
        const lines = printedLines(encodeDocument(doc));
        expect(lines.length).toBeGreaterThan(5);
        for (const l of lines) {
          expect(l.printedColumns, `${doc.title}: "${l.text}"`).toBeLessThanOrEqual(cols);
          expect(l.byteColumns).toBe(columns(l.text));
        }
      }
    });

    it(`round-trips a mixed Chinese/ASCII/digits receipt exactly, and matches the preview (${width} mm)`, () => {
      for (const doc of allDocuments(width)) {
        const decoded = printedLines(encodeDocument(doc)).map((l) => l.text);
        const expected = doc.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : []));
        expect(decoded).toEqual(expected);
        const preview = previewDocument(doc).lines.flatMap((l) => (l.kind === 'text' ? [l.text] : []));
        expect(preview).toEqual(decoded);
      }
    });

    it(`starts with ESC @ and FS &, has the QR by GS ( k and ends with a cut (${width} mm)`, () => {
      const doc = receiptDocument(view(), store, width);
      const bytes = encodeDocument(doc);
      expect([...bytes.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
      const d = decode(bytes);
      expect(d.commands.slice(0, 2)).toEqual(['ESC @', 'FS &']);
      expect(d.qrPayloads).toEqual(['VPSR1:20261129-0007']);
      expect(d.qrPrints).toBe(1);
      expect(d.commands).toEqual(expect.arrayContaining(['GS ( k 65', 'GS ( k 67', 'GS ( k 69', 'GS ( k 80', 'GS ( k 81']));
      // model 2
      expect(bytes.includes(Buffer.from([0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]))).toBe(true);
      expect(d.cuts).toBe(1);
      expect(bytes.includes(Buffer.from([0x1d, 0x56, 0x42, 0x00]))).toBe(true);
      expect(d.commands.filter((c) => c !== 'ESC E' && c !== 'GS !').at(-1)).toBe('GS V');
    });
  }

  it('prints the receipt content: store, number, local time, keeper, household, lines, totals, footer', () => {
    const text = printedLines(encodeDocument(receiptDocument(view(), store, 58)))
      .map((l) => l.text)
      .join('\n');
    for (const s of [
      '幸福村积分超市',
      '兑换单',
      '单号：20261129-0007',
      '时间：2026-11-30 00:30:05',
      '店员：王秀英',
      '户号：03-017',
      '户主：张建国',
      '领取人：李桂兰',
      '金龙鱼大豆油5L',
      '222 分',
      '1,058 分',
      '合计',
      '兑换前余额',
      '兑换后余额',
      '积分来自文明实践',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('重印');
    // goods columns line up: every row with points ends at the right margin
    const rows = printedLines(encodeDocument(receiptDocument(view(), store, 58))).filter((l) => /[桶袋包本盒]\s+\d+$/.test(l.text));
    expect(rows.length).toBe(5);
    for (const r of rows) expect(r.printedColumns).toBe(32);
  });

  it('marks a reprint 重印 clearly, and a voided receipt as void', () => {
    const d = printedLines(encodeDocument(receiptDocument(voided(), store, 80, { reprint: { at: '2026-11-30T03:00:00Z' } })));
    const banner = d.find((l) => l.text.includes('重印'))!;
    expect(banner.widthScale).toBe(2);
    expect(banner.bold).toBe(true);
    expect(d.map((l) => l.text).join('\n')).toContain('重印时间：2026-11-30 11:00:00');
    expect(d.some((l) => l.text.includes('已作废'))).toBe(true);
  });

  it('void slip names the reason, operator and approver', () => {
    const text = printedLines(encodeDocument(voidSlipDocument(voided(), store, 58)))
      .map((l) => l.text)
      .join('\n');
    for (const s of ['作废单', '原单号：20261129-0007', '审批人：李主任', '经办人：王秀英', '作废原因：顾客退货', '退回积分']) expect(text).toContain(s);
  });

  it('replaces characters outside GBK with 〓 (A1 FE), never ?', () => {
    const v = view();
    v.lines[0]!.name = '苹果🍎𠀀礼盒';
    const bytes = encodeDocument(receiptDocument(v, store, 58));
    const text = printedLines(bytes)
      .map((l) => l.text)
      .join('\n');
    expect(text).toContain('苹果〓〓礼盒');
    expect(bytes.includes(Buffer.from([0xa1, 0xfe]))).toBe(true);
    expect(text).not.toMatch(/苹果\?/);
  });

  it('household card carries the given QR payload and no ID number', () => {
    const d = decode(encodeDocument(householdCardDocument({ number: '03-017', headName: '张建国', groupName: '三组' }, 'VPSC1.03-017.1.sig', store, 58)));
    expect(d.qrPayloads).toEqual(['VPSC1.03-017.1.sig']);
    expect(d.lines.map((l) => l.text).join('\n')).toMatch(/户卡[\s\S]*户号：03-017[\s\S]*户主：张建国[\s\S]*村民小组：三组/);
  });

  it('formats time in the village time zone', () => {
    expect(formatLocalTime('2026-01-01T16:00:00Z', 'Asia/Shanghai')).toBe('2026-01-02 00:00:00');
    expect(formatLocalTime('2026-01-01T16:00:00Z', 'Asia/Urumqi')).toBe('2026-01-01 22:00:00');
    expect(formatLocalTime('2026-01-01T16:00:00Z', 'Not/AZone')).toBe('2026-01-02 00:00:00');
  });

  it('preview shows the QR modules and plain text lines', () => {
    const doc = receiptDocument(view(), store, 58);
    const p = previewDocument(doc);
    const qr = p.lines.find((l) => l.kind === 'qr');
    expect(qr?.kind === 'qr' && qr.modules.length >= 21 && qr.modules.every((r) => /^[01]+$/.test(r))).toBe(true);
    expect(previewText(doc)).toContain('[QR VPSR1:20261129-0007]');
  });
});
