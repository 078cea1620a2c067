import { useTrustT, type TrustKey } from '../../i18n/trust.js';

/** Tab labels for the settings page, in the chosen language. */
function label(key: TrustKey) {
  const Label = () => <>{useTrustT()(key)}</>;
  Label.displayName = key;
  return Label;
}

export const TrustTabLabel = {
  general: label('admin.tab.general'),
  operators: label('admin.tab.operators'),
  backup: label('admin.tab.backup'),
  integrity: label('admin.tab.integrity'),
  audit: label('admin.tab.audit'),
};
