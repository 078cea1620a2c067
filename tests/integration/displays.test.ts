/**
 * The displays' credential: made by an operator (or the host at start-up), it can call the
 * display operations and nothing else; an operator's session cannot call those; a board
 * cannot see the counter's sale. And what the customer display shows during a sale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OP_NAMES } from '../../db/contract/index.js';
import { dispatch } from '../../db/dispatch.js';
import { SALE_STALE_MS, maskName } from '../../db/hardware/customer-display.js';
import { callerFor, errorOf, freshCore, login } from '../helpers/core.js';

let env: ReturnType<typeof freshCore>;
let keeper: ReturnType<typeof login>;

beforeAll(() => {
  env = freshCore({ demo: true, households: 20 });
  keeper = login(env.core, 'keeper');
}, 60_000);
afterAll(() => env?.close());

describe('the display credential', () => {
  it('calls the display operations, and every other operation refuses it', () => {
    const { token } = keeper.call('display.open', { kind: 'customer' });
    for (const op of OP_NAMES) {
      const r = dispatch(env.core, token, op, {});
      if (contract[op].access === 'display') {
        expect(r.ok, op).toBe(true);
        continue;
      }
      if (contract[op].access === 'public') continue;
      expect(errorOf(r).code, op).toBe('NOT_LOGGED_IN');
    }
  });

  it('an operator session cannot call display operations; nor can nobody', () => {
    expect(errorOf(dispatch(env.core, keeper.token, 'display.sale', {})).code).toBe('FORBIDDEN');
    expect(errorOf(dispatch(env.core, keeper.token, 'display.board', {})).code).toBe('FORBIDDEN');
    expect(errorOf(dispatch(env.core, null, 'display.board', {})).code).toBe('NOT_LOGGED_IN');
    expect(errorOf(dispatch(env.core, 'd.forged', 'display.board', {})).code).toBe('NOT_LOGGED_IN');
  });

  it('a board display sees the boards but not the counter', () => {
    const { token } = keeper.call('display.open', { kind: 'board' });
    expect(dispatch(env.core, token, 'display.board', {}).ok).toBe(true);
    expect(errorOf(dispatch(env.core, token, 'display.sale', {})).code).toBe('DISPLAY_ONLY');
  });

  it('never idles out: a day later it still shows, while the operator session has expired', () => {
    const { token } = keeper.call('display.open', { kind: 'board' });
    env.clock.advance(24 * 3600_000);
    expect(dispatch(env.core, token, 'display.board', {}).ok).toBe(true);
    expect(errorOf(dispatch(env.core, keeper.token, 'session.me', {})).code).toBe('SESSION_EXPIRED');
    keeper = login(env.core, 'keeper');
  });
});

describe('the customer display during a sale', () => {
  it('shows the masked name, balance, lines, total and balance after; then the receipt; then idle', () => {
    const display = callerFor(env.core, keeper.call('display.open', { kind: 'customer' }).token);
    expect(display('display.sale', {}).kind).toBe('idle');

    const found = keeper.call('counter.lookup', { query: '01-001' });
    if (found.kind !== 'household') throw new Error('no household 01-001');
    const h = found.household;
    const account = h.accounts.find((a) => a.spendable && a.balance > 0)!;
    const goods = keeper
      .call('goods.catalog', {})
      .goods.filter((g) => g.stock > 2 && g.pointsPrice <= account.balance / 4)
      .slice(0, 2);
    const lines = goods.map((g) => ({ goodsId: g.id, quantity: 2 }));
    keeper.call('display.publish', { sale: { kind: 'sale', householdId: h.id, passbookId: account.passbookId, lines } });
    const shown = display('display.sale', {});
    if (shown.kind !== 'sale') throw new Error('not a sale');
    const total = goods.reduce((s, g) => s + g.pointsPrice * 2, 0);
    expect(shown.householdName).toBe(maskName(h.headName));
    expect(shown.householdName).not.toBe(h.headName);
    expect(shown).toMatchObject({ balance: account.balance, total, balanceAfter: account.balance - total });
    expect(shown.lines.map((l) => l.name)).toEqual(goods.map((g) => g.name));
    // Nothing else of the household: no number, no members, no ID.
    expect(JSON.stringify(shown)).not.toContain(h.number);

    const receipt = keeper.call('redemption.create', { requestId: 'display-test-0001', householdId: h.id, passbookId: account.passbookId, lines });
    keeper.call('display.publish', { sale: { kind: 'done', redemptionId: receipt.id } });
    expect(display('display.sale', {})).toMatchObject({ kind: 'done', total, balanceAfter: receipt.balanceAfter });

    keeper.call('display.publish', { sale: { kind: 'idle' } });
    expect(display('display.sale', {}).kind).toBe('idle');
  });

  it('a sale left alone goes off the screen', () => {
    const display = callerFor(env.core, keeper.call('display.open', { kind: 'customer' }).token);
    keeper.call('display.publish', { sale: { kind: 'sale', householdId: 1, passbookId: null, lines: [] } });
    expect(display('display.sale', {}).kind).toBe('sale');
    env.clock.advance(SALE_STALE_MS + 1000);
    expect(display('display.sale', {}).kind).toBe('idle');
  });

  it('masks names like 张*', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
  });
});
