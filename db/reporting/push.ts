/**
 * The network road: when a hub address is set, closed days' reports are pushed over HTTP
 * in the background, oldest first, and retried with a growing pause when the township is
 * unreachable. Nothing here runs inside a sale: the pusher wakes on its own timer, and a
 * slow or absent network only delays the reports, never the counter.
 */
import type { ReportingContext } from '../books/context.js';
import { buildPendingReports } from './build.js';
import { markDelivered, undelivered } from './outbox.js';
import { hubAddress, readRegistration } from './registration.js';

export interface PushState {
  running: boolean;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Seconds until the next try. */
  nextInSeconds: number;
}

export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

const MIN_PAUSE_MS = 30_000;
const MAX_PAUSE_MS = 30 * 60_000;
const REQUEST_TIMEOUT_MS = 20_000;

export class ReportPusher {
  private timer: NodeJS.Timeout | null = null;
  private pauseMs = MIN_PAUSE_MS;
  private busy: Promise<void> | null = null;
  readonly state: PushState = { running: false, lastAttemptAt: null, lastSuccessAt: null, lastError: null, nextInSeconds: 0 };

  constructor(
    private readonly ctx: ReportingContext,
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  start(firstDelayMs = 5_000): void {
    this.state.running = true;
    this.schedule(firstDelayMs);
  }

  stop(): void {
    this.state.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (!this.state.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.state.nextInSeconds = Math.round(ms / 1000);
    this.timer = setTimeout(() => {
      void this.pushNow().then((ok) => {
        this.pauseMs = ok ? MIN_PAUSE_MS : Math.min(this.pauseMs * 2, MAX_PAUSE_MS);
        this.schedule(this.pauseMs);
      });
    }, ms);
    this.timer.unref();
  }

  /** One pass: build what is new, push what waits. True when nothing is left waiting. */
  async pushNow(): Promise<boolean> {
    if (this.busy) {
      await this.busy;
      return this.state.lastError === null;
    }
    let ok = false;
    this.busy = (async () => {
      ok = await this.pass();
    })();
    try {
      await this.busy;
    } finally {
      this.busy = null;
    }
    return ok;
  }

  private async pass(): Promise<boolean> {
    const address = hubAddress(this.ctx);
    if (!address || !readRegistration(this.ctx)) return true;
    this.state.lastAttemptAt = this.ctx.clock.now().toISOString();
    try {
      buildPendingReports(this.ctx);
      for (const r of undelivered(this.ctx, 'push')) {
        const res = await this.fetchImpl(new URL('api/reports', address.endsWith('/') ? address : address + '/').toString(), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: r.file,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await res.text();
        // 200: accepted or already known; 202: held until an earlier day arrives (the hub
        // has it, so it is delivered). Anything else: keep it and try again later.
        if (res.status !== 200 && res.status !== 202) throw new Error(`${r.reportId}: HTTP ${res.status} ${text.slice(0, 200)}`);
        markDelivered(this.ctx, [r.id], 'push');
      }
      this.state.lastError = null;
      this.state.lastSuccessAt = this.ctx.clock.now().toISOString();
      return true;
    } catch (e) {
      this.state.lastError = e instanceof Error ? e.message : String(e);
      return false;
    }
  }
}
