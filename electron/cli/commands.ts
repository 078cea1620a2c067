import type { Command } from './args.js';
import { initCommand } from './init.js';
import { printTestCommand } from './print-test.js';
import { serveCommand } from './serve.js';

/** Every CLI command; `--help` lists them in this order. */
export const commands: Command[] = [initCommand, serveCommand, printTestCommand];
