/**
 * The store's side of the township hub: registration (division code checked, admin only,
 * an Ed25519 key kept 0600 or sealed, a self-signed file the hub accepts), catching up
 * closes day by day, and day reports: one per closed day, chained (each starts where the
 * one before ended), exported once, and a re-closed day's new version naming the old.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.js';
import { divisionCodeProblem } from '../../db/reporting/format/division-code.js';
import { reportBodySchema, type ReportBody } from '../../db/reporting/format/report.js';
import { buildPendingReports } from '../../db/reporting/build.js';
import { reportingState, writeReportFiles } from '../../db/reporting/outbox.js';
import { loadOrCreateSigningKey, SEALED_SIGNING_KEY_FILE, SIGNING_KEY_FILE } from '../../db/reporting/signing-key.js';
import { publicKeyFromText, signatureOk } from '../../db/reporting/format/signing.js';
import { readRegistrationFile } from '../../hub/registry.js';
import { errorOf, freshCore, login, sellCheapest, tempDir } from '../helpers/core.js';

const DAY = 86_400_000;

describe('division codes', () => {
  it('accepts village codes and names what is wrong with others', () => {
    expect(divisionCodeProblem('110105001201')).toBeNull();
    expect(divisionCodeProblem('11010500120')).toBe('format');
    expect(divisionCodeProblem('99010500120a')).toBe('format');
    expect(divisionCodeProblem('990105001201')).toBe('province');
    expect(divisionCodeProblem('110100001201')).toBe('county');
    expect(divisionCodeProblem('110105000201')).toBe('township');
    expect(divisionCodeProblem('110105001000')).toBe('village');
  });
});

describe('signing key', () => {
  it('is a 0600 file, or only sealed when the desktop offers a sealer', () => {
    const plain = tempDir();
    const sealed = tempDir();
    try {
      const k = loadOrCreateSigningKey(plain.dir);
      expect(statSync(join(plain.dir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(loadOrCreateSigningKey(plain.dir).publicKey).toBe(k.publicKey);
      const sealer = { seal: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)), open: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)) };
      const s = loadOrCreateSigningKey(sealed.dir, sealer);
      expect(existsSync(join(sealed.dir, SIGNING_KEY_FILE))).toBe(false);
      expect(readFileSync(join(sealed.dir, SEALED_SIGNING_KEY_FILE)).includes('PRIVATE KEY')).toBe(false);
      expect(loadOrCreateSigningKey(sealed.dir, sealer).publicKey).toBe(s.publicKey);
      expect(() => loadOrCreateSigningKey(sealed.dir)).toThrow(/sealed/);
    } finally {
      plain.cleanup();
      sealed.cleanup();
    }
  });
});

describe('day reports', () => {
  let env: ReturnType<typeof freshCore>;
  beforeEach(() => {
    env = freshCore({ demo: true, households: 12 });
  });
  afterEach(() => env.close());

  it('registration: administrators only, a valid village code, a file the hub accepts', () => {
    const keeper = login(env.core, 'keeper');
    expect(errorOf(dispatch(env.core, keeper.token, 'hub.register', { villageCode: '110105001201', villageName: '东湖村', townshipName: '测试镇' })).code).toBe(
      'FORBIDDEN',
    );
    const admin = login(env.core, 'admin');
    const bad = errorOf(dispatch(env.core, admin.token, 'hub.register', { villageCode: '110105000000', villageName: '东湖村', townshipName: '测试镇' }));
    expect(bad.code).toBe('HUB_DIVISION_CODE');
    expect(bad.message).toMatch(/乡镇部分/);
    const r = admin.call('hub.register', { villageCode: '110105001201', villageName: '东湖村', townshipName: '测试镇' });
    const reg = readRegistrationFile(r.file);
    expect(reg).toMatchObject({ villageCode: '110105001201', villageName: '东湖村', fingerprint: r.registration.fingerprint });
    expect(r.registration.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
    expect(env.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'hub.register'").pluck().get()).toBe(1);
    expect(errorOf(dispatch(env.core, admin.token, 'hub.setAddress', { address: 'ftp://x' })).code).toBe('HUB_ADDRESS');
  });

  it('catches up day by day, makes one signed report per closed day, chained, exported once; a re-close is a new version', () => {
    const admin = login(env.core, 'admin');
    const reg = admin.call('hub.register', { villageCode: '110105001201', villageName: '东湖村', townshipName: '测试镇' }).registration;
    sellCheapest(env.core, 'rep-sale-1');
    const today = env.core.stamp().businessDate;
    env.clock.advance(2 * DAY);
    const accountant = login(env.core, 'accountant');
    expect(errorOf(dispatch(env.core, accountant.token, 'dayClose.closeThrough', { through: today, pin: '0000' })).code).toBe('PIN_WRONG');
    const res = accountant.call('dayClose.closeThrough', { through: today, pin: '5678' });
    expect(res.closed.at(-1)).toBe(today);
    expect(res.closed.length).toBeGreaterThan(5);
    // Each day closed with its own summary, in date order.
    const closes = env.core.db.prepare("SELECT business_date, summary FROM day_closes WHERE action = 'close' ORDER BY id").all() as {
      business_date: string;
      summary: string;
    }[];
    expect(closes.map((c) => c.business_date)).toEqual(res.closed);
    for (const c of closes) expect((JSON.parse(c.summary) as { businessDate: string }).businessDate).toBe(c.business_date);

    expect(buildPendingReports(env.core)).toBe(res.closed.length);
    expect(buildPendingReports(env.core)).toBe(0);
    const out = tempDir();
    try {
      expect(writeReportFiles(env.core, out.dir).written).toHaveLength(res.closed.length);
      expect(writeReportFiles(env.core, out.dir).written).toHaveLength(0);
      expect(reportingState(env.core)).toMatchObject({ lastReportedDay: today, waiting: 0 });
      const bodies = readdirSync(out.dir)
        .sort()
        .map((f) => {
          const e = JSON.parse(readFileSync(join(out.dir, f), 'utf8')) as { body: string; signature: string };
          expect(signatureOk(publicKeyFromText(reg.publicKey), e.body, e.signature)).toBe(true);
          return reportBodySchema.parse(JSON.parse(e.body));
        });
      let prev: ReportBody | null = null;
      for (const b of bodies) {
        expect(b.prevDate).toBe(prev?.date ?? null);
        if (prev) expect(b.heads.before).toEqual(prev.heads.after);
        expect(b.rows.ledger.rows.length).toBe(b.summary.points.rows);
        prev = b;
      }
      expect(prev!.rows.redemptions.rows.length).toBeGreaterThan(0);

      // Reopen and close the last day again: version 2, replacing version 1.
      login(env.core, 'admin').call('dayClose.reopen', { date: today, reason: '补录核对' });
      accountant.call('dayClose.closeThrough', { through: today, pin: '5678' });
      expect(writeReportFiles(env.core, out.dir).written).toHaveLength(0);
      expect(buildPendingReports(env.core)).toBe(1);
      const [v2] = writeReportFiles(env.core, out.dir).written;
      const b2 = reportBodySchema.parse(JSON.parse((JSON.parse(readFileSync(join(out.dir, v2!), 'utf8')) as { body: string }).body));
      expect(b2).toMatchObject({ version: 2, replaces: `110105001201/${today}/v1`, prevDate: prev!.prevDate });
      expect(b2.heads.before).toEqual(prev!.heads.before);
    } finally {
      out.cleanup();
    }
  });
});
