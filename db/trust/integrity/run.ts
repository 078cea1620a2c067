import type { IntegrityReport, IntegrityStatus } from '../../contract/views-trust.js';
import type { Core } from '../../core.js';
import { describeProblem } from '../../contract/problems.js';
import { audit } from '../../books/audit.js';
import { verifyDatabase, type VerifyProblem } from './verify.js';
import { currentHeads, ensureKeyFingerprint, writeCheckpoint } from './checkpoint.js';
import { fastVerify } from './fast-verify.js';

const status = new WeakMap<Core, IntegrityStatus>();

function report(core: Core, mode: 'fast' | 'full', started: number, problems: VerifyProblem[], checked: Record<string, number>): IntegrityReport {
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
  core.db.transaction(() => writeCheckpoint(core.db, core.keyring, currentHeads(core.db, core.clock.now().toISOString())))();
}

/**
 * Full verify: every row, every cache, both chains and the signed checkpoint. Slow on a
 * big database (seconds), so it runs on demand, not at every start.
 */
export function runFullVerify(core: Core, operatorId: number | null): IntegrityReport {
  const started = performance.now();
  const r = verifyDatabase(core.db, { keyring: core.keyring });
  const out = report(core, 'full', started, r.problems, r.checked);
  audit(core.db, out.checkedAt, operatorId, 'integrity.verify', null, { ok: out.ok, problems: r.problems.length, ms: out.ms });
  if (out.ok) advanceCheckpoint(core);
  const s = status.get(core) ?? { startup: null, lastFull: null };
  status.set(core, { ...s, lastFull: out });
  return out;
}

/**
 * What a host runs when it opens the core: the fast path since the last checkpoint
 * (milliseconds at millions of rows). With no checkpoint yet (a new or upgraded
 * installation) it falls back to one full verify, which then sets the first checkpoint.
 * The result is kept for the UI's banner; it never stops the app from opening, because
 * the administrator needs the app to look at what is wrong.
 */
export function runStartupCheck(core: Core): IntegrityReport {
  const started = performance.now();
  ensureKeyFingerprint(core.db, core.keyring);
  const fast = fastVerify(core.db, core.keyring);
  let out: IntegrityReport;
  if (fast.outcome === 'no-checkpoint') {
    const full = verifyDatabase(core.db, { keyring: core.keyring });
    out = report(core, 'full', started, full.problems, full.checked);
  } else {
    out = report(core, 'fast', started, fast.problems, fast.checked);
  }
  audit(core.db, out.checkedAt, null, out.ok ? 'integrity.startup' : 'integrity.startup.failed', null, { mode: out.mode, problems: out.problems.length, ms: out.ms });
  if (out.ok) advanceCheckpoint(core);
  else console.error(`[integrity] start-up check found ${out.problems.length} problem(s); first: ${JSON.stringify(out.problems[0])}`);
  const s = status.get(core) ?? { startup: null, lastFull: null };
  status.set(core, { ...s, startup: out });
  return out;
}

export function integrityStatus(core: Core): IntegrityStatus {
  return status.get(core) ?? { startup: null, lastFull: null };
}

/** After a restore the old start-up result no longer describes the data. */
export function setStartupReport(core: Core, r: IntegrityReport): void {
  const s = status.get(core) ?? { startup: null, lastFull: null };
  status.set(core, { ...s, startup: r, lastFull: r.mode === 'full' ? r : s.lastFull });
}
