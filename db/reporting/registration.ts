/**
 * Registering the store with its township hub: the village's division code and names,
 * and the public half of the store's signing key, in a self-signed file the township
 * imports (`npm run hub -- register FILE`). The fingerprint is what the township reads
 * back to the store (or photographs as a QR code) before trusting the file.
 */
import { AppError } from '../contract/errors.js';
import type { ReportingContext } from '../books/context.js';
import type { Session } from '../books/sessions.js';
import { audit } from '../books/audit.js';
import { getSetting, setSetting } from '../books/settings.js';
import { DIVISION_CODE_MESSAGES, divisionCodeProblem } from './format/division-code.js';
import { REGISTRATION_FORMAT, registrationSchema, type Envelope, type Registration } from './format/report.js';
import { keyFingerprint, signText } from './format/signing.js';
import { loadOrCreateSigningKey, readSigningKey } from './signing-key.js';
import { query } from '../platform/query.js';

export const REGISTRATION_KEY = 'hub.registration';
export const HUB_ADDRESS_KEY = 'hub.address';

export interface RegisterInput {
  villageCode: string;
  villageName: string;
  townshipName: string;
}

export function readRegistration(ctx: ReportingContext): Registration | null {
  const raw = getSetting<unknown>(ctx.db, REGISTRATION_KEY, null);
  if (raw === null) return null;
  const parsed = registrationSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The registration file's text: the registration signed by the key it introduces. */
export function registrationFileText(ctx: ReportingContext, reg: Registration): string {
  const key = readSigningKey(ctx.dataDir, ctx.sealer);
  if (!key) throw new AppError('HUB_NOT_REGISTERED');
  const body = JSON.stringify(reg);
  const envelope: Envelope = { format: REGISTRATION_FORMAT, keyFingerprint: reg.fingerprint, body, signature: signText(key.privateKeyPem, body) };
  return JSON.stringify(envelope, null, 1) + '\n';
}

/**
 * Makes (or keeps) the signing key and records the registration. Registering again with
 * other names keeps the key; a different village code is refused once reports were made
 * (the township would see a new store with someone else's history).
 */
export function registerWithHub(ctx: ReportingContext, session: Session, input: RegisterInput): { registration: Registration; file: string } {
  const problem = divisionCodeProblem(input.villageCode);
  if (problem) throw new AppError('HUB_DIVISION_CODE', { detail: DIVISION_CODE_MESSAGES[problem] });
  const previous = readRegistration(ctx);
  const reported = query(ctx.db).scalar<number>('SELECT count(*) FROM hub_reports');
  if (previous && previous.villageCode !== input.villageCode && reported > 0) {
    throw new AppError('HUB_CODE_FIXED', { code: previous.villageCode });
  }
  const key = loadOrCreateSigningKey(ctx.dataDir, ctx.sealer);
  const { createdAt } = ctx.stamp();
  const registration: Registration = {
    villageCode: input.villageCode,
    villageName: input.villageName,
    townshipName: input.townshipName,
    publicKey: key.publicKey,
    fingerprint: keyFingerprint(key.publicKey),
    registeredAt: createdAt,
    registeredBy: session.name,
  };
  ctx.db.transaction(() => {
    setSetting(ctx.db, REGISTRATION_KEY, registration);
    audit(ctx.db, createdAt, session.operatorId, 'hub.register', `village:${input.villageCode}`, {
      villageName: input.villageName,
      townshipName: input.townshipName,
      fingerprint: registration.fingerprint,
    });
  })();
  return { registration, file: registrationFileText(ctx, registration) };
}

export function hubAddress(ctx: ReportingContext): string | null {
  return getSetting<string | null>(ctx.db, HUB_ADDRESS_KEY, null);
}

export function setHubAddress(ctx: ReportingContext, session: Session, address: string | null): void {
  if (address !== null) {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      throw new AppError('HUB_ADDRESS', { address });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('HUB_ADDRESS', { address });
  }
  const { createdAt } = ctx.stamp();
  ctx.db.transaction(() => {
    setSetting(ctx.db, HUB_ADDRESS_KEY, address);
    audit(ctx.db, createdAt, session.operatorId, 'hub.address', null, { address });
  })();
}
