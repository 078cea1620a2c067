/** The CLI's help texts, with the one exit-code table at the end of each (issue 15). */
import type { Command } from './args.js';
import { EXIT_CODES_HELP } from './exit-codes.js';

export function commandHelp(cmd: Command): string {
  return `${cmd.usage}\n\n${cmd.summary}${cmd.help ? `\n\n${cmd.help}` : ''}\n\n${EXIT_CODES_HELP}`;
}

export function overviewHelp(commands: readonly Command[]): string {
  const lines = ['积分超市 命令行 / Village points store CLI\n', 'Usage: npm run cli -- <command> [options]\n'];
  for (const c of commands) lines.push(`  ${c.usage}\n      ${c.summary}\n`);
  lines.push(EXIT_CODES_HELP);
  return lines.join('\n');
}
