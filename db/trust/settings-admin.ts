import type { Settings } from '../contract/views.js';
import type { TrustContext } from '../books/context.js';
import { audit } from '../books/audit.js';
import { setSetting } from '../books/settings.js';

/** What the administrator may change on the general settings screen. */
export type GeneralSettings = Pick<Settings, 'villageName' | 'storeName' | 'receiptFooter' | 'idleLockSeconds' | 'pointValueFen' | 'exportsKeepDays'>;

/**
 * Saves the general settings in one transaction and audits what changed (before and
 * after, so the log shows e.g. who changed the point value from 100 to 80 fen).
 */
export function updateGeneralSettings(ctx: TrustContext, operatorId: number, next: GeneralSettings): Settings {
  const before = ctx.settings();
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(next) as (keyof GeneralSettings)[]) {
    if (before[k] !== next[k]) changed[k] = { from: before[k], to: next[k] };
  }
  if (Object.keys(changed).length === 0) return before;
  ctx.db.transaction(() => {
    for (const k of Object.keys(changed) as (keyof GeneralSettings)[]) setSetting(ctx.db, `store.${k}`, next[k]);
    audit(ctx.db, ctx.stamp().createdAt, operatorId, 'settings.update', null, changed);
  })();
  ctx.settingsChanged();
  return ctx.settings();
}
