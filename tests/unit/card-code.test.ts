import { describe, expect, it } from 'vitest';
import { Keyring } from '../../db/platform/crypto/secret.js';
import { makeCardCode, readCardCode } from '../../db/domain/card-code.js';
import { AppError } from '../../db/contract/errors.js';

const keyring = new Keyring(Buffer.alloc(32, 1));
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
  return 'none';
};

describe('household card QR payloads', () => {
  it('round-trips and is plain ASCII', () => {
    const code = makeCardCode(keyring, '03-017', 2);
    expect(code).toMatch(/^[\x20-\x7e]+$/);
    expect(readCardCode(keyring, code)).toEqual({ householdNumber: '03-017', cardVersion: 2 });
  });

  it('refuses an altered household number or version', () => {
    const code = makeCardCode(keyring, '03-017', 2);
    expect(codeOf(() => readCardCode(keyring, code.replace('03-017', '03-018')))).toBe('QR_FORGED');
    expect(codeOf(() => readCardCode(keyring, code.replace('.2.', '.3.')))).toBe('QR_FORGED');
  });

  it('refuses a code signed by another installation', () => {
    const other = makeCardCode(new Keyring(Buffer.alloc(32, 2)), '03-017', 1);
    expect(codeOf(() => readCardCode(keyring, other))).toBe('QR_FORGED');
  });

  it('refuses garbage with the right prefix', () => {
    expect(codeOf(() => readCardCode(keyring, 'VPSC1.hello'))).toBe('QR_MALFORMED');
    expect(codeOf(() => readCardCode(keyring, "VPSC1.03-017.1.'; DROP TABLE x"))).toBe('QR_MALFORMED');
  });
});
