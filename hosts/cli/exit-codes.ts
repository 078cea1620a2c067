/**
 * The command line's exit codes, one table for every command (issue 15): what a script or
 * a township's scheduler can rely on. `--help` prints the same table.
 *
 *   0  done
 *   1  the file or the input has errors (rows named, a value out of range): nothing written;
 *      fix the file and run again
 *   2  could not run: a closed day, the operator's role or PIN, the database locked or busy,
 *      a missing data folder, a wrong command line, a printer or disk that is not there
 */
import { existsSync, statSync } from 'node:fs';
import type { ErrorBody, ErrorCode } from '../../db/contract/index.js';
import { dataDirFrom } from './args.js';

export const EXIT = { DONE: 0, INPUT_ERRORS: 1, CANNOT_RUN: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = [
  '退出码 / exit codes（所有命令相同 / the same for every command）:',
  '  0  完成 / done',
  '  1  文件或输入有错（逐行列出），未写入任何数据 / the file or input has errors (listed by row); nothing written',
  '  2  无法运行：当天已日结、角色或 PIN 不对、数据库被占用、数据文件夹不存在、命令行写错、打印机或磁盘不可用',
  '     could not run: closed day, role or PIN, database locked or busy, missing data folder, wrong command line, printer or disk unavailable',
].join('\n');

/**
 * Refusals that say nothing about the file or input: the same command with the same file
 * would succeed once the day is reopened, the right operator runs it, the lock is gone.
 */
const CANNOT_RUN: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NOT_LOGGED_IN',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'NOT_INITIALIZED',
  'PIN_FORMAT',
  'PIN_WRONG',
  'PIN_LOCKED',
  'OPERATOR_NOT_FOUND',
  'OPERATOR_INACTIVE',
  'DAY_CLOSED',
  'DAY_ALREADY_CLOSED',
  'CATCH_UP_STOPPED',
  'EXPORT_BUSY',
  'EXPORT_FAILED',
  'INTEGRITY',
  'BOOKS_ALARM',
  'BACKUP_NOT_CONFIGURED',
  'BACKUP_FOLDER_INVALID',
  'BACKUP_RUNNING',
  'BACKUP_FILE_EXISTS',
  'RESTORE_RUNNING',
  'RESTORE_NEEDS_ADMIN',
  'HUB_NOT_REGISTERED',
  'PRINTER_NOT_CONFIGURED',
  'PRINTER_REFUSED',
  'PRINTER_CONNECT_TIMEOUT',
  'PRINTER_WRITE_TIMEOUT',
  'PRINTER_DISCONNECTED',
  'PRINTER_HOST_NOT_FOUND',
  'PRINTER_DEVICE_NOT_FOUND',
  'PRINTER_DEVICE_DENIED',
  'PRINTER_SPOOLER_FAILED',
  'PRINTER_SYSTEM_UNAVAILABLE',
  'PRINTER_FAILED',
  'DISK_FULL',
  'DATABASE_BUSY',
  'INTERNAL',
]);

/** The exit code for a refusal from the core. */
export function exitFor(error: ErrorBody | ErrorCode): ExitCode {
  const code = typeof error === 'string' ? error : error.code;
  return CANNOT_RUN.has(code) ? EXIT.CANNOT_RUN : EXIT.INPUT_ERRORS;
}

/** Prints a refusal (its Chinese message) and returns its exit code. */
export function refused(error: ErrorBody): ExitCode {
  console.error(error.message);
  return exitFor(error);
}

/** A command that cannot run, thrown from deep inside; main() prints it and exits with its code. */
export class CliStop extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliStop';
  }
}

/**
 * The data folder of a command that works on an existing store: it must exist (a typo in
 * --data would otherwise create an empty store and report "nothing to do").
 */
export function existingDataDir(v: string | boolean | (string | boolean)[] | undefined): string {
  const dir = dataDirFrom(v);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CliStop(`数据文件夹不存在 / data folder not found: ${dir}（先运行 init --data DIR / run init first）`, EXIT.CANNOT_RUN);
  }
  return dir;
}

/**
 * Runs one command and turns what escapes it into the table's codes: a CliStop carries
 * its own; anything else (a malformed option, an unexpected failure) means the command
 * could not run.
 */
export async function runCommand(run: (argv: string[]) => Promise<number>, argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return e instanceof CliStop ? e.exitCode : EXIT.CANNOT_RUN;
  }
}
