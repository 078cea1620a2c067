/**
 * Names people understand for the audit log's action codes, in Chinese and English. An
 * action not listed here (a feature added later) shows its code, which is still readable.
 */
export const AUDIT_ACTION_LABELS: Record<string, readonly [zh: string, en: string]> = {
  'login.ok': ['登录', 'Logged in'],
  'login.failed': ['登录失败（PIN 错误）', 'Login failed (wrong PIN)'],
  'login.locked': ['登录被拒（已锁定）', 'Login refused (locked)'],
  logout: ['退出登录', 'Logged out'],
  'approve.ok': ['管理员 PIN 批准', 'Approved with admin PIN'],
  'approve.failed': ['批准失败（PIN 错误）', 'Approval failed (wrong PIN)'],
  'approve.locked': ['批准被拒（已锁定）', 'Approval refused (locked)'],
  'operator.create': ['新增操作员', 'Operator added'],
  'operator.resetPin': ['重置 PIN', 'PIN reset'],
  'operator.deactivate': ['停用操作员', 'Operator deactivated'],
  'operator.activate': ['启用操作员', 'Operator reactivated'],
  'settings.update': ['修改设置', 'Settings changed'],
  'redemption.void': ['作废兑换单', 'Redemption voided'],
  'audit.export': ['导出操作日志', 'Audit log exported'],
  'integrity.verify': ['数据校验', 'Data verified'],
  'integrity.startup': ['启动检查通过', 'Start-up check passed'],
  'integrity.startup.failed': ['启动检查发现问题', 'Start-up check found problems'],
  'backup.configure': ['修改备份设置', 'Backup settings changed'],
  'backup.create': ['备份', 'Backup made'],
  'backup.failed': ['备份失败', 'Backup failed'],
  'backup.restore': ['从备份恢复', 'Restored from backup'],
  'backup.exportKey': ['导出密钥', 'Key exported'],
  'setup.loadDemo': ['加载演示村', 'Demo village loaded'],
  'day.close': ['日结', 'Day closed'],
  'day.reopen': ['撤销日结', 'Day reopened'],
  'goods.create': ['新增商品', 'Goods added'],
  'goods.update': ['修改商品', 'Goods changed'],
  'goods.setPrice': ['修改兑换积分', 'Points price changed'],
  'goods.retire': ['商品下架', 'Goods retired'],
  'goods.reactivate': ['商品重新上架', 'Goods back on sale'],
  'stock.receive': ['入库', 'Stock received'],
  'stock.adjust': ['库存调整', 'Stock adjusted'],
  'stock.stocktake': ['盘点', 'Stocktake'],
  'household.create': ['新增农户', 'Household added'],
  'household.update': ['修改农户', 'Household changed'],
  'household.movedAway': ['农户迁出', 'Household moved away'],
  'household.reactivated': ['农户恢复', 'Household reactivated'],
  'household.issueCard': ['补发户卡', 'Card issued'],
  'household.transferPoints': ['积分转移', 'Points transferred'],
  'households.import': ['导入农户', 'Households imported'],
  'member.add': ['新增成员', 'Member added'],
  'member.update': ['修改成员', 'Member changed'],
  'member.remove': ['移除成员', 'Member removed'],
  'member.makeHead': ['变更户主', 'Head of household changed'],
  'group.create': ['新增村民小组', 'Group added'],
  'card.print': ['打印户卡', 'Cards printed'],
  'receipt.reprint': ['补打小票', 'Receipt reprinted'],
  'printer.settings': ['修改打印机设置', 'Printer settings changed'],
};

export function auditActionLabel(action: string, lang: 'zh' | 'en'): string {
  const l = AUDIT_ACTION_LABELS[action];
  return l ? l[lang === 'zh' ? 0 : 1] : action;
}
