import { startAutoBackups } from '../backup/service.js';
import type { TrustContext } from '../../books/context.js';
import { startBackgroundVerify, type BackgroundVerify } from './background-verify.js';
import { runStartupCheck } from './run.js';

/**
 * What every host does right after opening the core (and after loading demo data): the
 * start-up integrity check (synchronous, rows since the signed checkpoint), then the full
 * verify on a worker thread (every row; the counter is usable meanwhile), and the daily
 * automatic backup. Returns a function that stops the background work before the core
 * is closed; `background` is there for tests and the bench to wait on.
 */
export function onCoreOpened(ctx: TrustContext): (() => void) & { background: BackgroundVerify } {
  runStartupCheck(ctx);
  const background = startBackgroundVerify(ctx);
  const stopBackups = startAutoBackups(ctx);
  return Object.assign(
    () => {
      background.stop();
      stopBackups();
    },
    { background },
  );
}
