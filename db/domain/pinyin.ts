import { pinyin } from 'pinyin-pro';

/**
 * Latin search keys for a Chinese name: full pinyin without tones and the initials,
 * lower case, no spaces (张三 -> zhangsan, zs). Latin letters and digits pass through.
 */
export function searchKeys(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter((s) => s.length > 0);
  return { full: clean.join(''), initials: clean.map((s) => s[0]).join('') };
}

/** True when a query is meant as pinyin (latin letters only), not as Chinese characters. */
export function isLatinQuery(q: string): boolean {
  return /^[a-zA-Z]+$/.test(q);
}

/** The exclusive upper bound for an index range scan of `prefix%` (ASCII keys only). */
export function prefixUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
