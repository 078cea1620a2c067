/**
 * The counter's pure pieces: rebuilding a scan that a Chinese IME swallowed, and the
 * cart's limits. (The e2e test drives both through the page; these pin the edge cases.)
 */
import { describe, expect, it } from 'vitest';
import type { GoodsItem } from '../../db/contract/index.js';
import { MAX_LINE_QUANTITY as CONTRACT_MAX } from '../../db/contract/ops/counter.js';
import { addOne, cartTotal, MAX_LINE_QUANTITY, setQuantity } from '../../renderer/src/pages/counter/cart.js';
import { BurstBuffer, charFromCode } from '../../renderer/src/pages/counter/scanKeys.js';

function feedAll(buffer: BurstBuffer, keys: { key: string; code: string; shiftKey?: boolean }[], gapMs: number): (string | null)[] {
  return keys.map((k, i) => buffer.feed({ shiftKey: false, ...k, timeStamp: 1000 + i * gapMs }));
}

const processKeys = (text: string) =>
  [...text].map((ch) =>
    /[0-9]/.test(ch) ? { key: 'Process', code: `Digit${ch}` } : { key: 'Process', code: `Key${ch.toUpperCase()}`, shiftKey: ch === ch.toUpperCase() },
  );

describe('scan bursts through an IME', () => {
  it('maps key codes back to characters', () => {
    expect(charFromCode('KeyX', true)).toBe('X');
    expect(charFromCode('KeyX', false)).toBe('x');
    expect(charFromCode('Digit7', false)).toBe('7');
    expect(charFromCode('Numpad3', false)).toBe('3');
    expect(charFromCode('Semicolon', true)).toBe(':');
    expect(charFromCode('F5', false)).toBeNull();
  });

  it('rebuilds a fast burst that ends with Enter', () => {
    const out = feedAll(new BurstBuffer(), [...processKeys('43070319900101123X'), { key: 'Enter', code: 'Enter' }], 8);
    expect(out.at(-1)).toBe('43070319900101123X');
  });

  it('ignores a person typing slowly, and bursts the IME did not swallow', () => {
    expect(feedAll(new BurstBuffer(), [...processKeys('zhang'), { key: 'Enter', code: 'Enter' }], 120).at(-1)).toBeNull();
    const plain = [...'12345678'].map((c) => ({ key: c, code: `Digit${c}` }));
    expect(feedAll(new BurstBuffer(), [...plain, { key: 'Enter', code: 'Enter' }], 5).at(-1)).toBeNull();
  });
});

const goods = (stock: number): GoodsItem => ({
  id: 1,
  name: '食盐',
  category: '调味品',
  unit: '袋',
  pointsPrice: 3,
  stock,
  lowStock: 5,
  barcodes: [],
  initials: 'sy',
});

describe('cart', () => {
  it('agrees with the contract on the line limit', () => {
    expect(MAX_LINE_QUANTITY).toBe(CONTRACT_MAX);
  });

  it('never holds more than the stock, nor less than one', () => {
    let { lines } = addOne([], goods(2));
    ({ lines } = addOne(lines, goods(2)));
    const third = addOne(lines, goods(2));
    expect(third.outcome).toBe('at_limit');
    expect(setQuantity(lines, 1, 50)[0]!.quantity).toBe(2);
    expect(setQuantity(lines, 1, 0)[0]!.quantity).toBe(1);
    expect(setQuantity(lines, 1, 1.7)[0]!.quantity).toBe(1);
    expect(cartTotal(lines)).toBe(6);
    expect(addOne([], goods(0)).outcome).toBe('out_of_stock');
  });
});
