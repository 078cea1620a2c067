/**
 * The concurrency test's worker: logs in, waits for a common start instant, then sends
 * one redemption with the request id it was given and prints the result as JSON.
 *   same-request-child.ts <dataDir> <requestId> <householdId> <goodsId> <startAtMs>
 */
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { DEMO_OPERATORS } from '../../db/demo/village.js';

const [dataDir, requestId, householdId, goodsId, startAt] = process.argv.slice(2) as [string, string, string, string, string];
const core = new Core({ dataDir, secret: Buffer.alloc(32, 7) });
const keeper = DEMO_OPERATORS.find((o) => o.role === 'keeper')!;
const ops = dispatch(core, null, 'session.operators', {}) as { ok: true; value: { id: number; name: string }[] };
const s = dispatch(core, null, 'session.login', { operatorId: ops.value.find((o) => o.name === keeper.name)!.id, pin: keeper.pin }) as {
  ok: true;
  value: { token: string };
};
while (Date.now() < Number(startAt)) {
  // Spin: all workers fire within a millisecond or so of each other.
}
const r = dispatch(core, s.value.token, 'redemption.create', {
  requestId,
  householdId: Number(householdId),
  passbookId: 1,
  lines: [{ goodsId: Number(goodsId), quantity: 1 }],
});
process.stdout.write(JSON.stringify(r.ok ? { ok: true, receiptNo: (r.value as { receiptNo: string }).receiptNo } : { ok: false, code: r.error.code }) + '\n');
core.close();
