/**
 * Issue 15, item 3: roles and words agree. The role table in README.md (copied into
 * the README) is read here, and each role's row is walked against the core on a real
 * database: every operation the row names is let through for that role (the refusal, if
 * any, is about the input, never the role), every other writing operation is refused
 * with FORBIDDEN, and every writing operation is named in some row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, isOpName, type OpName, type Role } from '../../../db/contract/index.js';
import { formatMessage } from '../../../db/contract/errors.js';
import { dispatch } from '../../../db/dispatch.js';
import { errorOf, freshCore, login } from '../../helpers/core.js';

const DOC = join(import.meta.dirname, '../../../README.md');
const ROW_START: Record<Role, string> = { keeper: '| keeper', accountant: '| accountant', admin: '| administrator' };

/** The operations named in a role's row, with the row's "all of the X's work except …" resolved. */
function rowsOfTable(): Record<Role, Set<OpName>> {
  const lines = readFileSync(DOC, 'utf8').split('\n');
  const raw = {} as Record<Role, string>;
  for (const role of Object.keys(ROW_START) as Role[]) {
    const line = lines.find((l) => l.startsWith(ROW_START[role]));
    if (!line) throw new Error(`README.md has no row for ${role}`);
    raw[role] = line;
  }
  const named = (text: string): Set<OpName> => {
    const out = new Set<OpName>();
    for (const m of text.matchAll(/`([a-zA-Z]+\.[a-zA-Z]+)`/g)) {
      if (!isOpName(m[1]!)) throw new Error(`README.md names \`${m[1]}\`, which is not an operation of the core`);
      out.add(m[1]);
    }
    return out;
  };
  const result = {} as Record<Role, Set<OpName>>;
  for (const role of ['keeper', 'accountant', 'admin'] as const) {
    const text = raw[role];
    const inherit = /all of the (keeper|accountant)'s work except ((?:`[^`]+`(?:, )?)+)/.exec(text);
    const ops = named(inherit ? text.replace(inherit[0], '') : text);
    if (inherit) {
      const except = named(inherit[2]!);
      for (const op of result[inherit[1] as Role]) if (!except.has(op)) ops.add(op);
    }
    result[role] = ops;
  }
  return result;
}

const WRITING = (Object.keys(contract) as OpName[]).filter((op) => contract[op].writes && contract[op].access !== 'public');

let env: ReturnType<typeof freshCore>;
let sessions: Record<Role, ReturnType<typeof login>>;

beforeAll(() => {
  env = freshCore({ demo: true, households: 6 });
  sessions = { keeper: login(env.core, 'keeper'), accountant: login(env.core, 'accountant'), admin: login(env.core, 'admin') };
});
afterAll(() => env.close());

describe('the role table in README.md against the core', () => {
  const table = rowsOfTable();

  it('names every writing operation in some row', () => {
    const named = new Set([...table.keeper, ...table.accountant, ...table.admin]);
    expect(WRITING.filter((op) => !named.has(op))).toEqual([]);
  });

  for (const role of ['keeper', 'accountant', 'admin'] as const) {
    it(`${role}: the core allows exactly the writing operations the row names`, () => {
      const token = sessions[role].token;
      const wrongAllowed: string[] = [];
      const wrongRefused: string[] = [];
      for (const op of WRITING) {
        // A number is never a valid input: the role is checked first, so an allowed role gets
        // BAD_INPUT (nothing runs) and a refused one FORBIDDEN.
        const code = errorOf(dispatch(env.core, token, op, 7)).code;
        if (table[role].has(op) && code === 'FORBIDDEN') wrongRefused.push(op);
        if (!table[role].has(op) && code !== 'FORBIDDEN') wrongAllowed.push(`${op} (${code})`);
      }
      expect({ role, refusedButInRow: wrongRefused, allowedButNotInRow: wrongAllowed }).toEqual({ role, refusedButInRow: [], allowedButNotInRow: [] });
    });
  }

  it('the committee publishes: an accountant asking to publish is told who may, in both languages', () => {
    expect(table.accountant.has('notices.create')).toBe(false);
    expect(table.accountant.has('notices.post')).toBe(true);
    const e = errorOf(dispatch(env.core, sessions.accountant.token, 'notices.create', { requestId: 'roles-test-0001' }));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe('当前角色（会计）无权执行此操作，需由管理员（村两委）办理');
    expect(formatMessage('FORBIDDEN', 'en', e.params)).toBe('Your role (accountant) may not do this; it is for the administrator (village committee)');
    expect(readFileSync(DOC, 'utf8')).toContain('**the village committee**');
  });
});
