/** Chinese names of ledger and stock kinds, as the accountant reads them on paper. */
const KIND_ZH: Record<string, string> = {
  opening: '期初',
  award: '加分',
  deduction: '扣分',
  redemption: '兑换',
  void: '作废退回',
  clearing: '清零',
  correction: '更正',
  transfer: '转存',
  purchase: '采购入库',
  donation: '捐赠入库',
  adjustment: '调整',
  stocktake: '盘点',
};

export function kindZh(kind: string): string {
  return KIND_ZH[kind] ?? kind;
}
