/**
 * Two things people must not be able to slip into text the store keeps and prints:
 *
 * - characters that cannot be seen or that turn the writing direction (U+202E "right-to-
 *   left override" makes 大米‮01 show as something else on the receipt and the screen), in
 *   names and any other text typed by people;
 * - a resident ID number in free text (an address, a note, a reason): the store keeps ID
 *   numbers only as a keyed hash and a masked form, so a number typed into the address
 *   would sit in clear in the database and every backup.
 */
import { maskResidentId, validateResidentId } from './resident-id.js';

/**
 * Format characters (Unicode category Cf: zero-width spaces and joiners, direction marks,
 * embeddings, overrides and isolates, the BOM, soft hyphen, invisible operators) and the
 * blank-looking letters (Hangul fillers, braille blank, combining grapheme joiner).
 * Variation selectors stay allowed: rare name characters use them.
 */
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u2800\u3164\uFFA0]/u;

/** The first invisible or direction-changing character, as U+XXXX, or null. */
export function invisibleCharIn(s: string): string | null {
  const m = INVISIBLE.exec(s);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/**
 * A valid 18-character resident ID (check character and birth date right) anywhere in
 * the text, also written in groups ("4307 0319 8501 0112 34"); its masked form, or null.
 * A run of more digits than an ID has is not one (a barcode, an account number).
 */
export function residentIdIn(s: string, today: Date = new Date()): string | null {
  const joined = s.replace(/(?<=\d)[\s-]+(?=[\dXx])/g, '');
  for (const m of joined.matchAll(/(?<![0-9])\d{17}[\dXx](?![0-9A-Za-z])/g)) {
    const r = validateResidentId(m[0], today);
    if (r.ok) return maskResidentId(r.normalized);
  }
  return null;
}
