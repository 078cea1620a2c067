import { useCallback } from 'react';
import { useI18n, type MessageKey } from '../../i18n/index.js';

const KINDS = new Set([
  'opening',
  'award',
  'deduction',
  'redemption',
  'void',
  'clearing',
  'correction',
  'transfer',
  'purchase',
  'donation',
  'adjustment',
  'stocktake',
]);

/** The name of a ledger or stock kind in the chosen language; unknown kinds as they are. */
export function useKindName(): (kind: string) => string {
  const { t } = useI18n();
  return useCallback((kind: string) => (KINDS.has(kind) ? t(`kind.${kind}` as MessageKey) : kind), [t]);
}
