import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountingContext } from '../../books/context.js';

const DAY_MS = 86_400_000;
/** Exports made for the UI wait in `<data>/exports` until downloaded. */
export const EXPORTS_DIR = 'exports';

/**
 * Removes exported files older than the store's setting (设置 → 常规设置, 30 days by
 * default) from the data folder: exports hold names and balances, and nobody cleans a
 * counter PC's folders by hand. Runs when the host starts and after each export. Only
 * plain files directly in the exports folder are touched. Returns how many were removed.
 */
export function pruneOldExports(ctx: AccountingContext): number {
  const dir = join(ctx.dataDir, EXPORTS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // no exports yet
  }
  const cutoff = ctx.clock.now().getTime() - ctx.settings().exportsKeepDays * DAY_MS;
  let removed = 0;
  for (const name of names) {
    const file = join(dir, name);
    try {
      const st = statSync(file);
      if (st.isFile() && st.mtimeMs < cutoff) {
        rmSync(file, { force: true });
        removed++;
      }
    } catch {
      // Gone meanwhile, or unreadable: left for the next pass.
    }
  }
  return removed;
}
