import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { defaultDataDir } from '../shared/paths.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing: an unknown or malformed option is an error, not a guess. */
export function parse<O extends Options>(argv: string[], options: O) {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

export function dataDirFrom(v: string | boolean | (string | boolean)[] | undefined): string {
  return typeof v === 'string' && v.length > 0 ? resolve(v) : defaultDataDir();
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Longer help for `<command> --help`. */
  help?: string;
  run(argv: string[]): Promise<number>;
}
