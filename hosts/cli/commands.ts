import type { Command } from './args.js';
import { backupCommand } from './backup.js';
import { dayCloseCommand } from './day-close.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { printTestCommand } from './print-test.js';
import { restoreCommand } from './restore.js';
import { serveCommand } from './serve.js';
import { statsCommand } from './stats.js';
import { templateCommand } from './template.js';
import { verifyCommand } from './verify.js';
import { hubExportCommand } from './hub-export.js';
import { hubRegisterCommand } from './hub-register.js';

/** Every CLI command; `--help` lists them in this order. */
export const commands: Command[] = [
  initCommand,
  serveCommand,
  printTestCommand,
  verifyCommand,
  backupCommand,
  restoreCommand,
  importCommand,
  templateCommand,
  dayCloseCommand,
  exportCommand,
  statsCommand,
  hubRegisterCommand,
  hubExportCommand,
];
