/**
 * Exports older than the store's setting leave the data folder by themselves (issue 12,
 * item 8): the setting is the administrator's, checked in the core, and only plain files
 * older than it are removed.
 */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.js';
import { pruneOldExports } from '../../db/accounting/exports/retention.js';
import { errorOf, freshCore, login } from '../helpers/core.js';

const DAY = 86_400_000;

describe('old exports are removed', () => {
  let env: ReturnType<typeof freshCore>;
  afterEach(() => env.close());

  it("after the setting's days (30 by default), and the administrator sets the days", () => {
    env = freshCore({ demo: true, households: 5 });
    const dir = join(env.dir, 'exports');
    mkdirSync(dir, { recursive: true });
    const now = env.core.clock.now().getTime();
    const make = (name: string, daysOld: number) => {
      const f = join(dir, name);
      writeFileSync(f, 'x');
      const t = new Date(now - daysOld * DAY);
      utimesSync(f, t, t);
      return f;
    };
    const old = make('old.xlsx', 31);
    const recent = make('recent.csv', 10);
    mkdirSync(join(dir, 'a-folder'));
    expect(env.core.settings().exportsKeepDays).toBe(30);
    expect(pruneOldExports(env.core)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(join(dir, 'a-folder'))).toBe(true);

    const admin = login(env.core, 'admin');
    const general = { ...env.core.settings() };
    const { timeZone: _tz, ...editable } = general;
    admin.call('settings.update', { ...editable, exportsKeepDays: 7 });
    expect(env.core.settings().exportsKeepDays).toBe(7);
    expect(pruneOldExports(env.core)).toBe(1);
    expect(existsSync(recent)).toBe(false);
    // Out of range, or not the administrator's: refused.
    expect(errorOf(dispatch(env.core, admin.token, 'settings.update', { ...editable, exportsKeepDays: 0 })).code).toBe('BAD_INPUT');
    const keeper = login(env.core, 'keeper');
    expect(errorOf(dispatch(env.core, keeper.token, 'settings.update', { ...editable, exportsKeepDays: 90 })).code).toBe('FORBIDDEN');
  });
});
