#!/usr/bin/env node
/**
 * The command line: the accountant's and administrator's jobs that should also run
 * unattended, and `serve`, the browser host that `npm start` falls back to.
 *   npm run cli -- <command> [options]
 */
import { commands } from './commands.js';
import { EXIT, runCommand } from './exit-codes.js';
import { commandHelp, overviewHelp } from './help.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return EXIT.DONE;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    console.error(`未知命令 / unknown command: ${name}\n`);
    printHelp();
    return EXIT.CANNOT_RUN;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(cmd));
    return EXIT.DONE;
  }
  return runCommand(cmd.run.bind(cmd), rest);
}

function printHelp(): void {
  console.log(overviewHelp(commands));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = EXIT.CANNOT_RUN;
  },
);
