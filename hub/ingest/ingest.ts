/**
 * Ingest: one report file into the hub, in one transaction (everything or nothing).
 *
 *  - known: the same report again; nothing changes.
 *  - accepted: it continues the store's last accepted day (it names that day as the one
 *    before it, and its "before" chain heads equal that day's "after" heads); then any
 *    held reports that now follow are accepted too.
 *  - held: it names a day the hub has not received; it waits, and the gap is listed.
 *  - fork: it contradicts what was accepted (other rows under the same report id, a chain
 *    that no longer continues, a replacement that changes earlier rows); it is kept as an
 *    alert naming the store, the day and the first differing row, and never merged.
 *  - refused (HubRefusal): unknown store, bad signature, truncated or malformed file, rows
 *    that do not add up to the summary.
 */
import { HEAD_KEYS_V2, type Heads, type ReportBody } from '../../db/reporting/format/report.js';
import type { Engine, Sql } from '../db/engine.js';
import { firstDifference, type RowDifference } from './compare.js';
import { applyFacts, FactsBatch, REPORT_COLUMNS } from './facts.js';
import { HubRefusal } from '../registry.js';
import { readReport, type ReadReport } from './read.js';

export type IngestOutcome =
  | { outcome: 'known' | 'accepted' | 'held'; reportId: string; released?: string[] }
  | { outcome: 'fork'; reportId: string; reason: string; difference: RowDifference | null };

type StoredReport = {
  business_date: string;
  version: number;
  report_id: string;
  status: string;
  body_sha256: string;
  before_heads: Heads;
  after_heads: Heads;
  envelope: string;
};

/**
 * Does `received` start where `expected` ended? The seal and close heads count once the
 * hub holds them (format 2): a report without them after one with them is a chain that
 * does not continue (a store cannot drop the seal chain by sending an older format).
 */
const sameHeads = (expected: Heads, received: Heads) =>
  expected.ledgerId === received.ledgerId &&
  expected.ledgerHash === received.ledgerHash &&
  expected.auditId === received.auditId &&
  expected.auditHash === received.auditHash &&
  expected.stockId === received.stockId &&
  HEAD_KEYS_V2.every((k) => expected[k] === undefined || expected[k] === received[k]);

/** Which chain broke first, for the fork alert (the ledger, then stock, seals, closes, audit). */
function brokenChain(expected: Heads, received: Heads): RowDifference {
  if (expected.ledgerId !== received.ledgerId || expected.ledgerHash !== received.ledgerHash) {
    return { table: 'ledger', rowId: expected.ledgerId, column: 'hash', accepted: expected.ledgerHash, received: received.ledgerHash };
  }
  if (expected.stockId !== received.stockId)
    return { table: 'stock_movements', rowId: expected.stockId, column: 'id', accepted: expected.stockId, received: received.stockId };
  if (expected.sealId !== undefined && (expected.sealId !== received.sealId || expected.sealHash !== received.sealHash)) {
    return { table: 'row_seals', rowId: expected.sealId, column: 'hash', accepted: expected.sealHash ?? null, received: received.sealHash ?? 'absent' };
  }
  if (expected.closeId !== undefined && (expected.closeId !== received.closeId || expected.closeHash !== received.closeHash)) {
    return {
      table: 'day_closes',
      rowId: expected.closeId,
      column: 'summary_hash',
      accepted: expected.closeHash ?? null,
      received: received.closeHash ?? 'absent',
    };
  }
  return { table: 'audit_log', rowId: expected.auditId, column: 'hash', accepted: expected.auditHash, received: received.auditHash };
}

function bodyOf(envelope: string): ReportBody {
  return JSON.parse((JSON.parse(envelope) as { body: string }).body) as ReportBody;
}

type LastAccepted = { business_date: string; after_heads: Heads; outstanding: number | null };

/** What the hub holds for a store, as decide() needs it. */
interface StoreState {
  versions: StoredReport[];
  last: LastAccepted | null;
  anyHeld: boolean;
}

/**
 * What the hub holds for each report's store, in one round trip, locking the stores' rows
 * so that one store's reports are decided one at a time: every version of the report's
 * day (usually none), the store's last accepted day ("after" heads and the balance sum at
 * its end), and whether any report of the store is held. The rows are locked in
 * village-code order, so two transactions locking several stores cannot deadlock.
 * `keys`: one report per store.
 */
