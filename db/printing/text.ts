/**
 * Printer text: what a Chinese-market ESC/POS printer can print, and how wide it is.
 *
 * These printers run in Chinese mode with a GBK font: a byte 0x20-0x7E is one column, a
 * GBK double-byte character is two columns. GB18030 can encode every Unicode character,
 * but its four-byte sequences (emoji, rare CJK extension characters, most symbols outside
 * GBK) come out of the printer as garbage, so they are replaced by 〓 (the "geta" mark
 * Chinese typesetting uses for a missing glyph), visible and two columns wide, never `?`.
 */
import iconv from 'iconv-lite';

/** The visible stand-in for a character the printer's font does not have (GBK A1FE). */
export const REPLACEMENT = '〓';

/** Characters that are nicer mapped than replaced. */
const NORMALIZE: ReadonlyMap<string, string> = new Map([
  ['\t', ' '],
  ['\u00a0', ' '],
  ['\u2002', ' '],
  ['\u2003', ' '],
  ['\u00a5', '￥'],
]);

const printableCache = new Map<string, boolean>();

/** True when one code point encodes to ASCII (0x20-0x7E) or a GBK double-byte character. */
export function isPrintableCodePoint(ch: string): boolean {
  const cached = printableCache.get(ch);
  if (cached !== undefined) return cached;
  const cp = ch.codePointAt(0) ?? 0;
  let ok: boolean;
  if (cp < 0x80) {
    ok = cp >= 0x20 && cp !== 0x7f;
  } else if (cp >= 0xe000 && cp <= 0xf8ff) {
    // Private use: GB18030 maps these to user-defined code points the printer has no glyph for.
    ok = false;
  } else {
    const bytes = iconv.encode(ch, 'gb18030');
    ok = bytes.length === 2 && bytes[0]! >= 0x81 && bytes[0]! <= 0xfe;
  }
  if (printableCache.size < 20000) printableCache.set(ch, ok);
  return ok;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * Makes text printable: NFC, a few friendly mappings, and every grapheme the printer
 * cannot print (an emoji, a ZWJ family, a rare character, a control character) becomes
 * one 〓. The result contains only ASCII printables and GBK double-byte characters.
 */
export function toPrintable(text: string): string {
  let out = '';
  for (const { segment } of segmenter.segment(text.normalize('NFC'))) {
    const mapped = NORMALIZE.get(segment) ?? segment;
    let ok = true;
    for (const ch of mapped) {
      if (!isPrintableCodePoint(ch)) {
        ok = false;
        break;
      }
    }
    out += ok ? mapped : REPLACEMENT;
  }
  return out;
}

/** Columns of one printable character: 1 for ASCII, 2 for a GBK double-byte character. */
export function charColumns(ch: string): number {
  return (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
}

/** Printer columns of text (already printable): its GBK byte length. */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += charColumns(ch);
  return n;
}

/** Pads with spaces to exactly `width` columns (text must already fit). */
export function padRight(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - columns(text)));
}

export function padLeft(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - columns(text))) + text;
}

export function padCenter(text: string, width: number): string {
  const free = Math.max(0, width - columns(text));
  const left = Math.floor(free / 2);
  return ' '.repeat(left) + text + ' '.repeat(free - left);
}

/** Cuts text to at most `width` columns, never through a double-byte character. */
export function truncate(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charColumns(ch);
    if (used + w > width) break;
    out += ch;
    used += w;
  }
  return out;
}

/** Runs of Latin letters and digits stay together when they fit on a line. */
const WORD = /^[A-Za-z0-9.,%#+\-_/()'":;!?&*@$=]+$/;

function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of text) {
    if (WORD.test(ch)) {
      word += ch;
      continue;
    }
    if (word) out.push(word);
    word = '';
    out.push(ch);
  }
  if (word) out.push(word);
  return out;
}

/** Characters that must not start a line (Chinese line-breaking rules, simplified). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉…—·％,.;:?!)]}%']);

/**
 * Wraps printable text into lines of at most `width` columns. A double-byte character is
 * never split; an ASCII word moves to the next line whole when it fits there; a word
 * longer than a line is broken by characters; closing punctuation (，。）…) never starts a
 * line (the character before it moves down with it). Leading spaces of continuation lines
 * are dropped. Always returns at least one line.
 */
export function wrap(text: string, width: number): string[] {
  if (width < 4) throw new RangeError('wrap width must be at least 4 columns');
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const push = () => {
    lines.push(line.replace(/ +$/, ''));
    line = '';
    used = 0;
  };
  /** Ends the line before `next`; keeps closing punctuation off the start of the new line. */
  const breakBefore = (next: string) => {
    const first = [...next][0] ?? '';
    const chars = [...line];
    if (NO_LINE_START.has(first) && chars.length > 1 && chars[chars.length - 1] !== ' ') {
      const carried = chars.pop()!;
      line = chars.join('');
      push();
      line = carried;
      used = charColumns(carried);
      return;
    }
    push();
  };
  for (const tok of tokens(text)) {
    const w = columns(tok);
    if (tok === ' ' && used === 0 && lines.length > 0) continue;
    if (used + w <= width) {
      line += tok;
      used += w;
      continue;
    }
    if (tok.length > 1 && w <= width) {
      // A whole word that fits on a fresh line.
      breakBefore(tok);
      if (used + w > width) push();
      line += tok;
      used += w;
      continue;
    }
    for (const ch of tok) {
      const cw = charColumns(ch);
      if (used + cw > width) breakBefore(ch);
      if (ch === ' ' && used === 0 && lines.length > 0) continue;
      line += ch;
      used += cw;
    }
  }
  if (line || lines.length === 0) push();
  return lines;
}
