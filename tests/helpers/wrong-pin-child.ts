/**
 * The parallel lockout test's client: opens its own connection to the store, waits for a
 * common start instant, then tries to log in as one operator with wrong PINs and prints
 * the refusal codes it got as JSON.
 *   wrong-pin-child.ts <dataDir> <operatorId> <tries> <startAtMs>
 */
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';

const [dataDir, operatorId, tries, startAt] = process.argv.slice(2) as [string, string, string, string];
const core = new Core({ dataDir, secret: Buffer.alloc(32, 7) });
const codes: string[] = [];
while (Date.now() < Number(startAt)) {
  // Spin: all clients fire within a millisecond or so of each other.
}
for (let i = 0; i < Number(tries); i++) {
  // 0000 is never a demo PIN.
  const r = dispatch(core, null, 'session.login', { operatorId: Number(operatorId), pin: '0000' });
  codes.push(r.ok ? 'OK' : r.error.code);
}
process.stdout.write(JSON.stringify(codes) + '\n');
core.close();
