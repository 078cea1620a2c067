/**
 * The administrator's way out of kiosk mode: host.exit, through dispatch() as the desktop
 * calls it, on a real store. Only an administrator, only with their PIN typed again, and
 * the exit is audited; a host that cannot exit (the browser host) says so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { DEMO_OPERATORS } from '../../db/demo/village.js';
import { errorOf, login, TestClock, tempDir } from '../helpers/core.js';

const adminPin = DEMO_OPERATORS.find((o) => o.role === 'admin')!.pin;

describe('host.exit', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: Core;
  let exits: number;
  beforeEach(() => {
    dir = tempDir('vps-exit-');
    exits = 0;
    core = new Core({ dataDir: dir.dir, clock: new TestClock(), secret: Buffer.alloc(32, 7), hostExit: () => exits++ });
    initDemoIfEmpty(core, { households: 5 });
  });
  afterEach(() => {
    core.close();
    dir.cleanup();
  });

  const afterReply = () => new Promise((r) => setImmediate(r));
  const exitRows = () => core.db.prepare("SELECT operator_id FROM audit_log WHERE action = 'host.exit'").pluck().all();

  it('ends the app after an administrator types their PIN again, and is audited', async () => {
    const admin = login(core, 'admin');
    expect(admin.call('host.exit', { pin: adminPin })).toEqual({ exiting: true });
    // Not before the reply has gone back.
    expect(exits).toBe(0);
    await afterReply();
    expect(exits).toBe(1);
    expect(exitRows()).toEqual([admin.operatorId]);
  });

  it("refuses a wrong PIN (counted as this session's approvals are) and does not exit", async () => {
    const admin = login(core, 'admin');
    expect(errorOf(dispatch(core, admin.token, 'host.exit', { pin: '0000' })).code).toBe('PIN_WRONG');
    await afterReply();
    expect(exits).toBe(0);
    expect(exitRows()).toEqual([]);
    const failed = core.db.prepare("SELECT operator_id, detail FROM audit_log WHERE action = 'approve.failed'").all() as {
      operator_id: number;
      detail: string;
    }[];
    expect(failed).toHaveLength(1);
    expect(failed[0]!.operator_id).toBe(admin.operatorId);
    expect(JSON.parse(failed[0]!.detail)).toMatchObject({ purpose: 'host.exit', failures: 1 });
  });

  it('refuses a keeper, even with the administrator PIN, and anyone not logged in', async () => {
    const keeper = login(core, 'keeper');
    expect(errorOf(dispatch(core, keeper.token, 'host.exit', { pin: adminPin })).code).toBe('FORBIDDEN');
    expect(errorOf(dispatch(core, null, 'host.exit', { pin: adminPin })).code).toBe('NOT_LOGGED_IN');
    await afterReply();
    expect(exits).toBe(0);
  });

  it('says so in a host that cannot exit', () => {
    const other = tempDir('vps-exit-');
    const browserCore = new Core({ dataDir: other.dir, clock: new TestClock(), secret: Buffer.alloc(32, 7) });
    try {
      initDemoIfEmpty(browserCore, { households: 2 });
      const admin = login(browserCore, 'admin');
      const e = errorOf(dispatch(browserCore, admin.token, 'host.exit', { pin: adminPin }));
      expect(e.code).toBe('HOST_EXIT_UNSUPPORTED');
      expect(e.message).toContain('浏览器');
    } finally {
      browserCore.close();
      other.cleanup();
    }
  });
});
