import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import type { ErrorBody, GoodsItem, HouseholdSummary, OpInput, OpName, OpResult } from '../../db/contract/index.js';
import type { Clock } from '../../db/domain/clock.js';
import { DEMO_OPERATORS } from '../../db/demo/village.js';
import { initDemoIfEmpty } from '../../db/setup.js';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(public t: Date = new Date('2026-11-29T02:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export function tempDir(prefix = 'vps-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh core on a real temporary database file. */
export function freshCore(opts: { demo?: boolean; households?: number; clock?: TestClock } = {}) {
  const { dir, cleanup } = tempDir();
  const clock = opts.clock ?? new TestClock();
  const core = new Core({ dataDir: dir, clock, secret: Buffer.alloc(32, 7) });
  if (opts.demo) initDemoIfEmpty(core, { households: opts.households ?? 40 });
  return {
    core,
    clock,
    dir,
    close() {
      core.close();
      cleanup();
    },
  };
}

export type Caller = <K extends OpName>(op: K, input: OpInput<K>) => OpResult<K>;

/** Calls through dispatch() exactly as a host would; throws on a refusal. */
export function callerFor(core: Core, token: string | null): Caller & { raw: (op: string, input: unknown) => ReturnType<typeof dispatch> } {
  const call = (<K extends OpName>(op: K, input: OpInput<K>): OpResult<K> => {
    const r = dispatch(core, token, op, input);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { body: r.error });
    return r.value as OpResult<K>;
  }) as Caller & { raw: (op: string, input: unknown) => ReturnType<typeof dispatch> };
  call.raw = (op, input) => dispatch(core, token, op, input);
  return call;
}

/** Logs in a demo operator by role. */
export function login(core: Core, role: 'keeper' | 'accountant' | 'admin') {
  const spec = DEMO_OPERATORS.find((o) => o.role === role)!;
  const ops = dispatch(core, null, 'session.operators', {});
  if (!ops.ok) throw new Error('no operators');
  const op = (ops.value as { id: number; name: string }[]).find((o) => o.name === spec.name)!;
  const r = dispatch(core, null, 'session.login', { operatorId: op.id, pin: spec.pin });
  if (!r.ok) throw new Error(r.error.message);
  const s = r.value as { token: string; operator: { id: number } };
  return { token: s.token, operatorId: s.operator.id, call: callerFor(core, s.token) };
}

export function errorOf(r: ReturnType<typeof dispatch>): ErrorBody {
  if (r.ok) throw new Error('expected a refusal, got ok');
  return r.error;
}

/**
 * The keeper sells household 01-001 one of the cheapest goods in stock, through the
 * counter's own operations; for tests about what follows a sale (printing, receipts).
 */
export function sellCheapest(core: Core, requestId: string) {
  const keeper = login(core, 'keeper');
  const goods = keeper
    .call('goods.catalog', {})
    .goods.filter((g: GoodsItem) => g.stock > 2)
    .sort((a, b) => a.pointsPrice - b.pointsPrice);
  const found = keeper.call('counter.lookup', { query: '01-001' });
  const h: HouseholdSummary | null = found.kind === 'household' ? found.household : found.kind === 'matches' ? found.matches[0]! : null;
  if (!h) throw new Error('no household');
  const r = keeper.call('redemption.create', { requestId, householdId: h.id, passbookId: 1, lines: [{ goodsId: goods[0]!.id, quantity: 1 }] });
  return { keeper, r };
}
