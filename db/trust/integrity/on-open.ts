import { startAutoBackups } from '../backup/service.js';
import type { Core } from '../../core.js';
import { startBackgroundVerify, type BackgroundVerify } from './background-verify.js';
import { runStartupCheck } from './run.js';

/**
 * What every host does right after opening the core (and after loading demo data): the
 * start-up integrity check (synchronous, rows since the signed checkpoint), then the full
 * verify on a worker thread (every row; the counter is usable meanwhile), and the daily
 * automatic backup. Returns a function that stops the background work before the core
 * is closed; `background` is there for tests and the bench to wait on.
 */
export function onCoreOpened(core: Core): (() => void) & { background: BackgroundVerify } {
  runStartupCheck(core);
  const background = startBackgroundVerify(core);
  const stopBackups = startAutoBackups(core);
  return Object.assign(
    () => {
      background.stop();
      stopBackups();
    },
    { background },
  );
}
