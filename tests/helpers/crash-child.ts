/**
 * The crash test's worker: opens the store on a data folder and redeems goods in a
 * tight loop, printing "ACK <receipt no>" only after each redemption has committed.
 * The parent kills it with SIGKILL at random moments. Run with `node --import tsx`.
 *   crash-child.ts <dataDir> <round>
 */
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { DEMO_OPERATORS } from '../../db/demo/village.js';

const [dataDir, round] = process.argv.slice(2) as [string, string];
const core = new Core({ dataDir, secret: Buffer.alloc(32, 7) });
const keeper = DEMO_OPERATORS.find((o) => o.role === 'keeper')!;
const ops = dispatch(core, null, 'session.operators', {}) as { ok: true; value: { id: number; name: string }[] };
const login = dispatch(core, null, 'session.login', { operatorId: ops.value.find((o) => o.name === keeper.name)!.id, pin: keeper.pin }) as {
  ok: true;
  value: { token: string };
};
const token = login.value.token;
const households = core.db.prepare('SELECT household_id FROM accounts WHERE passbook_id = 1 ORDER BY balance DESC LIMIT 40').pluck().all() as number[];
const goods = core.db.prepare('SELECT id FROM goods WHERE active = 1 AND points_price <= 30 ORDER BY id').pluck().all() as number[];
process.stdout.write('READY\n');

for (let i = 0; ; i++) {
  const g = goods[i % goods.length]!;
  const r = dispatch(core, token, 'redemption.create', {
    requestId: `crash-${round}-${i}`,
    householdId: households[i % households.length]!,
    passbookId: 1,
    lines: [{ goodsId: g, quantity: 1 + (i % 2) }],
  });
  // Written synchronously (stdout to a pipe is synchronous on Linux): once the parent
  // reads this line, the redemption had committed before.
  if (r.ok) process.stdout.write(`ACK ${(r.value as { receiptNo: string }).receiptNo}\n`);
  else if (r.error.code === 'INTERNAL') process.stdout.write(`ERR ${r.error.code}\n`);
}
