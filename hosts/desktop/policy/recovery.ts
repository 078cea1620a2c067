/**
 * What to do when the page dies or hangs. A blank kiosk helps nobody: the page is
 * reloaded and the keeper told what happened (the core never holds half a sale, so the
 * worst case is a cart to scan again). A page that keeps dying is not reloaded forever:
 * after MAX_RELOADS within WINDOW_MS the app says so and stops trying.
 */
export const MAX_RELOADS = 3;
export const WINDOW_MS = 5 * 60_000;
/** A hung page gets this long to recover by itself before it is reloaded. */
export const HANG_GRACE_MS = 15_000;

export type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

export type RecoveryAction = { kind: 'ignore' } | { kind: 'reload'; message: string } | { kind: 'give-up'; message: string };

const RELOADED =
  '界面意外停止，已重新载入。请在记录中核对刚才的操作是否已完成：每笔兑换要么完整记账，要么完全没有。\nThe screen stopped unexpectedly and was reloaded. Check in the records whether the last action went through: a redemption is either booked whole or not at all.';
const GAVE_UP =
  '界面反复停止，已不再自动重新载入。请重新启动积分超市；如仍出现，请联系维护人员。\nThe screen keeps stopping; it is no longer reloaded automatically. Restart the points store, and call for maintenance if it happens again.';

export class RecoveryPolicy {
  private readonly reloads: number[] = [];

  /** `now`: milliseconds (Date.now()); passed in so tests need no clock. */
  onGone(reason: GoneReason | string, now: number): RecoveryAction {
    // The page ends cleanly only when the window is closing: nothing to recover.
    if (reason === 'clean-exit') return { kind: 'ignore' };
    return this.reloadUnlessLooping(now);
  }

  /** The page stayed unresponsive for HANG_GRACE_MS. */
  onHung(now: number): RecoveryAction {
    return this.reloadUnlessLooping(now);
  }

  private reloadUnlessLooping(now: number): RecoveryAction {
    while (this.reloads.length > 0 && now - this.reloads[0]! > WINDOW_MS) this.reloads.shift();
    if (this.reloads.length >= MAX_RELOADS) return { kind: 'give-up', message: GAVE_UP };
    this.reloads.push(now);
    return { kind: 'reload', message: RELOADED };
  }
}
