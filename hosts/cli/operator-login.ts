/**
 * How the accountant's CLI commands authenticate: a named operator and their PIN, the
 * same as at the screen, so every day close and export names a real person in the
 * audit log and the core checks the role exactly as it does for the UI (the command
 * calls the contract through dispatch with a session of its own).
 *
 * The PIN comes from an environment variable (default STORE_PIN, or --pin-env NAME, for
 * a township's scheduler) or, in a terminal, from a prompt with the echo muted. It is
 * never a command-line argument, which other users could read from the process list.
 * Wrong PINs count toward the same lockout as at the screen.
 */
import { createInterface } from 'node:readline';
import { formatMessage } from '../../db/contract/errors.js';
import type { OperatorView, SessionView } from '../../db/contract/index.js';
import type { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';

export const DEFAULT_PIN_ENV = 'STORE_PIN';

async function promptPin(name: string): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput?: (s: string) => void };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted) process.stdout.write(s);
  };
  const answer = new Promise<string>((res) => rl.question(`${name} 的 PIN / PIN for ${name}: `, res));
  muted = true;
  const pin = await answer;
  rl.close();
  process.stdout.write('\n');
  return pin.trim();
}

export interface CliLogin {
  token: string;
  operator: OperatorView;
  pin: string;
  logout(): void;
}

/** Logs the named operator in, or prints why not and returns null. */
export async function cliLogin(core: Core, operatorName: string | undefined, pinEnv: string | undefined): Promise<CliLogin | null> {
  if (!operatorName) {
    console.error('请用 --operator 指明操作员（姓名）；PIN 从环境变量 STORE_PIN（或 --pin-env 指定的变量）读取，或在终端输入');
    console.error('name the operator with --operator NAME; the PIN comes from STORE_PIN (or the variable named by --pin-env) or the terminal');
    return null;
  }
  const ops = dispatch(core, null, 'session.operators', {});
  const matches = ops.ok ? (ops.value as OperatorView[]).filter((o) => o.name === operatorName) : [];
  if (matches.length !== 1) {
    console.error(
      matches.length === 0
        ? `${formatMessage('OPERATOR_NOT_FOUND', 'zh')}: ${operatorName}`
        : `有多位操作员叫“${operatorName}” / several operators have this name`,
    );
    return null;
  }
  const op = matches[0]!;
  const envName = pinEnv ?? DEFAULT_PIN_ENV;
  const pin = process.env[envName] || (await promptPin(op.name));
  if (!pin) {
    console.error(`需要 PIN：设置环境变量 ${envName} 或在终端中运行 / a PIN is needed: set ${envName} or run in a terminal`);
    return null;
  }
  const login = dispatch(core, null, 'session.login', { operatorId: op.id, pin });
  if (!login.ok) {
    console.error(login.error.message);
    return null;
  }
  const token = (login.value as SessionView).token;
  return { token, operator: op, pin, logout: () => void dispatch(core, token, 'session.logout', {}) };
}
