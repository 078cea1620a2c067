import { Result } from 'antd';
import { useI18n } from '../i18n/index.js';
import type { PageProps } from './PageProps.js';

/** Stands in for pages that teammates are building (goods & stock, reviews, day close, settings). */
export function ComingSoonPage(_props: PageProps) {
  const { t } = useI18n();
  return <Result status="info" title={t('nav.comingSoon')} />;
}