async function storeStates(tx: Sql, keys: { village: string; date: string }[]): Promise<Map<string, StoreState>> {
  const rows = await tx.query<{ village_code: string; versions: StoredReport[]; last: LastAccepted | null; any_held: boolean }>(
    `SELECT s.village_code,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('business_date', v.business_date::text, 'version', v.version, 'report_id', v.report_id,
                 'status', v.status, 'body_sha256', v.body_sha256, 'before_heads', v.before_heads, 'after_heads', v.after_heads,
                 'envelope', v.envelope) ORDER BY v.version DESC), '[]'::jsonb)
        FROM reports v WHERE v.village_code = s.village_code AND v.business_date = q.d) AS versions,
       (SELECT jsonb_build_object('business_date', r.business_date::text, 'after_heads', r.after_heads,
                 'outstanding', (SELECT d.outstanding::float8 FROM village_days d WHERE d.village_code = r.village_code AND d.business_date = r.business_date))
        FROM (SELECT a.village_code, a.business_date, a.after_heads FROM reports a WHERE a.village_code = s.village_code AND a.status = 'accepted'
              ORDER BY a.business_date DESC, a.version DESC LIMIT 1) r) AS last,
       EXISTS (SELECT 1 FROM reports h WHERE h.village_code = s.village_code AND h.status = 'held') AS any_held
     FROM stores s JOIN unnest($1::text[], $2::date[]) AS q(v, d) ON s.village_code = q.v
     ORDER BY s.village_code FOR UPDATE OF s`,
    [keys.map((k) => k.village), keys.map((k) => k.date)],
  );
  return new Map(rows.map((r) => [r.village_code, { versions: r.versions, last: r.last, anyHeld: r.any_held }]));
}

async function storeState(tx: Sql, village: string, date: string): Promise<StoreState> {
  return (await storeStates(tx, [{ village, date }])).get(village) ?? { versions: [], last: null, anyHeld: false };
}

async function recordFork(tx: Sql, rep: ReadReport, reason: string, difference: RowDifference | null): Promise<IngestOutcome> {
  const b = rep.body;
  await tx.query(
    `INSERT INTO alerts (village_code, business_date, kind, report_id, body_sha256, detail, envelope) VALUES ($1, $2, 'fork', $3, $4, $5, $6)
     ON CONFLICT DO NOTHING`,
    [b.villageCode, b.date, b.reportId, rep.bodySha256, JSON.stringify({ reason, difference }), rep.envelope],
  );
  return { outcome: 'fork', reportId: b.reportId, reason, difference };
}

async function outstandingBefore(tx: Sql, village: string, date: string): Promise<number> {
  const [r] = await tx.query<{ o: number | null }>(
    'SELECT outstanding::float8 AS o FROM village_days WHERE village_code = $1 AND business_date < $2 ORDER BY business_date DESC LIMIT 1',
    [village, date],
  );
  return r?.o ?? 0;
}

/** The reports row of a received report: its columns' values, in REPORT_COLUMNS order. */
function reportRow(rep: ReadReport, status: 'accepted' | 'held'): unknown[] {
  const b = rep.body;
  return [
    b.villageCode,
    b.date,
    b.version,
    b.reportId,
    status,
    b.prevDate,
    rep.bodySha256,
    JSON.stringify(b.heads.before),
    JSON.stringify(b.heads.after),
    rep.envelope,
  ];
}

