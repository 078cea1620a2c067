/**
 * Random and hostile input at every operation of the contract, as every role and as
 * nobody. Inputs follow each schema's shape (so they get past "expected an object" and
 * reach the field checks and the services) with hostile values mixed in: SQL, control
 * characters, emoji, lone surrogates, huge strings, negative / fractional / huge / NaN
 * numbers, prototype-pollution keys. Whatever comes in: no INTERNAL error, no exception
 * out of dispatch, nothing written on a refusal, and the data still verifies.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OP_NAMES, type OpName } from '../../db/contract/index.js';
import { dispatch } from '../../db/dispatch.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { freshCore, login } from '../helpers/core.js';

/** Ops that touch paths on this computer: fuzzed below with hostile paths only, never random ones. */
const FILESYSTEM_OPS = new Set<string>(['backup.configure', 'backup.run', 'backup.restore']);

const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    "'; DROP TABLE ledger; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM accounts;--",
    '\u0000',
    'a\u0007b',
    '\u202eevil',
    '😀🎉',
    '\ud800',
    'x'.repeat(10_000),
    '../../../etc/passwd',
    '%s%n%x',
    '${7*7}',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x")',
    '1e309',
    'NaN',
    '-0',
    '110105199001011237',
    '03-017',
    'V1:03-017:1:AAAAAAAAAAAAAAAA',
    '2026-02-30',
    '9999',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, -0, 1.5, 0.1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 2 ** 53, 99, 100, 1_000_000, NaN, Infinity, -Infinity),
  fc.integer({ min: -3, max: 60 }),
  fc.double(),
);
const hostileOther = fc.constantFrom<unknown>(null, undefined, true, false, [], {}, [1, 2, 3], JSON.parse('{"__proto__":{"admin":true}}'), {
  constructor: { prototype: { x: 1 } },
});
const hostile: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, hostileOther);

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  entries?: Record<string, string>;
  options?: z.ZodType[];
  values?: unknown[];
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Values shaped like the schema, each field sometimes hostile. */
function shaped(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  const plausible = (): fc.Arbitrary<unknown> => {
    switch (d.type) {
      case 'object': {
        const rec: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(d.shape ?? {})) rec[k] = shaped(v, depth + 1);
        return fc.record(rec, { requiredKeys: [] });
      }
      case 'array':
        return depth > 3 ? fc.constant([]) : fc.array(shaped(d.element!, depth + 1), { maxLength: 4 });
      case 'optional':
      case 'nullable':
      case 'default':
      case 'readonly':
        return shaped(d.innerType!, depth);
      case 'pipe':
        return shaped(d.in!, depth);
      case 'string':
        return hostileString;
      case 'number':
        return hostileNumber;
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...Object.values(d.entries ?? {}));
      case 'literal':
        return fc.constantFrom(...(d.values ?? [null]));
      case 'union':
        return fc.oneof(...(d.options ?? []).map((o) => shaped(o, depth + 1)));
      default:
        return hostile;
    }
  };
  return fc.oneof({ weight: 4, arbitrary: plausible() }, { weight: 1, arbitrary: hostile });
}

/** Row counts of every table but those a refusal may legitimately touch (failed-login counters and their audit rows). */
function counts(db: ReturnType<typeof freshCore>['core']['db']): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'operators') AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

describe('fuzzing every contract operation', () => {
  let env: ReturnType<typeof freshCore>;
  let tokens: (string | null)[];
  /** Fuzzed calls may log a caller out (logout, PIN reset, deactivation): log back in where possible. */
  const refreshTokens = () => {
    tokens = [null];
    for (const role of ['keeper', 'accountant', 'admin'] as const) {
      try {
        tokens.push(login(env.core, role).token);
      } catch {
        // That demo operator was deactivated or had its PIN changed by a fuzzed call.
      }
    }
  };
  beforeAll(() => {
    env = freshCore({ demo: true, households: 20 });
    refreshTokens();
  });
  afterAll(() => env.close());

  const ops = OP_NAMES.filter((op) => !FILESYSTEM_OPS.has(op));

  it(`${ops.length} operations × 4 callers: no INTERNAL, no throw, nothing written on refusal`, () => {
    const failures: string[] = [];
    let accepted = 0;
    for (const op of ops) {
      if (tokens.slice(1).some((t) => !dispatch(env.core, t, 'session.me', {}).ok)) refreshTokens();
      const arb = fc.tuple(
        fc.constantFrom(...tokens),
        fc.oneof({ weight: 5, arbitrary: shaped(contract[op as OpName].input) }, { weight: 1, arbitrary: fc.anything() }),
      );
      fc.assert(
        fc.property(arb, ([token, input]) => {
          const before = counts(env.core.db);
          let r: ReturnType<typeof dispatch>;
          try {
            r = dispatch(env.core, token, op, input);
          } catch (e) {
            failures.push(`${op}: threw ${String(e)}`);
            return false;
          }
          if (!r.ok) {
            if (r.error.code === 'INTERNAL') {
              failures.push(`${op}: INTERNAL for ${JSON.stringify(input)?.slice(0, 200)}`);
              return false;
            }
            const after = counts(env.core.db);
            if (JSON.stringify(after) !== JSON.stringify(before)) {
              failures.push(`${op}: refused (${r.error.code}) but rows changed`);
              return false;
            }
            if (typeof r.error.message !== 'string' || r.error.message.length === 0) return false;
          } else accepted++;
          return true;
        }),
        { numRuns: 25, seed: 7 },
      );
    }
    expect(failures).toEqual([]);
    // Some calls must have got through, or the fuzzing never reached the services.
    expect(accepted).toBeGreaterThan(100);
    const v = verifyDatabase(env.core.db);
    expect(v.problems).toEqual([]);
  }, 120_000);

  it('path-taking operations refuse hostile paths clearly and write nothing', () => {
    const e2 = freshCore({ demo: true, households: 3 });
    const admin = login(e2.core, 'admin').token;
    const env = e2;
    const paths = [
      '',
      'relative/dir',
      '../../etc',
      '/nonexistent/\u0000/x',
      '/proc/self/mem',
      'C:\\\\Windows',
      'x'.repeat(5000),
      '/etc/passwd',
      "/tmp/'; DROP TABLE ledger;--",
    ];
    for (const folder of paths) {
      const before = counts(env.core.db);
      const r = dispatch(env.core, admin, 'backup.configure', { folder, keepDaily: 7, keepMonthly: 12, auto: true });
      expect(r.ok, folder).toBe(false);
      if (!r.ok) expect(['BAD_INPUT', 'BACKUP_FOLDER_INVALID']).toContain(r.error.code);
      expect(counts(env.core.db)).toEqual(before);
      for (const op of ['backup.inspect', 'backup.restore'] as const) {
        const x = dispatch(env.core, admin, op, { file: folder, pin: '9999' });
        expect(x.ok, `${op} ${folder}`).toBe(false);
        if (!x.ok) expect(x.error.code).not.toBe('INTERNAL');
      }
    }
    expect(dispatch(env.core, admin, 'backup.run', {}).ok).toBe(false);
    for (const bad of [
      { folder: null, keepDaily: -1, keepMonthly: 1, auto: true },
      { folder: null, keepDaily: 1.5, keepMonthly: 1, auto: 'yes' },
    ]) {
      expect(dispatch(env.core, admin, 'backup.configure', bad)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    e2.close();
  });
});
