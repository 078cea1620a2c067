import { describe, expect, it } from 'vitest';
import { isLatinQuery, prefixUpperBound, searchKeys } from '../../db/domain/pinyin.js';

describe('pinyin search keys', () => {
  it('gives full pinyin and initials without tones', () => {
    expect(searchKeys('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(searchKeys('吕秀兰')).toEqual({ full: 'lvxiulan', initials: 'lxl' });
  });

  it('uses the common reading for surnames in context', () => {
    // 曾 as a surname: pinyin-pro reads names in context; either reading is searchable by initials.
    expect(searchKeys('曾国华').initials).toMatch(/^[zc]gh$/);
  });

  it('keeps latin letters and digits', () => {
    expect(searchKeys('LED 台灯').initials).toBe('ltd');
  });

  it('knows a latin query from a Chinese one', () => {
    expect(isLatinQuery('zs')).toBe(true);
    expect(isLatinQuery('张')).toBe(false);
    expect(isLatinQuery('z1')).toBe(false);
  });

  it('computes the exclusive upper bound of a prefix range', () => {
    expect(prefixUpperBound('zs')).toBe('zt');
    expect('zsa' < prefixUpperBound('zs')).toBe(true);
    expect('zt' < prefixUpperBound('zs')).toBe(false);
  });
});
