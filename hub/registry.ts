/**
 * A store's registration file, imported by the township (`npm run hub -- register FILE`):
 * a valid village code, and a self-signature proving the file was made with the key it
 * introduces. Registering the same key again changes nothing; another key for a village
 * already registered is refused (a replaced key is a decision for a person, not a file).
 */
import { createHash } from 'node:crypto';
import { DIVISION_CODE_MESSAGES, divisionCodeProblem } from '../db/reporting/format/division-code.js';
import { envelopeSchema, REGISTRATION_FORMAT, registrationSchema, type Registration } from '../db/reporting/format/report.js';
import { keyFingerprint, publicKeyFromText, signatureOk } from '../db/reporting/format/signing.js';
import type { Engine } from './db/engine.js';

export class HubRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HubRefusal';
  }
}

export function readRegistrationFile(text: string): Registration {
  let envelope;
  try {
    envelope = envelopeSchema.parse(JSON.parse(text));
  } catch {
    throw new HubRefusal('TRUNCATED', '登记文件不完整或不是 JSON / the registration file is incomplete or not JSON');
  }
  if (envelope.format !== REGISTRATION_FORMAT) throw new HubRefusal('NOT_REGISTRATION', `不是登记文件（${envelope.format}）/ not a registration file`);
  let reg: Registration;
  try {
    reg = registrationSchema.parse(JSON.parse(envelope.body));
  } catch {
    throw new HubRefusal('MALFORMED', '登记内容格式有误 / the registration is malformed');
  }
  const problem = divisionCodeProblem(reg.villageCode);
  if (problem) throw new HubRefusal('DIVISION_CODE', DIVISION_CODE_MESSAGES[problem]);
  let ok = false;
  try {
    ok = signatureOk(publicKeyFromText(reg.publicKey), envelope.body, envelope.signature);
  } catch {
    ok = false;
  }
  if (!ok) throw new HubRefusal('BAD_SIGNATURE', '登记文件签名无效 / the registration file is not signed by its key');
  if (keyFingerprint(reg.publicKey) !== reg.fingerprint)
    throw new HubRefusal('BAD_FINGERPRINT', '登记文件的指纹与密钥不符 / the fingerprint does not match the key');
  return reg;
}

export async function registerStore(engine: Engine, text: string): Promise<{ registration: Registration; outcome: 'registered' | 'updated' | 'known' }> {
  const reg = readRegistrationFile(text);
  return engine.transaction(async (tx) => {
    const [existing] = await tx.query<{ public_key: string; village_name: string; township_name: string }>(
      'SELECT public_key, village_name, township_name FROM stores WHERE village_code = $1 FOR UPDATE',
      [reg.villageCode],
    );
    if (existing && existing.public_key !== reg.publicKey) {
      throw new HubRefusal('OTHER_KEY', `村 ${reg.villageCode} 已用另一把密钥登记 / village ${reg.villageCode} is registered with another key`);
    }
    if (existing && existing.village_name === reg.villageName && existing.township_name === reg.townshipName)
      return { registration: reg, outcome: 'known' as const };
    await tx.query(
      `INSERT INTO stores (village_code, village_name, township_name, public_key, fingerprint, registration) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (village_code) DO UPDATE SET village_name = EXCLUDED.village_name, township_name = EXCLUDED.township_name`,
      [reg.villageCode, reg.villageName, reg.townshipName, reg.publicKey, reg.fingerprint, text],
    );
    return { registration: reg, outcome: existing ? ('updated' as const) : ('registered' as const) };
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface RegistrationPreview {
  registration: Registration;
  /** What registering it would do: a new store, new names for a known one, or nothing. */
  outcome: 'new' | 'updated' | 'known';
}

/** Checks a registration file as registerStore would, and says what it would do, storing nothing. */
export async function previewRegistration(engine: Engine, text: string): Promise<RegistrationPreview> {
  const reg = readRegistrationFile(text);
  const [existing] = await engine.query<{ public_key: string; village_name: string; township_name: string }>(
    'SELECT public_key, village_name, township_name FROM stores WHERE village_code = $1',
    [reg.villageCode],
  );
  if (existing && existing.public_key !== reg.publicKey) {
    throw new HubRefusal('OTHER_KEY', `村 ${reg.villageCode} 已用另一把密钥登记 / village ${reg.villageCode} is registered with another key`);
  }
  if (!existing) return { registration: reg, outcome: 'new' };
  return { registration: reg, outcome: existing.village_name === reg.villageName && existing.township_name === reg.townshipName ? 'known' : 'updated' };
}
