/** The dashboard's words, Chinese first, English beside them. */
export type Lang = 'zh' | 'en';

export const TEXT = {
  title: { zh: '乡镇积分汇总', en: 'Township points hub' },
  login: { zh: '登录', en: 'Log in' },
  logout: { zh: '退出', en: 'Log out' },
  name: { zh: '用户名', en: 'Name' },
  password: { zh: '密码', en: 'Password' },
  loginFailed: { zh: '用户名或密码错误', en: 'Wrong name or password' },
  from: { zh: '起', en: 'From' },
  to: { zh: '止', en: 'To' },
  villages: { zh: '村庄与上报', en: 'Villages' },
  totals: { zh: '积分汇总', en: 'Totals' },
  daily: { zh: '每日兑换', en: 'Redemptions per day' },
  rules: { zh: '积分细则排行', en: 'Rule items most awarded' },
  honour: { zh: '红榜（跨村）', en: 'Honour board' },
  alerts: { zh: '告警', en: 'Alerts' },
  exportXlsx: { zh: '导出 XLSX', en: 'Export XLSX' },
  overdue: { zh: '逾期未报', en: 'Overdue' },
  onTime: { zh: '按时', en: 'On time' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  role_administrator: { zh: '乡镇管理员', en: 'Administrator' },
  role_viewer: { zh: '查看员', en: 'Viewer' },
  allKinds: { zh: '全部类型', en: 'All kinds' },
  loadFailed: { zh: '加载失败', en: 'Could not load' },
} as const;

export const ALERT_KINDS: Record<string, { zh: string; en: string }> = {
  fork: { zh: '账本分叉（历史被改写）', en: 'Fork (rewritten history)' },
  gap: { zh: '缺报（有日报在等待）', en: 'Gap (reports waiting)' },
  void_share: { zh: '作废比例过高', en: 'Many voids' },
  award_without_notice: { zh: '未经公示的奖励', en: 'Award without public notice' },
  deduction_at_floor: { zh: '扣分已到零', en: 'Deduction at the floor' },
  after_hours: { zh: '营业时间外兑换', en: 'Sale outside opening hours' },
  own_household: { zh: '操作员为自家兑换', en: 'Operator served own household' },
};

/** English column titles; the server sends the Chinese ones. */
export const COLUMN_EN: Record<string, string> = {
  code: 'Division code', name: 'Village', township: 'Township', lastDay: 'Last reported day', daysSinceLast: 'Days since', overdue: 'Overdue', held: 'Held reports',
  fingerprint: 'Key fingerprint', households: 'Households', awarded: 'Awarded', deducted: 'Deducted', redeemed: 'Redeemed', outstanding: 'Outstanding', receipts: 'Receipts',
  voids: 'Voids', rule_code: 'Rule', rule_title: 'Rule item', direction: 'Award/deduct', entries: 'Entries', points: 'Points', village_name: 'Village', number: 'Household',
  head_name: 'Head of household', date: 'Date', kind: 'Kind', detail: 'Detail', reportId: 'Report',
  stockPoints: 'Stock value (points)', stockYuan: 'Stock value (yuan)',
};

export function t(lang: Lang, key: keyof typeof TEXT): string {
  return TEXT[key][lang];
}
