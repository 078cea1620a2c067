import { appendFileSync, chmodSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The desktop's own log of what happened to the app itself (a page that crashed or hung
 * and was reloaded, an administrator's exit from kiosk mode): one JSON line per event in
 * <data>/logs/desktop.log, kept under MAX_BYTES by moving the full file to desktop.log.1.
 * The store's books have their own audit log; this one is for whoever maintains the PC.
 */
export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'desktop.log';
export const MAX_BYTES = 1024 * 1024;

export interface DesktopEvent {
  event: string;
  [detail: string]: string | number | boolean | null;
}

export function logDesktopEvent(dataDir: string, e: DesktopEvent, at: Date = new Date()): void {
  const dir = join(dataDir, LOG_FOLDER);
  const file = join(dir, LOG_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    size = 0;
  }
  if (size >= MAX_BYTES) renameSync(file, file + '.1');
  appendFileSync(file, JSON.stringify({ at: at.toISOString(), ...e }) + '\n', { mode: 0o600 });
  if (process.platform !== 'win32') chmodSync(file, 0o600);
}
