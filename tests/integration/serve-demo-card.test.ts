/**
 * The demo guide's card code: card codes are signed with each installation's own key, so
 * the README cannot print one; `serve --demo` prints the code of 01-001's card at start-up
 * instead. Run as a user would (the real CLI in a child process), the printed code opens
 * 01-001 at the counter over the host's API, and the same code with one character changed
 * is refused as forged.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { LookupResult, Result } from '../../db/contract/index.js';
import { DEMO_OPERATORS } from '../../db/demo/village.js';
import { tempDir } from '../helpers/core.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dir = tempDir('vps-serve-demo-');
afterAll(() => dir.cleanup());

it('serve --demo prints a card code that opens 01-001', { timeout: 180_000 }, async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(ROOT, 'hosts/cli/main.ts'), 'serve', '--data', dir.dir, '--demo', '--port', '0', '--no-open'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    // The start-up lines; the machine is shared, so loading the demo village may take a while.
    const { url, card } = await new Promise<{ url: string; card: string }>((done, fail) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString('utf8');
        // The card is printed with the demo accounts, before the address.
        const url = /^(http:\/\/127\.0\.0\.1:\d+)\/?$/m.exec(out)?.[1];
        if (!url) return;
        const card = /^演示户卡 \/ demo card 01-001: (\S+)$/m.exec(out)?.[1];
        if (card) done({ url, card });
        else fail(new Error(`no demo card before the address: ${out}`));
      });
      child.once('exit', (code) => fail(new Error(`serve exited (${code}) before printing its address and card: ${out}`)));
    });
    const api = async <T>(op: string, input: unknown, token: string | null = null): Promise<Result<T>> => {
      const res = await fetch(`${url}/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { 'x-session': token } : {}) },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Result<T>;
    };
    const keeper = DEMO_OPERATORS.find((o) => o.role === 'keeper')!;
    const ops = await api<{ id: number; name: string }[]>('session.operators', {});
    if (!ops.ok) throw new Error(ops.error.message);
    const login = await api<{ token: string }>('session.login', { operatorId: ops.value.find((o) => o.name === keeper.name)!.id, pin: keeper.pin });
    if (!login.ok) throw new Error(login.error.message);

    const found = await api<LookupResult>('counter.lookup', { query: card }, login.value.token);
    expect(found.ok && found.value.kind === 'household' && found.value.via === 'qr' && found.value.household.number).toBe('01-001');
    const last = card.at(-1) === 'A' ? 'B' : 'A';
    const forged = await api<LookupResult>('counter.lookup', { query: card.slice(0, -1) + last }, login.value.token);
    expect(!forged.ok && forged.error.code).toBe('QR_FORGED');
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});
