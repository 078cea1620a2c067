/** `t` for the hardware screens, following the app's language toggle. */
import { useCallback } from 'react';
import { hardwareEn, hardwareZh, type HardwareTranslate } from './hardware-messages.js';
import { useI18n } from './index.js';

export { hardwareEn, hardwareZh };
export type { HardwareTranslate } from './hardware-messages.js';

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
