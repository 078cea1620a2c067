/**
 * A deliberately small i18n: two dictionaries, a context holding the language, and a `t`
 * that fills {placeholders}. Chinese is the source and the default; English is a toggle.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { formatMessage, type ErrorBody, type ErrorParams } from '../../../db/contract/errors.js';
import {
  describeProblem,
  formatProblem,
  isProblemCode,
  scopeText as renderScope,
  tableName,
  type ReconcileProblem,
  type ReconcileScope,
} from '../../../db/contract/problems.js';
import { en } from './en.js';
import { zh, type MessageKey } from './zh.js';

export type Lang = 'zh' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** ISO instants in error params (e.g. PIN_LOCKED's {until}) are shown as local clock time. */
function humanParams(params: ErrorParams | undefined, lang: Lang): ErrorParams {
  const out: ErrorParams = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) {
      const d = new Date(v);
      out[k] = Number.isNaN(d.getTime()) ? v : d.toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
    } else out[k] = v;
  }
  return out;
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** The message for a refusal from the core, in the chosen language. */
  errorText: (error: ErrorBody) => string;
  /** An integrity or reconciliation problem, by its code, in the chosen language (without its table and row). */
  problemText: (p: ReconcileProblem) => string;
  /** The same with its table and row: 台账 #12：… / ledger #12: … */
  problemLine: (p: ReconcileProblem) => string;
  /** What a reconciliation check covered. */
  scopeText: (checked: ReconcileScope | string) => string;
  /** A database table's name for people (台账 / ledger). */
  tableName: (table: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>('zh');
  const t = useCallback<Translate>((key, params) => fill(dictionaries[lang][key], params), [lang]);
  const errorText = useCallback(
    (error: ErrorBody) => {
      // A code this build does not know (a newer core) still has the core's Chinese text.
      try {
        return formatMessage(error.code, lang, humanParams(error.params, lang));
      } catch {
        return error.message;
      }
    },
    [lang],
  );
  const problems = useMemo(() => problemRenderers(lang), [lang]);
  const value = useMemo(() => ({ lang, setLang, t, errorText, ...problems }), [lang, t, errorText, problems]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * Problems render from db/contract/problems.ts, the table the core and the CLI use. A code
 * this build does not know (a newer core) shows the code itself rather than nothing.
 */
function problemRenderers(lang: Lang): Pick<I18n, 'problemText' | 'problemLine' | 'scopeText' | 'tableName'> {
  const problemText = (p: ReconcileProblem) => (isProblemCode(p.code) ? formatProblem(p, lang) : String(p.code));
  return {
    problemText,
    problemLine: (p) => (isProblemCode(p.code) ? describeProblem(p, lang) : String(p.code)),
    tableName: (table) => tableName(table, lang),
    scopeText: (checked) => (typeof checked === 'string' || isProblemCode(checked.code) ? renderScope(checked, lang) : String(checked.code)),
  };
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
