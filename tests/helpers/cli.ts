/**
 * CLI tests run the real commands in-process (`runCommand`) on a real data folder: a demo
 * village written to disk, and the console captured so a test reads what the command
 * printed. Open one in beforeEach, close it in afterEach.
 */
import { join } from 'node:path';
import { vi } from 'vitest';
import { Core } from '../../db/core.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { tempDir } from './core.js';

export interface CliFolder {
  tmp: ReturnType<typeof tempDir>;
  /** The data folder (`--data`), inside tmp.dir, holding the demo village. */
  data: string;
  /** Every line the command printed (stdout and stderr), in order. */
  logs: string[];
}

export function openCliFolder(households: number): CliFolder {
  const tmp = tempDir();
  const data = join(tmp.dir, 'data');
  const seed = new Core({ dataDir: data });
  initDemoIfEmpty(seed, { households });
  seed.close();
  const logs: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
  return { tmp, data, logs };
}

/** Undoes openCliFolder: the PIN variables stubbed, the console, the files. */
export function closeCliFolder(f: CliFolder): void {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  f.tmp.cleanup();
}
