/**
 * Issue 12, item 4: at most 5 wrong PINs are ever checked per operator, however many
 * processes and connections try at once (the attempt is counted before the slow scrypt
 * check, in an IMMEDIATE transaction); approvals (a void's administrator PIN) have a
 * per-session limit of their own and never lock the approver's login; a locked
 * operator's login tile says so, and an administrator can unlock.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATORS } from '../../db/demo/village.js';
import { dispatch } from '../../db/dispatch.js';
import { MAX_APPROVAL_FAILURES, MAX_PIN_FAILURES } from '../../db/books/operators.js';
import { bundleForNode } from '../helpers/bundle.js';
import { errorOf, freshCore, login, sellCheapest } from '../helpers/core.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
let child: ReturnType<typeof bundleForNode>;
beforeAll(() => {
  child = bundleForNode(join(ROOT, 'tests', 'helpers', 'wrong-pin-child.ts'));
});
afterAll(() => child.cleanup());

type Env = ReturnType<typeof freshCore>;
const idOf = (env: Env, role: 'keeper' | 'accountant' | 'admin') =>
  env.core.db
    .prepare('SELECT id FROM operators WHERE name = ?')
    .pluck()
    .get(DEMO_OPERATORS.find((o) => o.role === role)!.name) as number;
/** Wrong PINs that really went through scrypt: each one writes exactly one login.failed row after its check. */
const checkedWrong = (env: Env, operatorId: number) =>
  env.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'login.failed' AND target = ?").pluck().get(`operator:${operatorId}`) as number;

