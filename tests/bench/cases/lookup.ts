/**
 * Finding a household at the counter: by ID number (keyed hash), by card QR payload, by
 * household number, through the core's lookup() exactly as the counter calls it. The
 * raw baseline runs the same SQL with statements prepared once, on the same connection.
 */
import type { Core } from '../../../db/core.js';
import { makeCardCode } from '../../../db/domain/card-code.js';
import { lookup } from '../../../db/households/households.js';
import type { Db } from '../../../db/platform/open.js';
import type { BenchDb } from '../build/database.js';
import type { BenchConfig } from '../config.js';
import { ms, type CaseResult } from '../result.js';
import { sample, summarize, timeSync } from '../stats.js';

/** householdView's five queries, prepared once: what the core's work costs in SQLite alone. */
export function rawHouseholdView(db: Db) {
  const h = db.prepare(
    `SELECT h.id, h.number, h.head_name, h.address, h.phone, h.status, h.card_version, g.name AS group_name
     FROM households h JOIN village_groups g ON g.id = h.group_id WHERE h.id = ?`,
  );
  const members = db.prepare('SELECT id, name, relation, is_head, id_masked FROM members WHERE household_id = ? AND active = 1 ORDER BY is_head DESC, id');
  const accounts = db.prepare(
    `SELECT p.id, p.name, p.spendable, p.is_default, COALESCE(a.balance, 0) AS balance, COALESCE(a.honour_total, 0) AS honour_total
     FROM passbooks p LEFT JOIN accounts a ON a.passbook_id = p.id AND a.household_id = ? ORDER BY p.sort, p.id`,
  );
  const recent = db.prepare(
    `SELECT l.id, p.name AS passbook_name, l.kind, l.amount, l.balance_after, l.business_date, l.created_at, o.name AS operator_name, l.note
     FROM ledger l JOIN passbooks p ON p.id = l.passbook_id JOIN operators o ON o.id = l.operator_id
     WHERE l.household_id = ? ORDER BY l.id DESC LIMIT ?`,
  );
  return (id: number) => [h.get(id), members.all(id), accounts.all(id), recent.all(id, 10)];
}

type Kind = 'id' | 'qr' | 'number';

export function lookupCase(core: Core, bench: BenchDb, cfg: BenchConfig, rand: () => number): CaseResult {
  const picks = sample(rand, bench.households.all, cfg.lookupsPerKind);
  const queries: Record<Kind, { q: string; id: number }[]> = {
    id: picks.map((h) => ({ q: h.idNumbers[Math.floor(rand() * h.idNumbers.length)]!, id: h.id })),
    qr: picks.map((h) => ({ q: makeCardCode(core.keyring, h.number, 1), id: h.id })),
    number: picks.map((h) => ({ q: h.number, id: h.id })),
  };
  const view = rawHouseholdView(core.db);
  const byHash = core.db.prepare('SELECT household_id FROM members WHERE id_hash = ? AND active = 1').pluck();
  const byNumber = core.db.prepare('SELECT id, card_version FROM households WHERE number = ?');
  const raw: Record<Kind, (q: string) => unknown> = {
    id: (q) => view(byHash.get(core.keyring.idHash(q.toUpperCase())) as number),
    qr: (q) => {
      const [, number, version, sig] = q.split('.') as [string, string, string, string];
      if (core.keyring.cardSignature(`${number}.${version}`) !== sig) throw new Error('bad card');
      return view((byNumber.get(number) as { id: number }).id);
    },
    number: (q) => view((byNumber.get(q) as { id: number }).id),
  };

  const data: Record<string, unknown> = {};
  let worstP99 = 0;
  let worstCpuP99 = 0;
  const cpuParts: string[] = [];
  const parts: string[] = [];
  const rawParts: string[] = [];
  for (const kind of ['id', 'qr', 'number'] as const) {
    // Warm-up: the first calls pay for compiling statements and filling the page cache.
    for (const { q } of queries[kind].slice(0, 50)) lookup(core, q);
    const cpu: number[] = [];
    const core_: number[] = [];
    const raw_: number[] = [];
    // Core and raw alternate query by query, so that whatever else the machine is doing
    // (another process taking the core, a page not yet in the OS cache) falls on both
    // alike; which goes first alternates too, so neither always finds the pages warm.
    queries[kind].forEach(({ q, id }, i) => {
      const viaRaw = () => raw_.push(timeSync(() => raw[kind](q)).ms);
      if (i % 2 === 1) viaRaw();
      const t = timeSync(() => lookup(core, q));
      if (t.value.kind !== 'household' || t.value.household.id !== id) throw new Error(`lookup ${kind} found the wrong household`);
      cpu.push(t.cpuMs);
      core_.push(t.ms);
      if (i % 2 === 0) viaRaw();
    });
    const s = summarize(core_);
    const r = summarize(raw_);
    const c = summarize(cpu);
    data[kind] = { core: s, coreCpu: c, raw: r, ratioMedian: s.median / r.median };
    worstP99 = Math.max(worstP99, s.p99);
    worstCpuP99 = Math.max(worstCpuP99, c.p99);
    cpuParts.push(`${kind} ${ms(c.median)} / ${ms(c.p99)}`);
    parts.push(`${kind} ${ms(s.median)} / ${ms(s.p99)}`);
    rawParts.push(`${kind} ×${(s.median / r.median).toFixed(1)} (raw p99 ${ms(r.p99)})`);
  }
  return {
    id: 'lookup',
    title: 'Find a household (ID hash, QR, number), core lookup()',
    size: `${bench.households.all.length.toLocaleString('en')} households, ${bench.ledgerRows.toLocaleString('en')} ledger rows`,
    target: 'p99 ≤ 1 ms',
    figure: `p99 ${ms(worstP99)} (median / p99: ${parts.join('; ')})`,
    met: worstP99 <= 1,
    cpuFigure: `p99 ${ms(worstCpuP99)} (${cpuParts.join('; ')})`,
    metOnCpu: worstCpuP99 <= 1,
    vsRaw: `median ${rawParts.join(', ')}`,
    data,
  };
}
