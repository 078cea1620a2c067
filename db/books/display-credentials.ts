import { randomBytes } from 'node:crypto';

/**
 * What a display shows: the customer display (客显) facing the villager at one counter,
 * or the public board (红榜) on the village hall's TV.
 */
export type DisplayKind = 'customer' | 'board';

export interface DisplayCredential {
  token: string;
  kind: DisplayKind;
  /** The counter whose current sale a customer display shows. */
  counter: string;
}

/**
 * Display credentials, in memory like operator sessions, but a separate store: a display
 * token is never found by SessionStore.touch, so it can call no operator operation; and
 * it never idles out (a board is meant to stay up all day), it only ends when the host
 * stops or an operator revokes it. It sees the current sale of its counter and the public
 * boards; what each kind may call is checked in dispatch().
 */
export class DisplayCredentials {
  private readonly byToken = new Map<string, DisplayCredential>();
  /** A host or operator that keeps opening displays must not grow this without bound. */
  static readonly MAX = 32;

  issue(kind: DisplayKind, counter: string): DisplayCredential {
    if (this.byToken.size >= DisplayCredentials.MAX) {
      // The oldest goes first: Map keeps insertion order.
      const oldest = this.byToken.keys().next().value;
      if (oldest !== undefined) this.byToken.delete(oldest);
    }
    const c: DisplayCredential = { token: 'd.' + randomBytes(24).toString('base64url'), kind, counter };
    this.byToken.set(c.token, c);
    return c;
  }

  get(token: string): DisplayCredential | null {
    return this.byToken.get(token) ?? null;
  }

  revoke(token: string): void {
    this.byToken.delete(token);
  }

  revokeAll(): void {
    this.byToken.clear();
  }
}