function runClient(dir: string, operatorId: number, tries: number, startAt: number): Promise<string[]> {
  return new Promise((done, fail) => {
    const c = spawn(process.execPath, [child.file, dir, String(operatorId), String(tries), String(startAt)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    c.stdout.setEncoding('utf8');
    c.stdout.on('data', (d: string) => (out += d));
    c.on('error', fail);
    c.on('exit', () => {
      try {
        done(JSON.parse(out.trim()) as string[]);
      } catch {
        fail(new Error(`client said: ${out}`));
      }
    });
  });
}

describe('login lockout across processes', () => {
  it('8 processes × 3 wrong PINs at once: at most 5 are checked, then the operator is locked', async () => {
    const env = freshCore({ demo: true, households: 5 });
    const keeperId = idOf(env, 'keeper');
    // Children bundle-start in well under a second; 4 s of head room on a loaded machine.
    const startAt = Date.now() + 4000;
    try {
      const results = await Promise.all(Array.from({ length: 8 }, () => runClient(env.dir, keeperId, 3, startAt)));
      const codes = results.flat();
      const checked = checkedWrong(env, keeperId);
      console.log(`[pin-lockout] 8 processes x 3 wrong PINs: ${checked} wrong PINs checked; answers ${JSON.stringify(countBy(codes))}`);
      expect(codes).toHaveLength(24);
      expect(
        codes.every((c) => c === 'PIN_WRONG' || c === 'PIN_LOCKED' || c === 'DATABASE_BUSY'),
        JSON.stringify(codes),
      ).toBe(true);
      expect(checked).toBeLessThanOrEqual(MAX_PIN_FAILURES);
      expect(codes.filter((c) => c === 'PIN_WRONG').length).toBeLessThan(MAX_PIN_FAILURES);
      // Locked now: even the right PIN is refused without a check, and the tile says so.
      const right = DEMO_OPERATORS.find((o) => o.role === 'keeper')!.pin;
      expect(errorOf(dispatch(env.core, null, 'session.login', { operatorId: keeperId, pin: right })).code).toBe('PIN_LOCKED');
      expect(checkedWrong(env, keeperId)).toBe(checked);
      const tiles = dispatch(env.core, null, 'session.operators', {});
      if (!tiles.ok) throw new Error(tiles.error.message);
      const tile = (tiles.value as { id: number; lockedUntilTime: string | null }[]).find((t) => t.id === keeperId)!;
      expect(tile.lockedUntilTime).toMatch(/^\d{2}:\d{2}$/);
      // An administrator unlocks; the right PIN works again.
      const admin = login(env.core, 'admin');
      expect(admin.call('operators.unlock', { operatorId: keeperId }).lockedUntil).toBeNull();
      expect(dispatch(env.core, null, 'session.login', { operatorId: keeperId, pin: right }).ok).toBe(true);
      expect(env.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'operator.unlock'").pluck().get()).toBe(1);
    } finally {
      env.close();
    }
  }, 60_000);

  it('two connections in one process share the count; the lock runs out after 15 minutes', () => {
    const env = freshCore({ demo: true, households: 5 });
    const second = new (env.core.constructor as typeof import('../../db/core.js').Core)({ dataDir: env.dir, secret: Buffer.alloc(32, 7), clock: env.clock });
    const id = idOf(env, 'accountant');
    try {
      const seen: string[] = [];
      for (let i = 0; i < 4; i++) {
        const core = i % 2 === 0 ? env.core : second;
        seen.push(errorOf(dispatch(core, null, 'session.login', { operatorId: id, pin: '0000' })).code);
      }
      expect(seen).toEqual(['PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG']);
      expect(errorOf(dispatch(second, null, 'session.login', { operatorId: id, pin: '0000' })).code).toBe('PIN_LOCKED');
      expect(errorOf(dispatch(env.core, null, 'session.login', { operatorId: id, pin: '0000' })).code).toBe('PIN_LOCKED');
      expect(checkedWrong(env, id)).toBe(5);
      env.clock.advance(15 * 60_000 + 1000);
      expect(errorOf(dispatch(env.core, null, 'session.login', { operatorId: id, pin: '0000' })).message).toContain('还可尝试 4 次');
      expect(dispatch(second, null, 'session.login', { operatorId: id, pin: '5678' }).ok).toBe(true);
    } finally {
      second.close();
      env.close();
    }
  });
});

describe('approvals have their own limit', () => {
  it('a keeper voiding with wrong administrator PINs never locks the administrator; the audit names the keeper as actor', () => {
    const env = freshCore({ demo: true, households: 5 });
    const adminId = idOf(env, 'admin');
    try {
      const { keeper, r } = sellCheapest(env.core, 'approval-lock-0001');
      const voidWith = (pin: string, n: number) =>
        keeper.call.raw('redemption.void', { requestId: `approval-void-${n}`, redemptionId: r.id, reason: '顾客退回', approverId: adminId, approverPin: pin });
      const codes: string[] = [];
      for (let i = 0; i < MAX_APPROVAL_FAILURES + 1; i++) codes.push(errorOf(voidWith('0000', i)).code);
      expect(codes.slice(0, MAX_APPROVAL_FAILURES - 1).every((c) => c === 'PIN_WRONG')).toBe(true);
      // The fifth wrong PIN ends the keeper's session; the keeper must log in again.
      expect(codes[MAX_APPROVAL_FAILURES - 1]).toBe('APPROVAL_LIMIT');
      expect(codes[MAX_APPROVAL_FAILURES]).toBe('NOT_LOGGED_IN');
      // The administrator is not locked and logs in at once.
      const row = env.core.db.prepare('SELECT failed_attempts, locked_until FROM operators WHERE id = ?').get(adminId) as {
        failed_attempts: number;
        locked_until: string | null;
      };
      expect(row).toEqual({ failed_attempts: 0, locked_until: null });
      expect(dispatch(env.core, null, 'session.login', { operatorId: adminId, pin: '9999' }).ok).toBe(true);
      // The audit: actor = the keeper, approver = the administrator.
      const rows = env.core.db.prepare("SELECT operator_id, action, target, detail FROM audit_log WHERE action LIKE 'approve.%' ORDER BY id").all() as {
        operator_id: number;
        action: string;
        target: string;
        detail: string;
      }[];
      expect(rows.map((x) => x.action)).toEqual([...Array(MAX_APPROVAL_FAILURES).fill('approve.failed'), 'approve.limit']);
      for (const x of rows) {
        expect(x.operator_id).toBe(keeper.operatorId);
        expect(x.target).toBe(`operator:${adminId}`);
        expect(JSON.parse(x.detail)).toMatchObject({ approver: adminId, purpose: 'redemption.void' });
      }
      // Logged in again, the keeper voids with the right PIN: approved, audited the same way.
      const again = login(env.core, 'keeper');
      const ok = again.call.raw('redemption.void', {
        requestId: 'approval-void-ok',
        redemptionId: r.id,
        reason: '顾客退回',
        approverId: adminId,
        approverPin: '9999',
      });
      expect(ok.ok).toBe(true);
      const last = env.core.db.prepare("SELECT operator_id, target FROM audit_log WHERE action = 'approve.ok'").get() as {
        operator_id: number;
        target: string;
      };
      expect(last).toEqual({ operator_id: again.operatorId, target: `operator:${adminId}` });
    } finally {
      env.close();
    }
  });
});

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
