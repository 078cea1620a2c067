import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { columns, REPLACEMENT, toPrintable, wrap } from '../../../db/printing/text.js';

const gbkLen = (s: string) => iconv.encode(s, 'gbk').length;

describe('printer text', () => {
  it('measures columns as GBK byte length', () => {
    for (const s of ['abc', '中文', '大米5kg（袋装）', '积分 120 分', '〓', '①×—…']) {
      expect(columns(s)).toBe(gbkLen(s));
    }
  });

  it('replaces what the printer cannot print with 〓, one per grapheme, never ?', () => {
    expect(toPrintable('苹果🍎')).toBe(`苹果${REPLACEMENT}`);
    expect(toPrintable('👨‍👩‍👧一家')).toBe(`${REPLACEMENT}一家`);
    expect(toPrintable('𠀀字')).toBe(`${REPLACEMENT}字`);
    expect(toPrintable('❤️好')).toBe(`${REPLACEMENT}好`);
    expect(toPrintable('a\u0007b')).toBe(`a${REPLACEMENT}b`);
    expect(toPrintable('A\u00a0B\tC ¥5')).toBe('A B C ￥5');
    expect(toPrintable('cafe\u0301')).toBe('café');
    expect(toPrintable('普通文字 ABC 123')).toBe('普通文字 ABC 123');
    expect(toPrintable('苹果🍎𠀀')).not.toContain('?');
  });

  it('wraps without splitting characters, within the width, keeping words and punctuation rules', () => {
    const name = '五得利特精高筋小麦粉（家庭装）Premium Flour 10kg 加长名称换行测试，很长很长';
    for (const width of [8, 9, 17, 18, 29, 30]) {
      const lines = wrap(toPrintable(name), width);
      for (const l of lines) expect(columns(l)).toBeLessThanOrEqual(width);
      expect(lines.join('').replace(/ /g, '')).toBe(name.replace(/ /g, ''));
      for (const l of lines.slice(1)) expect(l).not.toMatch(/^[，。）]/);
    }
    expect(wrap('Premium Flour', 10)).toEqual(['Premium', 'Flour']);
    expect(wrap('', 10)).toEqual(['']);
    // An odd width: a double-byte character that does not fit moves down whole.
    expect(wrap('一二三四五', 5)).toEqual(['一二', '三四', '五']);
  });
});
