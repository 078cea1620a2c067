import { randomBytes } from 'node:crypto';
import type { Role } from '../contract/define.js';
import type { Clock } from '../domain/clock.js';

export interface Session {
  token: string;
  operatorId: number;
  name: string;
  role: Role;
  lastSeen: number;
  /** Wrong approval PINs in a row in this session (books/operators.ts verifyApproverPin). */
  approvalFailures: number;
}

/**
 * Operator sessions, in memory: a restart logs everyone out, which is what a counter
 * wants. Sessions expire server-side after a long idle time even if the UI's own idle
 * lock failed.
 */
export class SessionStore {
  private readonly byToken = new Map<string, Session>();
  static readonly MAX_IDLE_MS = 8 * 3600_000;

  constructor(private readonly clock: Clock) {}

  create(operatorId: number, name: string, role: Role): Session {
    const s: Session = { token: randomBytes(24).toString('base64url'), operatorId, name, role, lastSeen: this.clock.now().getTime(), approvalFailures: 0 };
    this.byToken.set(s.token, s);
    return s;
  }

  /**
   * Returns the live session, 'expired', or null when the token is unknown. `passive`
   * checks without counting as activity (a screen polling by itself).
   */
  touch(token: string, passive = false): Session | 'expired' | null {
    const s = this.byToken.get(token);
    if (!s) return null;
    const now = this.clock.now().getTime();
    if (now - s.lastSeen > SessionStore.MAX_IDLE_MS) {
      this.byToken.delete(token);
      return 'expired';
    }
    if (!passive) s.lastSeen = now;
    return s;
  }

  end(token: string): void {
    this.byToken.delete(token);
  }

  /** Everyone out: after a restore the operators and their roles may differ. */
  endAll(): void {
    this.byToken.clear();
  }

  endAllFor(operatorId: number): void {
    for (const [t, s] of this.byToken) if (s.operatorId === operatorId) this.byToken.delete(t);
  }
}