async function store(tx: Sql, rep: ReadReport, status: 'accepted' | 'held'): Promise<void> {
  await tx.query(`INSERT INTO reports (${REPORT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, reportRow(rep, status));
}

/**
 * Decides a report against what the hub holds for its store (read under the store's lock;
 * `state`: already read with the lock taken, by the batch).
 */
async function decide(tx: Sql, rep: ReadReport, months?: Set<string>, state?: StoreState, batch?: FactsBatch): Promise<IngestOutcome & { anyHeld?: boolean }> {
  const b = rep.body;
  const v = b.villageCode;
  // A fork seen before is recorded once: the alerts table is unique per received body.
  const { versions, last, anyHeld } = state ?? (await storeState(tx, v, b.date));
  const same = versions.find((r) => r.version === b.version);
  if (same) {
    if (same.body_sha256 === rep.bodySha256) return { outcome: 'known', reportId: b.reportId };
    return recordFork(tx, rep, 'same-report-differs', firstDifference(bodyOf(same.envelope), b));
  }

  // A later version of a day the hub holds: the same start, and no accepted row changed.
  const older = versions.find((r) => r.status === 'accepted' || r.status === 'held');
  if (older) {
    if (b.version < older.version) return { outcome: 'known', reportId: b.reportId };
    const diff = firstDifference(bodyOf(older.envelope), b, true);
    if (diff || !sameHeads(older.before_heads, b.heads.before)) return recordFork(tx, rep, 'replacement-changes-history', diff);
    await tx.query(`UPDATE reports SET status = 'superseded' WHERE village_code = $1 AND business_date = $2 AND version = $3`, [v, b.date, older.version]);
    if (older.status === 'held') {
      await store(tx, rep, 'held');
      return { outcome: 'held', reportId: b.reportId };
    }
    const before = await outstandingBefore(tx, v, b.date);
    const [prevDay] = await tx.query<{ net: number }>('SELECT net::float8 AS net FROM village_days WHERE village_code = $1 AND business_date = $2', [
      v,
      b.date,
    ]);
    await store(tx, rep, 'accepted');
    const t = await applyFacts(tx, b, rep.bodySha256, before, months, true);
    // Later days' balances move by what the new version added.
    const delta = t.net - (prevDay?.net ?? 0);
    if (delta !== 0)
      await tx.query('UPDATE village_days SET outstanding = outstanding + $3 WHERE village_code = $1 AND business_date > $2', [v, b.date, delta]);
    return { outcome: 'accepted', reportId: b.reportId };
  }

  const lastDate = last?.business_date ?? null;
  if (lastDate !== null && b.date <= lastDate) return recordFork(tx, rep, 'day-inserted-before-last-accepted', null);
  if (b.prevDate === lastDate) {
    const expected = last ? last.after_heads : null;
    if (expected && !sameHeads(expected, b.heads.before)) {
      return recordFork(tx, rep, 'chain-does-not-continue', brokenChain(expected, b.heads.before));
    }
    if (!expected && b.prevDate === null && (b.heads.before.ledgerId !== 0 || b.heads.before.auditId !== 0)) {
      return recordFork(tx, rep, 'first-report-not-at-start', null);
    }
    // The report's row and its facts in one statement (one round trip), or in the batch's
    // one statement when nothing later in the transaction reads them (no held report to release).
    if (batch && !anyHeld) await batch.add(tx, b, rep.bodySha256, last?.outstanding ?? 0, months, reportRow(rep, 'accepted'));
    else await applyFacts(tx, b, rep.bodySha256, last?.outstanding ?? 0, months, false, reportRow(rep, 'accepted'));
    return { outcome: 'accepted', reportId: b.reportId, anyHeld };
  }
  if (lastDate === null || (b.prevDate !== null && b.prevDate > lastDate)) {
    await store(tx, rep, 'held');
    return { outcome: 'held', reportId: b.reportId };
  }
  // It names a day before the last accepted one as its predecessor: it skips accepted days.
  return recordFork(tx, rep, 'skips-accepted-days', null);
}

/** Held reports that follow the day just accepted: decided again, oldest first. */
async function release(tx: Sql, village: string, acceptedDate: string, months?: Set<string>): Promise<string[]> {
  const released: string[] = [];
  let last = acceptedDate;
  for (;;) {
    const [next] = await tx.query<{ envelope: string; business_date: string }>(
      `SELECT envelope, business_date::text AS business_date FROM reports
       WHERE village_code = $1 AND status = 'held' AND prev_date = $2 ORDER BY business_date, version DESC LIMIT 1`,
      [village, last],
    );
    if (!next) return released;
    await tx.query('DELETE FROM reports WHERE village_code = $1 AND business_date = $2 AND status = $3', [village, next.business_date, 'held']);
    const rep = await readReport(tx, next.envelope);
    const out = await decide(tx, rep, months);
    if (out.outcome !== 'accepted') return released;
    released.push(rep.body.reportId);
    last = rep.body.date;
  }
}

/** A report refused by its checks or by the database (a value its column cannot hold). */
export type Refused = { outcome: 'refused'; code: string; reason: string };
export type BatchOutcome = IngestOutcome | Refused;

/**
 * A value that a column cannot hold (SQLSTATE class 22, data exception) or a broken
 * constraint (class 23) is the report's fault, not the hub's: its transaction is undone
 * and the report refused with the database's reason. Anything else (a lost connection)
 * is thrown as it is.
 */
function asRefusal(e: unknown): HubRefusal | null {
  if (e instanceof HubRefusal) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^2[23]/.test(code)) return null;
  const message = e instanceof Error ? e.message : String(e);
  return new HubRefusal('UNSTORABLE', `日报中的数据无法存入（${message}）/ the report holds data the hub cannot store: ${message}`);
}

/**
 * Checked reports of distinct stores in one transaction (one commit, and one round trip
 * that locks every store and reads its state). Outcomes in the reports' order.
 */
async function ingestTogether(engine: Engine, reps: ReadReport[], months?: Set<string>): Promise<IngestOutcome[]> {
  // Months whose partitions exist for this transaction: the committed ones and those it made.
  const seen = months ? new Set(months) : undefined;
  const outs = await engine.transaction(async (tx): Promise<IngestOutcome[]> => {
    const states = await storeStates(
      tx,
      reps.map((r) => ({ village: r.body.villageCode, date: r.body.date })),
    );
    const outs: IngestOutcome[] = [];
    const batch = new FactsBatch();
    for (const rep of reps) {
      const { anyHeld, ...out } = await decide(tx, rep, seen, states.get(rep.body.villageCode) ?? { versions: [], last: null, anyHeld: false }, batch);
      let result: IngestOutcome = out;
      // Held reports wait only when the store has any (`known` reads no state: look then too).
      if ((out.outcome === 'accepted' && anyHeld !== false) || out.outcome === 'known') {
        const released = await release(tx, rep.body.villageCode, rep.body.date, seen);
        if (released.length) result = { ...out, released };
      }
      if (seen && result.outcome === 'accepted') for (const id of [result.reportId, ...(result.released ?? [])]) seen.add(id.split('/')[1]!.slice(0, 7));
      outs.push(result);
    }
    await batch.flush(tx);
    return outs;
  });
  // Committed: the months of what was accepted now have their partitions for everyone.
  if (months && seen) for (const m of seen) months.add(m);
  return outs;
}

/**
 * Checked reports, stored in as few transactions as their stores allow: reports of
 * distinct stores share one (a store's later report goes into a later one, after its
 * earlier report). When a shared transaction fails, nothing of it is kept and its reports
 * go in again one per transaction, so that the one at fault is refused alone and the
 * others are accepted (the happy path pays no savepoint round trips for this).
 */
export async function ingestChecked(engine: Engine, reps: ReadReport[], months?: Set<string>): Promise<BatchOutcome[]> {
  const groups: number[][] = [];
  const lastGroup = new Map<string, number>();
  for (const [i, rep] of reps.entries()) {
    const g = (lastGroup.get(rep.body.villageCode) ?? -1) + 1;
    lastGroup.set(rep.body.villageCode, g);
    (groups[g] ??= []).push(i);
  }
  const outs: BatchOutcome[] = new Array<BatchOutcome>(reps.length);
  const alone = async (i: number) => {
    try {
      outs[i] = (await ingestTogether(engine, [reps[i]!], months))[0]!;
    } catch (e) {
      const refusal = asRefusal(e);
      if (!refusal) throw e;
      outs[i] = { outcome: 'refused', code: refusal.code, reason: refusal.message };
    }
  };
  for (const group of groups) {
    if (group.length === 1) {
      await alone(group[0]!);
      continue;
    }
    try {
      const got = await ingestTogether(
        engine,
        group.map((i) => reps[i]!),
        months,
      );
      for (const [k, i] of group.entries()) outs[i] = got[k]!;
    } catch (e) {
      if (!asRefusal(e)) throw e;
      for (const i of group) await alone(i);
    }
  }
  return outs;
}

/** Report texts: each checked (a refusal names its reason), then stored by ingestChecked. */
export async function ingestTexts(engine: Engine, texts: string[], months?: Set<string>): Promise<BatchOutcome[]> {
  const outs: (BatchOutcome | undefined)[] = [];
  const checked: ReadReport[] = [];
  const at: number[] = [];
  for (const text of texts) {
    try {
      checked.push(await readReport(engine, text, engine));
      at.push(outs.length);
      outs.push(undefined);
    } catch (e) {
      if (!(e instanceof HubRefusal)) throw e;
      outs.push({ outcome: 'refused', code: e.code, reason: e.message });
    }
  }
  const stored = await ingestChecked(engine, checked, months);
  for (const [k, i] of at.entries()) outs[i] = stored[k];
  return outs as BatchOutcome[];
}

/** One report text (a push, a single file): refused with a HubRefusal, else its outcome. */
export async function ingestText(engine: Engine, text: string, months?: Set<string>): Promise<IngestOutcome> {
  // The checks that need no transaction (parse, signature, schema, summary) come first,
  // so a pooled connection is held only for the decision and the writes.
  const rep = await readReport(engine, text, engine);
  try {
    return (await ingestTogether(engine, [rep], months))[0]!;
  } catch (e) {
    throw asRefusal(e) ?? e;
  }
}
