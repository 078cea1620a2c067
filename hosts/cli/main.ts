#!/usr/bin/env node
/**
 * The command line: the accountant's and administrator's jobs that should also run
 * unattended, and `serve`, the browser host that `npm start` falls back to.
 *   npm run cli -- <command> [options]
 */
import { commands } from './commands.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    console.error(`未知命令 / unknown command: ${name}\n`);
    printHelp();
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${cmd.usage}\n\n${cmd.summary}${cmd.help ? `\n\n${cmd.help}` : ''}`);
    return 0;
  }
  return cmd.run(rest);
}

function printHelp(): void {
  console.log('积分超市 命令行 / Village points store CLI\n');
  console.log('Usage: npm run cli -- <command> [options]\n');
  for (const c of commands) console.log(`  ${c.usage}\n      ${c.summary}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  },
);
