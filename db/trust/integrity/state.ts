import type { BackgroundVerifyStatus, IntegrityAlarm, IntegrityReport } from '../../contract/views-trust.js';
import type { TrustContext } from '../../books/context.js';

/**
 * What this run of the app knows about its books: the start-up check, the latest full
 * verify, the full verify running after start-up, and the alarm that refuses writing.
 * One record per core, kept in memory only: every start checks the file afresh, so an
 * alarm stored in the file (which an insider could delete) would add nothing.
 */
export interface IntegrityState {
  startup: IntegrityReport | null;
  lastFull: IntegrityReport | null;
  background: BackgroundVerifyStatus | null;
  alarm: IntegrityAlarm | null;
  /** Stops the background verify in flight (its result is then dropped). */
  cancelBackground: (() => void) | null;
}

const states = new WeakMap<TrustContext, IntegrityState>();

export function integrityState(ctx: TrustContext): IntegrityState {
  let s = states.get(ctx);
  if (!s) {
    s = { startup: null, lastFull: null, background: null, alarm: null, cancelBackground: null };
    states.set(ctx, s);
  }
  return s;
}

/** Stops the full verify after start-up if it is still running (a restore replaces the data). */
export function cancelBackgroundVerify(ctx: TrustContext): void {
  integrityState(ctx).cancelBackground?.();
}
