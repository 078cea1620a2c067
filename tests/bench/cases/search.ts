/**
 * Name and pinyin search at the counter, through lookup() as the scan box calls it:
 * exact names, surname-only prefixes (the worst case: thousands of 王), pinyin initials
 * and full-pinyin prefixes. Checks the ranking too: an exact name or exact initials
 * match must come first.
 */
import type { Core } from '../../../db/core.js';
import type { HouseholdSummary, LookupResult } from '../../../db/contract/views.js';
import { searchKeys } from '../../../db/domain/pinyin.js';
import { lookup } from '../../../db/households/households.js';
import type { BenchDb } from '../build/database.js';
import type { BenchConfig } from '../config.js';
import { ms, type CaseResult } from '../result.js';
import { pickFrom, summarize, timeSync } from '../stats.js';

type QueryKind = 'name' | 'surname' | 'initials' | 'pinyinPrefix';

function firstName(r: LookupResult): string[] {
  if (r.kind === 'household') return r.household.members.map((m) => m.name);
  if (r.kind === 'matches') {
    const m: HouseholdSummary = r.matches[0]!;
    return [m.matchedMember ?? m.headName];
  }
  return [];
}

export function searchCase(core: Core, bench: BenchDb, cfg: BenchConfig, rand: () => number): CaseResult {
  const queries: { kind: QueryKind; q: string; expectFirst: (names: string[]) => boolean }[] = [];
  for (let i = 0; i < 100; i++) {
    const h = pickFrom(rand, bench.households.all);
    const name = pickFrom(rand, h.memberNames);
    const keys = searchKeys(name);
    queries.push({ kind: 'name', q: name, expectFirst: (names) => names.includes(name) });
    queries.push({ kind: 'surname', q: name.slice(0, 1), expectFirst: (names) => names.some((n) => n.startsWith(name.slice(0, 1))) });
    queries.push({ kind: 'initials', q: keys.initials, expectFirst: (names) => names.some((n) => searchKeys(n).initials === keys.initials) });
    const prefix = keys.full.slice(0, Math.max(2, Math.ceil(keys.full.length * 0.6)));
    queries.push({ kind: 'pinyinPrefix', q: prefix, expectFirst: (names) => names.some((n) => searchKeys(n).full.startsWith(prefix)) });
  }
  for (const { q } of queries.slice(0, 40)) lookup(core, q);

  const samples: Record<QueryKind, number[]> = { name: [], surname: [], initials: [], pinyinPrefix: [] };
  const cpu: number[] = [];
  let rankedOk = 0;
  let rankedChecked = 0;
  let matchCounts = 0;
  for (let round = 0; round < cfg.searchRounds; round++) {
    for (const { kind, q, expectFirst } of queries) {
      const t = timeSync(() => lookup(core, q));
      samples[kind].push(t.ms);
      cpu.push(t.cpuMs);
      if (round === 0) {
        rankedChecked++;
        if (expectFirst(firstName(t.value))) rankedOk++;
        if (t.value.kind === 'matches') matchCounts += t.value.matches.length;
      }
    }
  }
  const all = summarize(Object.values(samples).flat());
  const by = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
  const ranked = rankedOk === rankedChecked;
  const c = summarize(cpu);
  return {
    id: 'search',
    title: 'Name / pinyin-initials search, ranked',
    size: `${bench.households.all.length.toLocaleString('en')} households`,
    target: 'p99 ≤ 10 ms, ranked',
    figure: `p99 ${ms(all.p99)}, median ${ms(all.median)}; ranked ${rankedOk}/${rankedChecked}`,
    met: all.p99 <= 10 && ranked,
    cpuFigure: `p99 ${ms(c.p99)}, median ${ms(c.median)}`,
    metOnCpu: c.p99 <= 10 && ranked,
    note: Object.entries(by)
      .map(([k, s]) => `${k} p99 ${ms(s.p99)}`)
      .join(', '),
    data: { all, cpu: c, byKind: by, rankedOk, rankedChecked, avgMatchesListed: matchCounts / Math.max(1, rankedChecked) },
  };
}
