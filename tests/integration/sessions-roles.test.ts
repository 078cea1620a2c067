import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, OP_NAMES } from '../../db/contract/index.js';
import { dispatch } from '../../db/dispatch.js';
import { MAX_PIN_FAILURES } from '../../db/books/operators.js';
import { errorOf, freshCore, login } from '../helpers/core.js';

describe('sessions, PINs and roles', () => {
  let env: ReturnType<typeof freshCore>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 5 });
  });
  afterEach(() => env.close());

  it('first run: creates the first administrator once only', () => {
    const e2 = freshCore();
    try {
      expect(dispatch(e2.core, null, 'setup.status', {})).toMatchObject({ ok: true, value: { initialized: false } });
      expect(errorOf(dispatch(e2.core, null, 'setup.createAdmin', { name: '书记', pin: '12' })).code).toBe('BAD_INPUT');
      const r = dispatch(e2.core, null, 'setup.createAdmin', { name: '书记', pin: '2468', villageName: '油溪桥村' });
      expect(r.ok).toBe(true);
      expect(errorOf(dispatch(e2.core, null, 'setup.createAdmin', { name: '别人', pin: '1357' })).code).toBe('ALREADY_INITIALIZED');
      const token = (r as { ok: true; value: { token: string } }).value.token;
      expect(dispatch(e2.core, token, 'setup.loadDemo', {})).toMatchObject({ ok: true, value: { households: 300 } });
      expect(errorOf(dispatch(e2.core, token, 'setup.loadDemo', {})).code).toBe('DEMO_NOT_EMPTY');
      expect(dispatch(e2.core, null, 'setup.status', {})).toMatchObject({ ok: true, value: { initialized: true, households: 300 } });
    } finally {
      e2.close();
    }
  });

  it('every non-public operation needs a session', () => {
    for (const op of OP_NAMES) {
      if (contract[op].access === 'public') continue;
      expect(errorOf(dispatch(env.core, null, op, {})).code, op).toBe('NOT_LOGGED_IN');
      expect(errorOf(dispatch(env.core, 'forged-token', op, {})).code, op).toBe('NOT_LOGGED_IN');
    }
  });

  it('every operation is refused to every role that may not call it', () => {
    const sessions = { keeper: login(env.core, 'keeper'), accountant: login(env.core, 'accountant'), admin: login(env.core, 'admin') };
    for (const op of OP_NAMES) {
      const access = contract[op].access;
      // Logging out would end the session the rest of the loop uses; tested on its own below.
      if (access === 'public' || op === 'session.logout') continue;
      for (const role of ['keeper', 'accountant', 'admin'] as const) {
        const r = dispatch(env.core, sessions[role].token, op, {});
        if (access.includes(role)) expect(r.ok || r.error.code !== 'FORBIDDEN', `${op} as ${role}`).toBe(true);
        else expect(errorOf(r).code, `${op} as ${role}`).toBe('FORBIDDEN');
      }
    }
  });

  it('locks an operator after repeated wrong PINs, and audits every attempt', () => {
    const ops = dispatch(env.core, null, 'session.operators', {});
    const keeper = (ops as { ok: true; value: { id: number; role: string }[] }).value.find((o) => o.role === 'keeper')!;
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      expect(errorOf(dispatch(env.core, null, 'session.login', { operatorId: keeper.id, pin: '0000' }))).toMatchObject({
        code: 'PIN_WRONG',
        params: { left: MAX_PIN_FAILURES - i },
      });
    }
    expect(errorOf(dispatch(env.core, null, 'session.login', { operatorId: keeper.id, pin: '0000' })).code).toBe('PIN_LOCKED');
    // Even the right PIN is refused while locked.
    expect(errorOf(dispatch(env.core, null, 'session.login', { operatorId: keeper.id, pin: '1234' })).code).toBe('PIN_LOCKED');
    env.clock.advance(16 * 60_000);
    expect(dispatch(env.core, null, 'session.login', { operatorId: keeper.id, pin: '1234' }).ok).toBe(true);
    const actions = env.core.db.prepare('SELECT action FROM audit_log WHERE target = ? ORDER BY id').pluck().all(`operator:${keeper.id}`);
    expect(actions.filter((a) => a === 'login.failed')).toHaveLength(MAX_PIN_FAILURES);
    expect(actions).toContain('login.locked');
    expect(actions[actions.length - 1]).toBe('login.ok');
    // No PIN ever reaches the audit log.
    expect(JSON.stringify(env.core.db.prepare('SELECT * FROM audit_log').all())).not.toMatch(/"pin"|1234|0000/);
  });

  it('a session expires after long inactivity; screens polling by themselves do not keep it alive', () => {
    const k = login(env.core, 'keeper');
    env.clock.advance(5 * 3600_000);
    expect(dispatch(env.core, k.token, 'goods.catalog', {}).ok).toBe(true); // activity
    env.clock.advance(5 * 3600_000);
    expect(dispatch(env.core, k.token, 'printer.status', {}).ok).toBe(true); // polling, not activity
    env.clock.advance(4 * 3600_000);
    expect(errorOf(dispatch(env.core, k.token, 'printer.status', {})).code).toBe('SESSION_EXPIRED');
  });

  it('logout ends the session; unknown operations are refused', () => {
    const k = login(env.core, 'keeper');
    expect(dispatch(env.core, k.token, 'session.logout', {}).ok).toBe(true);
    expect(errorOf(dispatch(env.core, k.token, 'session.me', {})).code).toBe('NOT_LOGGED_IN');
    expect(errorOf(dispatch(env.core, null, 'ledger.rewrite', {})).code).toBe('UNKNOWN_OPERATION');
    expect(errorOf(dispatch(env.core, null, '__proto__', {})).code).toBe('UNKNOWN_OPERATION');
  });
});
