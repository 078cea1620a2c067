/**
 * The township hub's tab under 设置 (registration, key fingerprint, reporting state):
 * its own dictionary like trust.ts. Chinese is the source; English has every key.
 */
import { useCallback } from 'react';
import { useI18n } from './index.js';

export const reportingZh = {
  'hub.tab': '乡镇汇总',
  'hub.intro': '本店每日结后生成一份签名日报，交乡镇汇总平台：用 U 盘（命令 hub-export）或在填写汇总地址后自动上传。先向乡镇登记一次。',
  'hub.villageCode': '村级区划代码（12 位）',
  'hub.villageCodeHelp': '国家统计用区划代码：省 2 位、市 2 位、县 2 位、乡镇 3 位、村 3 位',
  'hub.villageName': '村名',
  'hub.townshipName': '乡镇名',
  'hub.register': '登记并生成登记文件',
  'hub.registered': '已登记：{village}（{code}），{township}',
  'hub.fingerprint': '密钥指纹',
  'hub.fingerprintHelp': '请乡镇核对此指纹（可用手机拍下二维码），与导入的登记文件一致才可信任本店的日报。',
  'hub.download': '下载登记文件',
  'hub.address': '汇总平台地址（可不填，用 U 盘报送）',
  'hub.saveAddress': '保存地址',
  'hub.lastReported': '最后上报日',
  'hub.waiting': '待报送日报',
  'hub.none': '无',
  'hub.pushError': '上次上传失败：{error}',
  'hub.notRegistered': '尚未登记',
} as const;

export type ReportingKey = keyof typeof reportingZh;

export const reportingEn: Record<ReportingKey, string> = {
  'hub.tab': 'Township hub',
  'hub.intro':
    'After each day close the store makes a signed day report for the township hub: carried on a USB stick (command hub-export) or uploaded by itself once the hub address is set. Register with the township once first.',
  'hub.villageCode': 'Village division code (12 digits)',
  'hub.villageCodeHelp': 'Statistical division code: province 2, city 2, county 2, township 3, village 3 digits',
  'hub.villageName': 'Village',
  'hub.townshipName': 'Township',
  'hub.register': 'Register and make the registration file',
  'hub.registered': 'Registered: {village} ({code}), {township}',
  'hub.fingerprint': 'Key fingerprint',
  'hub.fingerprintHelp':
    'The township checks this fingerprint (a phone photo of the QR code) against the registration file before trusting this store’s reports.',
  'hub.download': 'Download the registration file',
  'hub.address': 'Hub address (optional; reports can go by USB stick)',
  'hub.saveAddress': 'Save address',
  'hub.lastReported': 'Last reported day',
  'hub.waiting': 'Reports waiting',
  'hub.none': 'none',
  'hub.pushError': 'Last upload failed: {error}',
  'hub.notRegistered': 'Not registered yet',
};

export function useReportingT(): (key: ReportingKey, params?: Record<string, string | number>) => string {
  const { lang } = useI18n();
  return useCallback(
    (key, params = {}) => {
      const tpl = (lang === 'en' ? reportingEn : reportingZh)[key];
      return tpl.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
    },
    [lang],
  );
}
