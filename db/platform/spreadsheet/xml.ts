/**
 * Text as SpreadsheetML wants it. Almost every cell is plain text, so each helper tests
 * once with a regular expression and returns the string unchanged in the common case.
 */

/** What XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/FFFF), or must be escaped. */
const NEEDS_WORK = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_|\p{Cs}/u;

/**
 * Escapes text for an element's content or a double-quoted attribute. Characters XML
 * cannot hold are written as Excel's `_xHHHH_` escapes (which Excel and WPS turn back into
 * the character), and a literal `_xHHHH_` in the data has its underscore escaped so that
 * Excel does not decode it. `\r` becomes `&#13;`: a raw one would be read back as `\n`.
 */
export function xmlText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(/[&<>"\r]/g, (c) => ESCAPES[c]!)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/g;

/**
 * A sheet name Excel accepts: 1–31 characters, none of []:*?/\, not starting or ending
 * with an apostrophe, not "History", and unique in the workbook (case-insensitively).
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  let base = [...wanted.replace(FORBIDDEN_IN_SHEET_NAME, '_').replace(/^'+|'+$/g, '')].slice(0, 31).join('').trim() || 'Sheet';
  if (base.toLowerCase() === 'history') base = 'History_';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}
