import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.js';
import type { OperatorAdminView } from '../../db/contract/index.js';
import { setOperatorActive } from '../../db/trust/operators-admin.js';
import { errorOf, freshCore, login } from '../helpers/core.js';

describe('administrator: operators, settings, audit log', () => {
  let env: ReturnType<typeof freshCore>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 5 });
  });
  afterEach(() => env.close());

  it('creates operators, resets a PIN (lifting a lockout), deactivates and reactivates, never deletes', () => {
    const admin = login(env.core, 'admin');
    const made = admin.call('operators.create', { name: '李会计', role: 'accountant', pin: '2468' });
    expect(made).toMatchObject({ name: '李会计', role: 'accountant', active: true });
    expect(errorOf(admin.call.raw('operators.create', { name: '李会计', role: 'keeper', pin: '1357' })).code).toBe('OPERATOR_NAME_TAKEN');
    // The new operator can log in, and is locked after wrong PINs.
    for (let i = 0; i < 5; i++) dispatch(env.core, null, 'session.login', { operatorId: made.id, pin: '0000' });
    expect(errorOf(dispatch(env.core, null, 'session.login', { operatorId: made.id, pin: '2468' })).code).toBe('PIN_LOCKED');
    expect(admin.call('operators.list', {}).find((o) => o.id === made.id)!.lockedUntil).not.toBeNull();
    const reset = admin.call('operators.resetPin', { operatorId: made.id, pin: '8642' });
    expect(reset.lockedUntil).toBeNull();
    const s = dispatch(env.core, null, 'session.login', { operatorId: made.id, pin: '8642' });
    expect(s.ok).toBe(true);
    const token = (s as { ok: true; value: { token: string } }).value.token;
    // Deactivation ends their session and hides them from the login picker; the row stays.
    const off = admin.call('operators.setActive', { operatorId: made.id, active: false });
    expect(off.active).toBe(false);
    expect(errorOf(dispatch(env.core, token, 'session.me', {})).code).toBe('NOT_LOGGED_IN');
    const picker = dispatch(env.core, null, 'session.operators', {}) as { ok: true; value: { id: number }[] };
    expect(picker.value.map((o) => o.id)).not.toContain(made.id);
    expect(errorOf(dispatch(env.core, null, 'session.login', { operatorId: made.id, pin: '8642' })).code).toBe('OPERATOR_NOT_FOUND');
    expect(admin.call('operators.list', {}).find((o) => o.id === made.id)).toMatchObject({ active: false });
    expect(admin.call('operators.setActive', { operatorId: made.id, active: true }).active).toBe(true);
    const actions = env.core.db.prepare('SELECT action FROM audit_log WHERE target = ? ORDER BY id').pluck().all(`operator:${made.id}`);
    expect(actions).toEqual(expect.arrayContaining(['operator.create', 'operator.resetPin', 'operator.deactivate', 'operator.activate']));
    expect(JSON.stringify(env.core.db.prepare('SELECT detail FROM audit_log').all())).not.toMatch(/2468|8642/);
  });

  it('keeps at least one active administrator, and nobody deactivates themselves', () => {
    const admin = login(env.core, 'admin');
    expect(errorOf(admin.call.raw('operators.setActive', { operatorId: admin.operatorId, active: false })).code).toBe('OPERATOR_SELF_DEACTIVATE');
    const second = admin.call('operators.create', { name: '王主任', role: 'admin', pin: '4321' });
    const s2 = dispatch(env.core, null, 'session.login', { operatorId: second.id, pin: '4321' }) as { ok: true; value: { token: string } };
    const admin2 = (op: string, input: unknown) => dispatch(env.core, s2.value.token, op, input);
    expect(admin2('operators.setActive', { operatorId: admin.operatorId, active: false }).ok).toBe(true);
    // Now 王主任 is the last active administrator: the other admin cannot remove them either.
    const activeAdmins = (admin2('operators.list', {}) as { ok: true; value: OperatorAdminView[] }).value.filter((o) => o.role === 'admin' && o.active);
    expect(activeAdmins.map((o) => o.id)).toEqual([second.id]);
    expect(errorOf(admin2('operators.setActive', { operatorId: second.id, active: false })).code).toBe('OPERATOR_SELF_DEACTIVATE');
    expect(env.core.db.prepare("SELECT count(*) FROM operators WHERE role = 'admin' AND active = 1").pluck().get()).toBe(1);
  });

  it('LAST_ADMIN: the service refuses to deactivate the only active administrator whoever asks', () => {
    const admin = login(env.core, 'admin');
    const keeper = login(env.core, 'keeper');
    // Only reachable past the role check (defence in depth): call the service directly.
    expect(() => setOperatorActive(env.core, keeper.operatorId, admin.operatorId, false)).toThrow(/最后一位/);
    expect(env.core.db.prepare('SELECT active FROM operators WHERE id = ?').pluck().get(admin.operatorId)).toBe(1);
  });

  it('saves general settings, audits the change with before and after, and validates hostile input', () => {
    const admin = login(env.core, 'admin');
    const before = admin.call('settings.get', {});
    const next = { villageName: '油溪桥村', storeName: '爱心超市', receiptFooter: '文明实践 积分兑换', idleLockSeconds: 120, pointValueFen: 80 };
    expect(admin.call('settings.update', next)).toMatchObject(next);
    expect(admin.call('settings.get', {})).toMatchObject(next);
    const row = env.core.db.prepare("SELECT operator_id, detail FROM audit_log WHERE action = 'settings.update'").get() as {
      operator_id: number;
      detail: string;
    };
    expect(row.operator_id).toBe(admin.operatorId);
    expect(JSON.parse(row.detail)).toMatchObject({ pointValueFen: { from: before.pointValueFen, to: 80 } });
    for (const bad of [
      { ...next, villageName: '' },
      { ...next, villageName: '村\u0000名' },
      { ...next, storeName: '超市🎉' },
      { ...next, idleLockSeconds: 5 },
      { ...next, idleLockSeconds: 60.5 },
      { ...next, pointValueFen: -1 },
      { ...next, pointValueFen: 1e12 },
      { ...next, receiptFooter: 'x'.repeat(500) },
    ]) {
      expect(errorOf(admin.call.raw('settings.update', bad)).code).toBe('BAD_INPUT');
    }
    expect(env.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'settings.update'").pluck().get()).toBe(1);
    // A keeper and an accountant may read but not change settings.
    for (const role of ['keeper', 'accountant'] as const) expect(errorOf(login(env.core, role).call.raw('settings.update', next)).code).toBe('FORBIDDEN');
  });

  it('lists and filters the audit log, and exports it as CSV for Excel (audited, formula-safe)', () => {
    const admin = login(env.core, 'admin');
    login(env.core, 'keeper');
    dispatch(env.core, null, 'session.login', { operatorId: admin.operatorId, pin: '0000' });
    const formula = admin.call('operators.create', { name: '=HYPERLINK("x")', role: 'keeper', pin: '1212' });
    dispatch(env.core, null, 'session.login', { operatorId: formula.id, pin: '1212' });
    const all = admin.call('audit.list', { limit: 200 });
    expect(all.total).toBe(all.entries.length);
    expect(all.entries[0]!.id).toBeGreaterThan(all.entries[all.entries.length - 1]!.id);
    const logins = admin.call('audit.list', { action: 'login' });
    expect(logins.entries.every((e) => e.action.startsWith('login.'))).toBe(true);
    expect(logins.entries.some((e) => e.action === 'login.failed' && e.label.zh.includes('失败'))).toBe(true);
    const mine = admin.call('audit.list', { operatorId: admin.operatorId, limit: 200 });
    expect(mine.entries.every((e) => e.operatorId === admin.operatorId)).toBe(true);
    const today = env.core.stamp().businessDate;
    expect(admin.call('audit.list', { from: today, to: today }).total).toBe(all.total);
    expect(admin.call('audit.list', { from: '2000-01-01', to: '2000-01-02' }).total).toBe(0);
    expect(admin.call('audit.list', { text: "%' OR 1=1 --" }).total).toBe(0);
    const page2 = admin.call('audit.list', { limit: 2, offset: 2 });
    expect(page2.entries.map((e) => e.id)).toEqual(all.entries.slice(2, 4).map((e) => e.id));

    const file = admin.call('audit.export', {});
    const csv = Buffer.from(file.base64, 'base64');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text.split('\r\n')[0]).toContain('操作员');
    expect(text).toContain('新增操作员');
    // A name that looks like a formula is kept as text.
    expect(text).toContain(`"'=HYPERLINK(""x"")`);
    expect(file.fileName).toMatch(/^操作日志-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(env.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'audit.export'").pluck().get()).toBe(1);
    for (const role of ['keeper', 'accountant'] as const) {
      expect(errorOf(login(env.core, role).call.raw('audit.list', {})).code).toBe('FORBIDDEN');
    }
  });

  it('nobody can edit or delete the audit log, even with SQL', () => {
    expect(() => env.core.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => env.core.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
