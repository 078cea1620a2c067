/**
 * The counter's keyboard, household-switch and collecting-member words (kept apart from the
 * shared dictionary so the counter's changes do not crowd it). Chinese is the source;
 * English must have every key (the type says so).
 */
import { useCallback } from 'react';
import { useI18n } from './index.js';

export const counterZh = {
  'keys.hint': '↑↓ 选择 · 回车 确定 · 1–9 选第几户 · +/− 改数量 · Delete 移除 · Esc 下一位 · F9 确认兑换 · F8 打印小票 · F6 今日兑换单 · Tab 切换按钮',
  'keys.hintShort': '↑↓ 选行 · +/− 数量 · Del 移除 · Esc 下一位 · F9 确认 · F8 打印 · F6 今日单',
  'match.pickHint': '↑↓ 选择后按回车，或输入序号 1–{max} 再回车',
  'match.pickNumber': '没有第 {n} 户：请输入 1–{max}',

  'switch.title': '清单里还有商品',
  'switch.body': '兑换清单里有 {count} 件商品，是为 {from} 挑的。现在要办理 {to}：',
  'switch.keep': '商品留给 {to}',
  'switch.clear': '清空清单，办理 {to}',
  'switch.cancel': '取消，继续办理 {from}',

  'next.title': '清单里还有商品',
  'next.body': '兑换清单里有 {count} 件商品还没有兑换。清空并接待下一位吗？',
  'next.ok': '清空，下一位',
  'next.cancel': '继续兑换',

  'leave.logoutTitle': '清单里还有商品',
  'leave.body': '柜台的兑换清单里有 {count} 件商品还没有兑换，{action}后清单会丢失。',
  'leave.bodyLock': '柜台的兑换清单里有 {count} 件商品还没有兑换。锁屏后清单会保留，只有 {name} 解锁后能继续。',
  'leave.logout': '退出登录',
  'leave.switch': '换人登录',
  'leave.lock': '锁屏',
  'leave.cancel': '返回柜台',

  'stale.stillOpen': '（仍在办理：{head} {number}）',

  'collector.title': '领取人',
  'collector.hint': 'Tab 到此处，↑↓ 换人',
  'collector.none': '未指定',

  'print.lastSent': '小票已送去打印：{no}',
  'print.lastNone': '今天还没有兑换单可打印',

  'categories.tab': '商品分类顺序',
  'categories.hint': '柜台上分类按钮和商品按这个顺序排列。常用的（粮油、调味品）放在前面，店员不用翻页。',
  'categories.up': '{name} 上移',
  'categories.down': '{name} 下移',
  'categories.save': '保存顺序',
  'categories.saved': '分类顺序已保存，回到柜台即按新顺序显示',
};

type CounterKey = keyof typeof counterZh;

export const counterEn: Record<CounterKey, string> = {
  'keys.hint':
    '↑↓ select · Enter confirm · 1–9 pick a row · +/− quantity · Delete remove · Esc next customer · F9 redeem · F8 print slip · F6 today’s receipts · Tab buttons',
  'keys.hintShort': '↑↓ line · +/− qty · Del remove · Esc next · F9 redeem · F8 print · F6 receipts',
  'match.pickHint': '↑↓ then Enter, or type 1–{max} and Enter',
  'match.pickNumber': 'There is no row {n}: type 1–{max}',

  'switch.title': 'The cart has goods',
  'switch.body': 'The cart holds {count} items picked for {from}. You are opening {to}:',
  'switch.keep': 'Keep the goods for {to}',
  'switch.clear': 'Clear the cart, serve {to}',
  'switch.cancel': 'Cancel, stay with {from}',

  'next.title': 'The cart has goods',
  'next.body': 'The cart holds {count} items not yet redeemed. Clear it and serve the next customer?',
  'next.ok': 'Clear, next customer',
  'next.cancel': 'Keep redeeming',

  'leave.logoutTitle': 'The cart has goods',
  'leave.body': 'The counter’s cart holds {count} items not yet redeemed; {action} loses them.',
  'leave.bodyLock': 'The counter’s cart holds {count} items not yet redeemed. Locking keeps them; only {name} can unlock and carry on.',
  'leave.logout': 'Log out',
  'leave.switch': 'Switch operator',
  'leave.lock': 'Lock',
  'leave.cancel': 'Back to the counter',

  'stale.stillOpen': ' (still serving: {head} {number})',

  'collector.title': 'Collecting',
  'collector.hint': 'Tab here, ↑↓ to change',
  'collector.none': 'Not named',

  'print.lastSent': 'Slip sent to the printer: {no}',
  'print.lastNone': 'No receipt to print yet today',

  'categories.tab': 'Category order',
  'categories.hint': 'The counter shows its category buttons and goods in this order. Put the everyday ones (staples, seasoning) first.',
  'categories.up': 'Move {name} up',
  'categories.down': 'Move {name} down',
  'categories.save': 'Save the order',
  'categories.saved': 'Category order saved; the counter shows it when you go back to it',
};

export type CounterTranslate = (key: CounterKey, params?: Record<string, string | number>) => string;

/** `t` for the counter's own words, following the app's language toggle. */
export function useCounterT(): CounterTranslate {
  const { lang } = useI18n();
  return useCallback(
    (key, params = {}) => {
      const tpl = (lang === 'en' ? counterEn : counterZh)[key];
      return tpl.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
    },
    [lang],
  );
}
