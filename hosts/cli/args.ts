import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveDataDir } from '../shared/paths.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing: an unknown or malformed option is an error, not a guess. */
export function parse<O extends Options>(argv: string[], options: O) {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

/** `--data DIR`, else the folder every host shares (hosts/shared/paths.ts). */
export function dataDirFrom(v: string | boolean | (string | boolean)[] | undefined): string {
  return resolveDataDir(typeof v === 'string' ? v : null).dir;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Longer help for `<command> --help`. */
  help?: string;
  run(argv: string[]): Promise<number>;
}
