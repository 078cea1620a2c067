/**
 * Township logins: a viewer sees the dashboard, an administrator also registers stores
 * and imports reports from the browser. Passwords are scrypt-hashed like the store's PINs.
 */
import { randomBytes } from 'node:crypto';
import { checkPin, hashPin } from '../../db/platform/crypto/pin.js';
import type { Engine } from '../db/engine.js';

export type HubRole = 'viewer' | 'administrator';

export interface HubSession {
  token: string;
  name: string;
  role: HubRole;
  lastSeen: number;
}

export async function setUser(engine: Engine, name: string, role: HubRole, password: string): Promise<void> {
  if (password.length < 6) throw new Error('密码至少 6 位 / a password has at least 6 characters');
  await engine.query(
    `INSERT INTO users (name, role, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash`,
    [name, role, hashPin(password)],
  );
}

const IDLE_MS = 8 * 3600_000;

export class HubSessions {
  private readonly byToken = new Map<string, HubSession>();

  async login(engine: Engine, name: string, password: string): Promise<HubSession | null> {
    const [u] = await engine.query<{ role: HubRole; password_hash: string }>('SELECT role, password_hash FROM users WHERE name = $1', [name]);
    if (!u || !checkPin(password, u.password_hash)) return null;
    const s: HubSession = { token: randomBytes(24).toString('base64url'), name, role: u.role, lastSeen: Date.now() };
    this.byToken.set(s.token, s);
    return s;
  }

  get(token: string | undefined): HubSession | null {
    if (!token) return null;
    const s = this.byToken.get(token);
    if (!s) return null;
    if (Date.now() - s.lastSeen > IDLE_MS) {
      this.byToken.delete(token);
      return null;
    }
    s.lastSeen = Date.now();
    return s;
  }

  logout(token: string | undefined): void {
    if (token) this.byToken.delete(token);
  }
}
