import { Button } from 'antd';
import { useI18n } from '../i18n/index.js';

/** 中文 / English: shows the language you would switch to, as phones do. */
export function LangToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <Button type="text" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
      {t('lang.toggle')}
    </Button>
  );
}
