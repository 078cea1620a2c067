import type { IntegrityReport, IntegrityStatus } from '../../contract/views-trust.js';
import type { TrustContext } from '../../books/context.js';
import { describeProblem } from '../../contract/problems.js';
import { audit } from '../../books/audit.js';
import { verifyDatabase, type VerifyProblem } from './verify.js';
import { ensureKeyFingerprint, signCheckpointAtHeads } from './checkpoint.js';
import { fastVerify } from './fast-verify.js';
import { clearAlarm, raiseAlarm } from './alarm.js';
import { cancelBackgroundVerify, integrityState } from './state.js';

export function buildReport(
  ctx: TrustContext,
  mode: 'fast' | 'full',
  started: number,
  problems: VerifyProblem[],
  checked: Record<string, number>,
): IntegrityReport {
  return {
    ok: problems.length === 0,
    mode,
    checkedAt: ctx.clock.now().toISOString(),
    ms: Math.round(performance.now() - started),
    problems: problems.map((p) => ({ ...p, rowId: String(p.rowId), message: describeProblem(p, 'zh') })),
    checked,
  };
}

/** After a verify that passed: move the signed checkpoint to the chain heads. */
function advanceCheckpoint(ctx: TrustContext): void {
  signCheckpointAtHeads(ctx.db, ctx.keyring, ctx.clock.now().toISOString());
}

/**
 * Full verify: every row, every cache, both chains and the signed checkpoint. Slow on a
 * big database (seconds), so it runs on demand (and on a worker thread after start-up,
 * background-verify.ts), not in the start-up path. A failure puts the books in alarm;
 * a pass ends an alarm (the data was put right, by a restore or by hand).
 */
export function runFullVerify(ctx: TrustContext, operatorId: number | null): IntegrityReport {
  const started = performance.now();
  const r = verifyDatabase(ctx.db, { keyring: ctx.keyring });
  const out = buildReport(ctx, 'full', started, r.problems, r.checked);
  audit(ctx.db, out.checkedAt, operatorId, 'integrity.verify', null, { ok: out.ok, problems: r.problems.length, ms: out.ms });
  if (out.ok) {
    advanceCheckpoint(ctx);
    if (clearAlarm(ctx)) audit(ctx.db, out.checkedAt, operatorId, 'integrity.alarm.cleared', null, { ms: out.ms });
  } else raiseAlarm(ctx, 'verify', out);
  integrityState(ctx).lastFull = out;
  return out;
}

/**
 * What a host runs when it opens the core: the fast path since the last checkpoint
 * (milliseconds at millions of rows; a day close moves the checkpoint, so at most about
 * a day of rows). With no checkpoint yet (a new or upgraded installation) it falls back
 * to one full verify, which then sets the first checkpoint. A failure puts the books in
 * alarm (every write refused, alarm.ts); the app still opens, because the administrator
 * needs it to look at what is wrong. Rows older than the checkpoint are the full verify's
 * job, which every host starts on a worker thread right after this (on-open.ts).
 */
export function runStartupCheck(ctx: TrustContext): IntegrityReport {
  const started = performance.now();
  ensureKeyFingerprint(ctx.db, ctx.keyring);
  const fast = fastVerify(ctx.db, ctx.keyring);
  let out: IntegrityReport;
  if (fast.outcome === 'no-checkpoint') {
    const full = verifyDatabase(ctx.db, { keyring: ctx.keyring });
    out = buildReport(ctx, 'full', started, full.problems, full.checked);
  } else {
    out = buildReport(ctx, 'fast', started, fast.problems, fast.checked);
  }
  audit(ctx.db, out.checkedAt, null, out.ok ? 'integrity.startup' : 'integrity.startup.failed', null, {
    mode: out.mode,
    problems: out.problems.length,
    ms: out.ms,
  });
  if (out.ok) advanceCheckpoint(ctx);
  else {
    console.error(`[integrity] start-up check found ${out.problems.length} problem(s); first: ${JSON.stringify(out.problems[0])}`);
    raiseAlarm(ctx, 'startup', out);
  }
  integrityState(ctx).startup = out;
  return out;
}

export function integrityStatus(ctx: TrustContext): IntegrityStatus {
  const s = integrityState(ctx);
  return { startup: s.startup, lastFull: s.lastFull, background: s.background, alarm: s.alarm };
}

/**
 * After a restore the old start-up result no longer describes the data, and a background
 * verify still reading the old file would report on data that is gone: it is stopped.
 */
export function setStartupReport(ctx: TrustContext, r: IntegrityReport): void {
  const s = integrityState(ctx);
  cancelBackgroundVerify(ctx);
  s.startup = r;
  if (r.mode === 'full') s.lastFull = r;
}
