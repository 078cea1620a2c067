import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeLookupQuery } from '../../db/domain/lookup-query.js';
import { seededRandom } from '../../db/demo/village.js';
import { generateResidentId } from '../../db/domain/resident-id.js';

const text = (raw: string) => {
  const q = normalizeLookupQuery(raw);
  expect(q.kind).toBe('text');
  return q.text;
};
/** ASCII → full-width, as a Chinese input method in full-width mode types it. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

describe('the counter query, made canonical before lookup', () => {
  it('full-width digits, letters and the ideographic space become ASCII', () => {
    expect(text('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(text('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(text('０３－０１７')).toBe('03-017');
    expect(text('ＺＳ')).toBe('ZS');
    expect(text('\u3000张三\u3000')).toBe('张三');
  });

  it('spaces and dashes inside an ID number go, and a lower-case x is upper-cased', () => {
    expect(text('110105 19491231 002x')).toBe('11010519491231002X');
    expect(text('110105-19491231-002X')).toBe('11010519491231002X');
    expect(text('110105 1949 1231 002 X')).toBe('11010519491231002X');
    expect(text('11010519491231002x')).toBe('11010519491231002X');
  });

  it('a household number keeps its dash, loses the spaces, accepts any dash', () => {
    expect(text('03 - 017')).toBe('03-017');
    expect(text('03—017')).toBe('03-017');
    expect(text('03–017')).toBe('03-017');
    expect(text(' 1-5 ')).toBe('1-5');
  });

  it('a Chinese name loses inner spaces; barcodes, pinyin and card codes are only trimmed', () => {
    expect(text('张 三')).toBe('张三');
    expect(text(' 6901234567892 ')).toBe('6901234567892');
    expect(text('zs')).toBe('zs');
    expect(text('VPSC1.01-001.1.abcDEF-_')).toBe('VPSC1.01-001.1.abcDEF-_');
  });

  it('an ID number Excel turned into scientific notation is recognised, not searched', () => {
    expect(normalizeLookupQuery('4.30703E+17')).toEqual({ kind: 'scientific', text: '4.30703E+17' });
    expect(normalizeLookupQuery('４．３０７０３Ｅ＋１７')).toEqual({ kind: 'scientific', text: '4.30703E+17' });
    expect(normalizeLookupQuery('4.30703e17').kind).toBe('scientific');
  });

  it('any generated ID number, full-width or spaced, normalises to itself (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: 16 }), fc.boolean(), (seed, cut, wide) => {
        const id = generateResidentId(seededRandom(seed));
        const spaced = `${id.slice(0, cut)} ${id.slice(cut)}`.toLowerCase();
        expect(text(wide ? fullWidth(spaced) : spaced)).toBe(id);
      }),
    );
  });
});
