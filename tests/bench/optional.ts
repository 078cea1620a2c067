/**
 * Features other issues are building (day close, exports, the start-up integrity
 * check) are loaded by path when they exist, so the benchmark runs — and says what it
 * measured instead — on a tree where one of them has not landed yet.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export async function optionalModule<T extends object>(rel: string, needs: readonly (keyof T & string)[]): Promise<T | null> {
  const file = join(ROOT, rel);
  if (!existsSync(file)) return null;
  const m = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return needs.every((n) => typeof m[n] === 'function') ? (m as T) : null;
}
