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
  // The alerts table's filter field.
  alertKind: { zh: '告警类型', en: 'Alert kind' },
  // The administrator's screens: registering stores and importing report files.
  admin: { zh: '登记与导入', en: 'Register and import' },
  registerStore: { zh: '登记村级积分超市', en: 'Register a village store' },
  registerHelp: {
    zh: '选择村里导出的登记文件（设置 → 乡镇汇总）。先核对指纹与村里电脑上显示的一致，再确认登记。',
    en: "Choose the registration file the village exported (Settings → Township hub). Check that the fingerprint matches the one on the village's screen, then confirm.",
  },
  chooseRegistration: { zh: '选择登记文件…', en: 'Choose registration file…' },
  villageCode: { zh: '区划代码', en: 'Division code' },
  village: { zh: '村 · 乡镇', en: 'Village · township' },
  fingerprint: { zh: '密钥指纹', en: 'Key fingerprint' },
  registeredBy: { zh: '登记人', en: 'Registered by' },
  compareFingerprint: {
    zh: '请与村里电脑或手机照片上的指纹逐组核对，一致才确认。',
    en: "Compare it group by group with the fingerprint on the village's screen or photo; confirm only if they match.",
  },
  registerConfirm: { zh: '指纹一致，确认登记', en: 'Fingerprint matches: register' },
  registered_registered: { zh: '已登记', en: 'Registered' },
  registered_updated: { zh: '已更新村名', en: 'Names updated' },
  registered_known: { zh: '此村已登记，无需重复', en: 'Already registered' },
  importReports: { zh: '导入日报文件', en: 'Import day reports' },
  importHelp: {
    zh: '可一次选择多个 .dayreport.json 文件（U 盘上的日报文件夹）。',
    en: 'Choose one or several .dayreport.json files (the day-report folder on the USB stick).',
  },
  chooseReports: { zh: '选择日报文件…', en: 'Choose report files…' },
  importing: { zh: '正在导入，剩余', en: 'Importing, left:' },
  file: { zh: '文件', en: 'File' },
  outcome: { zh: '结果', en: 'Outcome' },
  reason: { zh: '原因', en: 'Reason' },
  released: { zh: '并接收了此前暂存的日报', en: 'and accepted held reports:' },
  outcome_accepted: { zh: '已接收', en: 'Accepted' },
  outcome_known: { zh: '已有（未改变）', en: 'Already known' },
  outcome_held: { zh: '暂存（缺前一日）', en: 'Held (a day is missing)' },
  outcome_fork: { zh: '分叉告警', en: 'Fork alert' },
  outcome_refused: { zh: '拒收', en: 'Refused' },
} as const;

export type TextKey = keyof typeof TEXT;

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
  code: 'Division code',
  name: 'Village',
  township: 'Township',
  lastDay: 'Last reported day',
  daysSinceLast: 'Days since',
  overdue: 'Overdue',
  held: 'Held reports',
  fingerprint: 'Key fingerprint',
  households: 'Households',
  awarded: 'Awarded',
  deducted: 'Deducted',
  redeemed: 'Redeemed',
  outstanding: 'Outstanding',
  receipts: 'Receipts',
  voids: 'Voids',
  rule_code: 'Rule',
  rule_title: 'Rule item',
  direction: 'Award/deduct',
  entries: 'Entries',
  points: 'Points',
  village_name: 'Village',
  number: 'Household',
  head_name: 'Head of household',
  date: 'Date',
  kind: 'Kind',
  detail: 'Detail',
  reportId: 'Report',
  stockPoints: 'Stock value (points)',
  stockYuan: 'Stock value (yuan)',
};

export function t(lang: Lang, key: keyof typeof TEXT): string {
  return TEXT[key][lang];
}
