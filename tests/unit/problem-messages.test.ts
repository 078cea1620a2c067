/**
 * The problem table (db/contract/problems.ts): every code speaks both languages with the
 * same parameters, and rendering fills every one of them. The types make the core pass
 * each code's parameters; this is the check that the table itself holds together.
 */
import { describe, expect, it } from 'vitest';
import { describeProblem, formatProblem, PROBLEM_MESSAGES, scopeText, type ProblemCode, type ReconcileProblem } from '../../db/contract/problems.js';

const codes = Object.keys(PROBLEM_MESSAGES) as ProblemCode[];
const placeholders = (tpl: string) => [...tpl.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('problem messages', () => {
  it('has codes for the verify, the reconciliation and its scopes', () => {
    expect(codes.length).toBeGreaterThan(50);
    for (const c of ['ROW_CHANGED', 'HEAD_ROWS_MISSING', 'RECEIPT_NO_GAP', 'SCOPE_BALANCES'] as const) expect(codes).toContain(c);
  });

  it.each(codes)('%s has a Chinese and an English message with the same parameters', (code) => {
    const { zh, en } = PROBLEM_MESSAGES[code];
    expect(zh.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    // Chinese text in the Chinese message, none in the English one.
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    expect(placeholders(zh)).toEqual(placeholders(en));
  });

  it.each(codes)('%s renders with every parameter filled', (code) => {
    const names = placeholders(PROBLEM_MESSAGES[code].zh);
    const params = Object.fromEntries(names.map((n, i) => [n, `v${i}x`]));
    for (const lang of ['zh', 'en'] as const) {
      const text = formatProblem({ code, params }, lang);
      expect(text).not.toMatch(/\{\w*\}/);
      for (const v of Object.values(params)) expect(text).toContain(v);
    }
  });

  it('names the table and row in either language', () => {
    const p: ReconcileProblem = { table: 'ledger', rowId: 12, code: 'ROW_CHANGED' };
    expect(describeProblem(p, 'zh')).toBe('台账 #12：该行写入后被改动（哈希不符）');
    expect(describeProblem(p, 'en')).toBe('ledger #12: hash does not match the row: the row was changed after it was written');
    const gap: ReconcileProblem = { code: 'RECEIPT_NO_GAP', params: { expected: '20261129-0002', actual: '20261129-0003' } };
    expect(describeProblem(gap, 'zh')).toBe('兑换单号不连续：应为 20261129-0002，实为 20261129-0003');
    expect(describeProblem({ table: 'sqlite', rowId: '-', code: 'SQLITE_QUICK_CHECK', params: { detail: 'page 3' } }, 'en')).toBe(
      'database file: quick_check: page 3',
    );
  });

  it('shows a scope stored as text (a close signed before codes) as it was', () => {
    expect(scopeText('当日 3 张兑换单', 'en')).toBe('当日 3 张兑换单');
    expect(scopeText({ code: 'SCOPE_REDEMPTIONS', params: { count: 3 } }, 'en')).toBe('3 receipts of the day');
  });
});
