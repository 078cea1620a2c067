/**
 * The counter hardware's own dictionary: the card reader (读卡器), the customer display
 * (客显), the public board display and the webcam. Chinese is the source; English must
 * have every key (the type says so).
 */
import { useCallback } from 'react';
import { useI18n } from './index.js';

export const hardwareZh = {
  'reader.disconnected': '读卡器未连接',
  'reader.waiting': '请放卡',
  'reader.read': '已读卡',
  'reader.tab': '读卡器与客显',
  'reader.profile': '读卡器类型',
  'reader.keyboard': '键盘式（读卡器像键盘一样输入号码）',
  'reader.cvr': '华视 CVR-100 系列（termb.dll / libtermb.so）',
  'reader.sdtapi': '通用 SDTAPI（精伦 iDR210 等，sdtapi.dll）',
  'reader.libraryPath': '库文件完整路径',
  'reader.libraryHint': '例如 C:\\CVR100\\termb.dll。库文件由读卡器厂家提供，随驱动一同安装。',
  'reader.port': '端口号',
  'reader.portHint': 'USB 读卡器一般为 1001；串口为 1–16',
  'reader.save': '保存并连接',
  'reader.saved': '读卡器设置已保存',
  'reader.state': '当前状态：{state}',
  'reader.keyboardState': '键盘式读卡器：把光标留在柜台的输入框即可',
  'reader.privacy': '只读取身份证号用来查找农户；照片、住址不读取、不保存，号码不记入日志。',
  'display.customerTitle': '客显（顾客显示屏）',
  'display.customerHint': '在面向村民的第二块屏幕上打开，全屏显示。桌面版有第二块屏幕时会自动打开。',
  'display.openCustomer': '打开客显窗口',
  'display.board': '全屏展示',
  'display.boardConfirm': '此屏幕将退出登录，改为红榜展示屏（不会自动锁屏）。继续吗？',
  'display.exit': '退出展示',
  'display.lost': '显示屏已失效（程序已重启）。请在柜台重新打开。',
  'display.welcome': '欢迎光临',
  'display.household': '农户',
  'display.balance': '可用积分',
  'display.total': '本次合计',
  'display.after': '兑换后余额',
  'display.done': '兑换成功',
  'display.thanks': '谢谢，欢迎再来',
  'display.noLines': '请稍候，店员正在扫描商品…',
  'display.short': '积分不足',
  'board.honours': '红榜',
  'board.stars': '星级文明户',
  'board.deductions': '扣分公示',
  'board.notice': '公示：{title}',
  'board.noticeUntil': '公示期至 {until}',
  'board.cont': '（续）',
  'board.page': '第 {page} / {pages} 页',
  'board.rows': '共 {n} 条，本页第 {from}–{to} 条',
  'board.empty': '本期暂无数据',
  'board.points': '{n} 分',
  'board.nameless': '（不公示姓名）',
  'webcam.scan': '摄像头扫码',
  'webcam.title': '用摄像头扫描户卡二维码',
  'webcam.hint': '把户卡二维码对准摄像头',
  'webcam.denied': '无法打开摄像头：{detail}',
  'webcam.none': '没有找到摄像头',
  'webcam.close': '关闭',
};

export type HardwareKey = keyof typeof hardwareZh;

export const hardwareEn: Record<HardwareKey, string> = {
  'reader.disconnected': 'Card reader not connected',
  'reader.waiting': 'Place a card',
  'reader.read': 'Card read',
  'reader.tab': 'Card reader & display',
  'reader.profile': 'Reader type',
  'reader.keyboard': 'Keyboard type (the reader types the number)',
  'reader.cvr': 'Chinavision CVR-100 series (termb.dll / libtermb.so)',
  'reader.sdtapi': 'Standard SDTAPI (Jinglun iDR210 and others, sdtapi.dll)',
  'reader.libraryPath': 'Full path of the library',
  'reader.libraryHint': 'For example C:\\CVR100\\termb.dll. The maker ships the library with the driver.',
  'reader.port': 'Port',
  'reader.portHint': 'USB readers are usually 1001; serial ports 1–16',
  'reader.save': 'Save and connect',
  'reader.saved': 'Card reader settings saved',
  'reader.state': 'Now: {state}',
  'reader.keyboardState': 'Keyboard reader: keep the cursor in the counter’s input box',
  'reader.privacy': 'Only the ID number is read, to find the household; photo and address are neither read nor kept, and the number is never logged.',
  'display.customerTitle': 'Customer display',
  'display.customerHint': 'Open it on the second screen facing the villager, full screen. The desktop app opens it by itself when there is a second screen.',
  'display.openCustomer': 'Open the customer display',
  'display.board': 'Full screen',
  'display.boardConfirm': 'This screen will log out and become the honour board display (it never locks). Continue?',
  'display.exit': 'Leave the display',
  'display.lost': 'This display is no longer valid (the app restarted). Open it again from the counter.',
  'display.welcome': 'Welcome',
  'display.household': 'Household',
  'display.balance': 'Points available',
  'display.total': 'Total',
  'display.after': 'Balance after',
  'display.done': 'Redeemed',
  'display.thanks': 'Thank you, see you again',
  'display.noLines': 'One moment, the keeper is scanning the goods…',
  'display.short': 'Not enough points',
  'board.honours': 'Honour board',
  'board.stars': 'Star households',
  'board.deductions': 'Deductions',
  'board.notice': 'Public notice: {title}',
  'board.noticeUntil': 'Posted until {until}',
  'board.cont': '(continued)',
  'board.page': 'Page {page} / {pages}',
  'board.rows': '{n} in all, {from}–{to} on this page',
  'board.empty': 'Nothing for this period yet',
  'board.points': '{n} pts',
  'board.nameless': '(names not shown)',
  'webcam.scan': 'Scan with camera',
  'webcam.title': 'Scan a household card with the camera',
  'webcam.hint': 'Hold the card’s QR code up to the camera',
  'webcam.denied': 'Cannot open the camera: {detail}',
  'webcam.none': 'No camera found',
  'webcam.close': 'Close',
};

export type HardwareTranslate = (key: HardwareKey, params?: Record<string, string | number>) => string;

/** `t` for the hardware screens, following the app's language toggle. */
export function useHardwareT(): HardwareTranslate {
  const { lang } = useI18n();
  return useCallback(
    (key, params = {}) => {
      const tpl = (lang === 'en' ? hardwareEn : hardwareZh)[key];
      return tpl.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
    },
    [lang],
  );
}
