import { startAutoBackups } from '../backup/service.js';
import type { Core } from '../../core.js';
import { runStartupCheck } from './run.js';

/**
 * What every host does right after opening the core (and after loading demo data): the
 * start-up integrity check (its result feeds the UI's banner) and the daily automatic
 * backup. Returns a function that stops the background work before the core is closed.
 */
export function onCoreOpened(core: Core): () => void {
  runStartupCheck(core);
  return startAutoBackups(core);
}
