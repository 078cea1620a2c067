/**
 * What a keeper types or a reader sends into the counter's box, made canonical before the
 * lookup decides what it is. Lives in the core so that every host (desktop, browser, CLI)
 * forgives the same things: full-width characters from a Chinese input method, spaces and
 * dashes copied from a form, a lower-case x.
 */

/** Dash-like characters people and input methods produce for "-" (hyphen, en/em dash, minus, full-width). */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u30FC]/g;
const SPACES = /[\s\u3000]+/g;
const CJK = /[\u3400-\u9FFF]/;

/** An ID number, once spaces and dashes are gone: 17 digits and a check character, or a near miss. */
const ID_SHAPE = /^\d{15,19}[Xx]?$/;
/** A household number with any spacing around its dash: 03-017, 03 - 017, ０３－０１７. */
const HOUSEHOLD_SHAPE = /^(\d{1,3})\s*-\s*(\d{1,4})$/;
/**
 * An ID number Excel showed in scientific notation (4.30703E+17): the last digits are gone
 * for good, so it cannot be looked up, only explained.
 */
const SCIENTIFIC = /^\d(?:\.\d+)?e\+?\d{1,2}$/i;

export type LookupQuery = { kind: 'text'; text: string } | { kind: 'scientific'; text: string };

/**
 * Canonical form of a counter query. NFKC turns full-width digits, letters and the
 * ideographic space into ASCII; dashes become "-". An ID number loses its spaces and
 * dashes and gets an upper-case X; a household number loses the spaces around its dash;
 * a Chinese name loses the spaces inside it (张 三 → 张三). Anything else (card codes,
 * barcodes, pinyin) is only trimmed.
 */
export function normalizeLookupQuery(raw: string): LookupQuery {
  const text = raw.normalize('NFKC').replace(DASHES, '-').replace(SPACES, ' ').trim();
  if (SCIENTIFIC.test(text)) return { kind: 'scientific', text };
  const compact = text.replace(/[\s-]/g, '');
  if (ID_SHAPE.test(compact) && compact.length >= 17 && text !== compact && /^[\d\s-]+[Xx]?$/.test(text)) {
    return { kind: 'text', text: compact.toUpperCase() };
  }
  if (ID_SHAPE.test(text)) return { kind: 'text', text: text.toUpperCase() };
  const hh = HOUSEHOLD_SHAPE.exec(text);
  if (hh) return { kind: 'text', text: `${hh[1]}-${hh[2]}` };
  if (CJK.test(text)) return { kind: 'text', text: text.replace(/ /g, '') };
  return { kind: 'text', text };
}
