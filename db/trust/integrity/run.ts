import type { IntegrityReport, IntegrityStatus } from '../../contract/views-trust.js';
import type { Core } from '../../core.js';
import { describeProblem } from '../../contract/problems.js';
import { audit } from '../../books/audit.js';
import { verifyDatabase, type VerifyProblem } from './verify.js';
import { ensureKeyFingerprint, signCheckpointAtHeads } from './checkpoint.js';
import { fastVerify } from './fast-verify.js';
import { clearAlarm, raiseAlarm } from './alarm.js';
import { cancelBackgroundVerify, integrityState } from './state.js';

export function buildReport(core: Core, mode: 'fast' | 'full', started: number, problems: VerifyProblem[], checked: Record<string, number>): IntegrityReport {
  return {
    ok: problems.length === 0,
    mode,
    checkedAt: core.clock.now().toISOString(),
    ms: Math.round(performance.now() - started),
    problems: problems.map((p) => ({ ...p, rowId: String(p.rowId), message: describeProblem(p, 'zh') })),
    checked,
  };
}

/** After a verify that passed: move the signed checkpoint to the chain heads. */
function advanceCheckpoint(core: Core): void {
  signCheckpointAtHeads(core.db, core.keyring, core.clock.now().toISOString());
}

/**
 * Full verify: every row, every cache, both chains and the signed checkpoint. Slow on a
 * big database (seconds), so it runs on demand (and on a worker thread after start-up,
 * background-verify.ts), not in the start-up path. A failure puts the books in alarm;
 * a pass ends an alarm (the data was put right, by a restore or by hand).
 */
export function runFullVerify(core: Core, operatorId: number | null): IntegrityReport {
  const started = performance.now();
  const r = verifyDatabase(core.db, { keyring: core.keyring });
  const out = buildReport(core, 'full', started, r.problems, r.checked);
  audit(core.db, out.checkedAt, operatorId, 'integrity.verify', null, { ok: out.ok, problems: r.problems.length, ms: out.ms });
  if (out.ok) {
    advanceCheckpoint(core);
    if (clearAlarm(core)) audit(core.db, out.checkedAt, operatorId, 'integrity.alarm.cleared', null, { ms: out.ms });
  } else raiseAlarm(core, 'verify', out);
  integrityState(core).lastFull = out;
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
export function runStartupCheck(core: Core): IntegrityReport {
  const started = performance.now();
  ensureKeyFingerprint(core.db, core.keyring);
  const fast = fastVerify(core.db, core.keyring);
  let out: IntegrityReport;
  if (fast.outcome === 'no-checkpoint') {
    const full = verifyDatabase(core.db, { keyring: core.keyring });
    out = buildReport(core, 'full', started, full.problems, full.checked);
  } else {
    out = buildReport(core, 'fast', started, fast.problems, fast.checked);
  }
  audit(core.db, out.checkedAt, null, out.ok ? 'integrity.startup' : 'integrity.startup.failed', null, {
    mode: out.mode,
    problems: out.problems.length,
    ms: out.ms,
  });
  if (out.ok) advanceCheckpoint(core);
  else {
    console.error(`[integrity] start-up check found ${out.problems.length} problem(s); first: ${JSON.stringify(out.problems[0])}`);
    raiseAlarm(core, 'startup', out);
  }
  integrityState(core).startup = out;
  return out;
}

export function integrityStatus(core: Core): IntegrityStatus {
  const s = integrityState(core);
  return { startup: s.startup, lastFull: s.lastFull, background: s.background, alarm: s.alarm };
}

/**
 * After a restore the old start-up result no longer describes the data, and a background
 * verify still reading the old file would report on data that is gone: it is stopped.
 */
export function setStartupReport(core: Core, r: IntegrityReport): void {
  const s = integrityState(core);
  cancelBackgroundVerify(core);
  s.startup = r;
  if (r.mode === 'full') s.lastFull = r;
}
