/**
 * The one way a table of coded messages (the contract's refusals, the integrity problems) is
 * read: each code has a Chinese and an English template with {name} placeholders, filled
 * from the code's parameters; a placeholder without a parameter stays visible as {name}.
 * Pure (the renderer uses it too).
 */
export type MessageLang = 'zh' | 'en';
export type MessageTable = Readonly<Record<string, { readonly zh: string; readonly en: string }>>;

export interface MessageReader<T extends MessageTable> {
  /** True for a code this build knows. */
  has(code: unknown): code is keyof T & string;
  /** A code's message in one language, its placeholders filled. */
  format(code: keyof T, lang: MessageLang, params?: Readonly<Record<string, string | number>>): string;
}

export function messageReader<T extends MessageTable>(table: T): MessageReader<T> {
  return {
    has: (code: unknown): code is keyof T & string => typeof code === 'string' && Object.prototype.hasOwnProperty.call(table, code),
    format(code, lang, params = {}) {
      const tpl: string = table[code]![lang];
      return tpl.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
    },
  };
}
