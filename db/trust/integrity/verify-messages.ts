import type { VerifyProblem } from './verify.js';

/** verify.ts speaks English to developers; the accountant reads Chinese. */
const KNOWN: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^hash does not match the row/, () => '该行写入后被改动（哈希不符）'],
  [/^prev_hash does not match/, () => '哈希链断开（有行被删除或调换）'],
  [/^balance_after (-?\d+) but the rows add up to (-?\d+)/, (m) => `变动后余额记为 ${m[1]}，按台账累计应为 ${m[2]}`],
  [/^balance below zero/, () => '余额出现负数'],
  [/^balance (-?\d+) but the ledger adds up to (-?\d+)/, (m) => `账户余额为 ${m[1]}，台账累计为 ${m[2]}`],
  [/^honour_total (-?\d+) but the ledger adds up to (-?\d+)/, (m) => `荣誉积分为 ${m[1]}，台账累计为 ${m[2]}`],
  [/^ledger rows exist but the account row is missing/, () => '有台账行但缺少账户'],
  [/^stock (-?\d+) but the movements add up to (-?\d+)/, (m) => `库存为 ${m[1]}，流水累计为 ${m[2]}`],
  [/^last stock_after (-?\d+) but the movements add up to (-?\d+)/, (m) => `最后一条流水的结存为 ${m[1]}，流水累计为 ${m[2]}`],
  [/^total (-?\d+) but lines add up to (-?\d+)/, (m) => `兑换单合计 ${m[1]}，明细合计 ${m[2]}`],
  [/^the ledger row does not match the redemption/, () => '兑换单与台账行不符'],
];

const TABLE_NAMES: Record<string, string> = {
  ledger: '台账',
  accounts: '账户',
  goods: '商品',
  stock_movements: '库存流水',
  redemptions: '兑换单',
  audit_log: '审计日志',
  sqlite: '数据库文件',
};

/** The problem alone, in Chinese where we know the pattern (English otherwise). */
export function problemText(p: VerifyProblem): string {
  let text = p.problem;
  for (const [re, fn] of KNOWN) {
    const m = re.exec(p.problem);
    if (m) {
      text = fn(m);
      break;
    }
  }
  return text;
}

/** 台账 #12：该行写入后被改动（哈希不符） */
export function describeProblem(p: VerifyProblem): string {
  return `${TABLE_NAMES[p.table] ?? p.table} #${p.rowId}：${problemText(p)}`;
}
