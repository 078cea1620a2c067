/**
 * Every integrity problem the core can find (the full verify, the start-up check, a
 * backup's check) and every line of the day close's reconciliation, as a code with typed
 * parameters, and the one zh/en table that renders them. Like the error table
 * (errors.ts): the core decides by code, the renderer, the CLI and the refusal messages
 * render the code in their language. Nothing anywhere reads the rendered text back.
 *
 * The English wording is the one the README and docs/trust.md quote ("hash does not
 * match", "the last N rows are missing"); the Chinese is what the accountant reads.
 */

import { messageReader, type MessageLang } from './message-table.js';

/** Problems found by the verify (full, start-up, backup). */
const VERIFY_MESSAGES = {
  SQLITE_QUICK_CHECK: { zh: '数据库文件损坏（quick_check：{detail}）', en: 'quick_check: {detail}' },
  DATABASE_UNREADABLE: { zh: '数据库文件无法读取：{detail}', en: 'the database could not be read: {detail}' },
  ROW_CHANGED: { zh: '该行写入后被改动（哈希不符）', en: 'hash does not match the row: the row was changed after it was written' },
  CHAIN_UNLINKED: { zh: '哈希链断开（有行被删除或调换）', en: 'prev_hash does not match the previous row (a row was removed or reordered)' },
  BALANCE_AFTER_MISMATCH: { zh: '变动后余额记为 {recorded}，按台账累计应为 {sum}', en: 'balance_after {recorded} but the rows add up to {sum}' },
  BALANCE_NEGATIVE: { zh: '余额出现负数', en: 'balance below zero' },
  ACCOUNT_BALANCE_MISMATCH: { zh: '账户余额为 {cached}，台账累计为 {sum}', en: 'balance {cached} but the ledger adds up to {sum}' },
  ACCOUNT_HONOUR_MISMATCH: { zh: '荣誉积分为 {cached}，台账累计为 {sum}', en: 'honour_total {cached} but the ledger adds up to {sum}' },
  ACCOUNT_MISSING: { zh: '有台账行但缺少账户', en: 'ledger rows exist but the account row is missing' },
  GOODS_STOCK_MISMATCH: { zh: '库存为 {cached}，流水累计为 {sum}', en: 'stock {cached} but the movements add up to {sum}' },
  STOCK_LAST_AFTER_MISMATCH: { zh: '最后一条流水的结存为 {recorded}，流水累计为 {sum}', en: 'last stock_after {recorded} but the movements add up to {sum}' },
  STOCK_AFTER_MISMATCH: { zh: '结存记为 {recorded}，流水累计为 {sum}', en: 'stock_after {recorded} but the movements add up to {sum}' },
  REDEMPTION_TOTAL_MISMATCH: { zh: '兑换单合计 {total}，明细合计 {linesTotal}', en: 'total {total} but lines add up to {linesTotal}' },
  REDEMPTION_LEDGER_MISMATCH: { zh: '兑换单与台账行不符', en: 'the ledger row does not match the redemption' },
  KEY_OTHER: {
    zh: '此数据库是用另一把密钥建立的：请先放回导出的密钥文件，再相信身份证号查找的结果',
    en: 'this database was made with another key: restore the exported key file before trusting ID lookups',
  },
  KEY_NONE: { zh: '没有可用来校验账本的密钥', en: 'no key to verify the keyed books with' },
  CHECKPOINT_MISSING: { zh: '有历史数据却没有签名检查点：检查点被删除', en: 'the signed checkpoint is missing on a store with history: it was deleted' },
  CHECKPOINT_FORGED: { zh: '签名检查点与其签名不符：检查点被改动', en: 'the signed checkpoint does not match its signature: it was edited' },
  CHECKPOINT_DIFFERS: {
    zh: '与签名检查点不符：到此行为止的历史被改写或删除',
    en: 'differs from the signed checkpoint: history up to this row was rewritten or removed',
  },
  SEAL_ROW_REMOVED: { zh: '该行写入后被删除（封条仍在）', en: 'the row was removed after it was written (its seal remains)' },
  SEAL_MISMATCH: {
    zh: '该行与封条不符：被改动、调换，或它之前的封条被删除',
    en: 'the row does not match its seal: changed, reordered, or a seal before it was removed',
  },
  ROW_UNSEALED: { zh: '该行没有封条：绕过本软件添加', en: "the row has no seal: added behind the app's back" },
  HEAD_MISSING: { zh: '此链的签名链头缺失', en: 'the signed head of this chain is missing' },
  HEAD_SAYS_EMPTY: { zh: '有数据行，但签名链头记为空链', en: 'rows exist but the signed head says the chain is empty' },
  HEAD_ROWS_MISSING: {
    zh: '最后 {missing} 行缺失（签名链头记有 {counted} 行，实有 {actual} 行）',
    en: 'the last {missing} rows are missing (the signed head counts {counted}, there are {actual})',
  },
  HEAD_ROW_MISSING: { zh: '签名链头所指的行缺失', en: 'the row the signed head names is missing' },
  HEAD_MISMATCH: { zh: '签名链头不符：链或链头被改写', en: 'the signed head does not match: the chain or its head was rewritten' },
  ROWS_BEYOND_HEAD: { zh: '签名链头之后还有行：绕过本软件添加', en: "rows beyond the signed head: added behind the app's back" },
  SCHEMA_DROPPED: { zh: '数据库结构中缺少此项（被删除）', en: 'missing from the schema the migrations made (dropped)' },
  SCHEMA_ALTERED: { zh: '与数据库结构不符（被修改）', en: 'differs from the schema the migrations made (altered)' },
  SCHEMA_ADDED: { zh: '不是数据库升级建立的（被添加）', en: 'not made by the migrations (added)' },
  CLOSE_NO_SUMMARY: { zh: '{date} 的日结记录缺少汇总或哈希', en: 'the close of {date} has no summary or hash' },
  CLOSE_SUMMARY_EDITED: { zh: '{date} 的日结汇总在签字后被改动（哈希不符）', en: 'the summary of {date} does not match its hash: edited after the close' },
  CLOSED_DAY_CHANGED: {
    zh: '{date} 已日结，当天的数据与签字时不一致',
    en: 'rows dated {date} changed after the day was closed (digest differs from the signed-off one)',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

/** What the day close's reconciliation adds to the verify's problems, for one business day. */
const RECONCILE_MESSAGES = {
  DAY_BALANCE_BROKEN: {
    zh: '变动前余额 {before} + 变动 {amount} ≠ 变动后余额 {after}',
    en: 'balance before {before} + change {amount} ≠ balance after {after}',
  },
  DAY_STOCK_BROKEN: { zh: '变动前 {before} + 变动 {amount} ≠ 结存 {after}', en: 'stock before {before} + change {amount} ≠ stock after {after}' },
  RECEIPT_LINES_MISMATCH: {
    zh: '兑换单 {receiptNo}：合计 {total}，明细合计 {linesTotal}',
    en: 'Receipt {receiptNo}: total {total}, lines add up to {linesTotal}',
  },
  RECEIPT_LEDGER_MISSING: { zh: '兑换单 {receiptNo}：找不到对应的台账行', en: 'Receipt {receiptNo}: its ledger row is missing' },
  RECEIPT_LEDGER_MISMATCH: {
    zh: '兑换单 {receiptNo}：台账行（{ledgerAmount} 分）与兑换单（-{total} 分）不符',
    en: 'Receipt {receiptNo}: the ledger row ({ledgerAmount} points) does not match the receipt (-{total} points)',
  },
  RECEIPT_STOCK_MISMATCH: { zh: '兑换单 {receiptNo}：库存出库与兑换明细不符', en: 'Receipt {receiptNo}: the stock taken out does not match its lines' },
  VOID_LEDGER_MISSING: {
    zh: '作废单（兑换单 {receiptNo}）：退回积分的台账行（无）与原兑换单（{total} 分）不符',
    en: 'Void of receipt {receiptNo}: there is no ledger row giving back its {total} points',
  },
  VOID_LEDGER_MISMATCH: {
    zh: '作废单（兑换单 {receiptNo}）：退回积分的台账行（{ledgerAmount}）与原兑换单（{total} 分）不符',
    en: 'Void of receipt {receiptNo}: the ledger row giving points back ({ledgerAmount}) does not match the receipt ({total} points)',
  },
  VOID_STOCK_MISMATCH: {
    zh: '作废单（兑换单 {receiptNo}）：退回库存与原兑换明细不符',
    en: 'Void of receipt {receiptNo}: the stock given back does not match the receipt’s lines',
  },
  RECEIPT_NO_FOREIGN: { zh: '兑换单号 {receiptNo} 不属于 {date}', en: 'Receipt number {receiptNo} does not belong to {date}' },
  RECEIPT_NO_GAP: { zh: '兑换单号不连续：应为 {expected}，实为 {actual}', en: 'Receipt numbers have a gap: expected {expected}, found {actual}' },
} as const satisfies Record<string, { zh: string; en: string }>;

/** What each reconciliation check looked at (the grey text beside its name). */
const SCOPE_MESSAGES = {
  SCOPE_LEDGER_CHAIN_SINCE: {
    zh: '自上次签名检查点以来的 {rows} 行台账哈希链（检查点之前的行由签名保证）',
    en: 'the ledger hash chain since the last signed checkpoint, {rows} rows (the signature vouches for the rows before it)',
  },
  SCOPE_LEDGER_CHAIN_ALL: { zh: '全部 {rows} 行台账的哈希链', en: 'the hash chain of all {rows} ledger rows' },
  SCOPE_BALANCES: { zh: '当日 {rows} 行台账，{accounts} 个账户', en: '{rows} ledger rows of the day, {accounts} accounts' },
  SCOPE_STOCK: { zh: '当日 {rows} 条库存流水', en: '{rows} stock movements of the day' },
  SCOPE_REDEMPTIONS: { zh: '当日 {count} 张兑换单', en: '{count} receipts of the day' },
  SCOPE_VOIDS: { zh: '当日 {count} 张作废单', en: '{count} voids of the day' },
  SCOPE_RECEIPT_NUMBERS_NONE: { zh: '当日无兑换单', en: 'no receipts this day' },
  SCOPE_RECEIPT_NUMBERS: { zh: '{first} 至 {last}', en: '{first} to {last}' },
  SCOPE_AUDIT_SINCE: { zh: '自上次签名检查点以来的 {rows} 条审计日志', en: '{rows} audit log rows since the last signed checkpoint' },
  SCOPE_AUDIT_ALL: { zh: '全部 {rows} 条审计日志', en: 'all {rows} audit log rows' },
  SCOPE_BOOKS: {
    zh: '签名检查点、封条链及其封存的行、数据库结构、已日结的日子',
    en: 'the signed checkpoint, the row seals and the rows they seal, the schema, the closed days',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

/** The one table: every code with its Chinese and English message. */
export const PROBLEM_MESSAGES = { ...VERIFY_MESSAGES, ...RECONCILE_MESSAGES, ...SCOPE_MESSAGES } as const;

export type VerifyCode = keyof typeof VERIFY_MESSAGES;
export type ReconcileCode = keyof typeof RECONCILE_MESSAGES;
export type ScopeCode = keyof typeof SCOPE_MESSAGES;
export type ProblemCode = keyof typeof PROBLEM_MESSAGES;
export type ProblemLang = MessageLang;

const problemMessages = messageReader(PROBLEM_MESSAGES);

/** The {names} a template uses, read off the template's type. */
type Placeholders<S extends string> = S extends `${string}{${infer K}}${infer Rest}` ? K | Placeholders<Rest> : never;

/** The parameters a code's messages need: exactly the placeholders of both languages. */
export type ProblemParams<C extends ProblemCode> = {
  [K in Placeholders<(typeof PROBLEM_MESSAGES)[C]['zh'] | (typeof PROBLEM_MESSAGES)[C]['en']>]: string | number;
};

/**
 * A code with its parameters: `params` is required (and typed) for a code whose messages
 * have placeholders, absent otherwise. A union over the codes, so `code` narrows `params`.
 */
export type Coded<C extends ProblemCode> = {
  [K in C]: [Placeholders<(typeof PROBLEM_MESSAGES)[K]['zh']>] extends [never] ? { code: K; params?: undefined } : { code: K; params: ProblemParams<K> };
}[C];

/** One problem the verify found: which row of which table, and what is wrong with it. */
export type VerifyProblem = { table: string; rowId: number | string } & Coded<VerifyCode>;

/**
 * One problem on a reconciliation line: a verify problem (table and row), a day's row
 * that does not continue its account or good (table and row), or a receipt, void or
 * receipt number of the day (named in the message itself).
 */
export type ReconcileProblem =
  | VerifyProblem
  | ({ table: string; rowId: number | string } & Coded<'DAY_BALANCE_BROKEN' | 'DAY_STOCK_BROKEN'>)
  | Coded<Exclude<ReconcileCode, 'DAY_BALANCE_BROKEN' | 'DAY_STOCK_BROKEN'>>;

/** What a reconciliation check covered. */
export type ReconcileScope = Coded<ScopeCode>;

/** True for a code this build knows (a newer core's code falls back to its stored text). */
export function isProblemCode(code: unknown): code is ProblemCode {
  return problemMessages.has(code);
}

/** A code's message in one language, its placeholders filled. */
export function formatProblem(p: { code: ProblemCode; params?: Readonly<Record<string, string | number>> | undefined }, lang: ProblemLang): string {
  return problemMessages.format(p.code, lang, p.params);
}

const TABLE_NAMES: Record<string, { zh: string; en: string }> = {
  ledger: { zh: '台账', en: 'ledger' },
  accounts: { zh: '账户', en: 'account' },
  goods: { zh: '商品', en: 'goods' },
  stock_movements: { zh: '库存流水', en: 'stock movement' },
  redemptions: { zh: '兑换单', en: 'receipt' },
  redemption_lines: { zh: '兑换明细', en: 'receipt line' },
  voids: { zh: '作废单', en: 'void' },
  audit_log: { zh: '审计日志', en: 'audit log' },
  day_closes: { zh: '日结', en: 'day close' },
  point_entries: { zh: '积分记录', en: 'points entry' },
  entry_reviews: { zh: '积分审核', en: 'entry review' },
  entry_postings: { zh: '积分入账', en: 'entry posting' },
  notices: { zh: '公示', en: 'notice' },
  notice_entries: { zh: '公示条目', en: 'notice entry' },
  notice_postings: { zh: '公示入账', en: 'notice posting' },
  objections: { zh: '异议', en: 'objection' },
  objection_resolutions: { zh: '异议处理', en: 'objection resolution' },
  row_seals: { zh: '封条链', en: 'row seals' },
  settings: { zh: '设置', en: 'setting' },
  sqlite_master: { zh: '数据库结构', en: 'schema' },
  sqlite: { zh: '数据库文件', en: 'database file' },
};

/** A table's name for people (the table's own name when it has none). */
export function tableName(table: string, lang: ProblemLang): string {
  return TABLE_NAMES[table]?.[lang] ?? table;
}

/** 台账 #12：该行写入后被改动（哈希不符） / ledger #12: hash does not match the row: … */
export function describeProblem(p: ReconcileProblem, lang: ProblemLang): string {
  const text = formatProblem(p, lang);
  if (!('table' in p)) return text;
  const row = p.rowId === '-' ? '' : ` #${p.rowId}`;
  return lang === 'zh' ? `${tableName(p.table, lang)}${row}：${text}` : `${tableName(p.table, lang)}${row}: ${text}`;
}

/**
 * What a reconciliation check covered, in one language. A close signed before the checks
 * were coded stored the Chinese text itself (the stored summary is signed, so it stays).
 */
export function scopeText(checked: ReconcileScope | string, lang: ProblemLang): string {
  return typeof checked === 'string' ? checked : formatProblem(checked, lang);
}

/** Both languages on one line, for a refusal's detail (one detail serves both messages). */
export function describeBoth(p: ReconcileProblem): string {
  return `${describeProblem(p, 'zh')} / ${describeProblem(p, 'en')}`;
}
