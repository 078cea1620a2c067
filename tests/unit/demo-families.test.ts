/**
 * The demo village's families must read as real ones to a shopkeeper trying the counter
 * (issue 14: two fathers in one household, a granddaughter born in 1943). Checked for the
 * village every fresh demo loads and, as a property, for other seeds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoPlan, type DemoHousehold } from '../../db/demo/village.js';
import { validateResidentId } from '../../db/domain/resident-id.js';

/** The demo counts ages from this year (db/demo/village.ts). */
const YEAR = 2025;
const MALE = new Set(['子', '孙子', '父亲']);
const FEMALE = new Set(['女', '孙女', '儿媳', '母亲']);

const age = (idNumber: string) => YEAR - Number(idNumber.slice(6, 10));
const isMale = (idNumber: string) => Number(idNumber[16]) % 2 === 1;

/** Every way a household can be implausible, as sentences (empty: plausible). */
function problems(h: DemoHousehold): string[] {
  const out: string[] = [];
  const say = (what: string) => out.push(`${h.number}: ${what}`);
  const by = (relation: string) => h.members.filter((m) => m.relation === relation);
  const head = h.members[0]!;
  if (head.relation !== '户主' || by('户主').length !== 1) say('one head, listed first');
  const headAge = age(head.idNumber);
  if (headAge < 18 || headAge > 90) say(`head aged ${headAge}`);
  for (const m of h.members) {
    if (!validateResidentId(m.idNumber, new Date('2026-12-31T00:00:00Z')).ok) say(`${m.name}: invalid ID ${m.idNumber}`);
    const a = age(m.idNumber);
    if (a < 0 || a > 100) say(`${m.name} aged ${a}`);
    if (MALE.has(m.relation) && !isMale(m.idNumber)) say(`${m.name} (${m.relation}) has a woman's ID number`);
    if (FEMALE.has(m.relation) && isMale(m.idNumber)) say(`${m.name} (${m.relation}) has a man's ID number`);
  }
  const spouses = by('配偶');
  if (spouses.length > 1) say('two spouses');
  for (const s of spouses) {
    if (Math.abs(age(s.idNumber) - headAge) > 10) say(`spouse ${age(s.idNumber)}, head ${headAge}`);
    if (isMale(s.idNumber) === isMale(head.idNumber)) say('spouse of the same sex as the head');
  }
  const parents = [...by('父亲'), ...by('母亲')];
  if (parents.length > 1) say('more than one parent');
  for (const p of parents) if (age(p.idNumber) - headAge < 18 || age(p.idNumber) - headAge > 45) say(`parent ${age(p.idNumber)}, head ${headAge}`);
  const children = [...by('子'), ...by('女')];
  for (const c of children) if (headAge - age(c.idNumber) < 18 || headAge - age(c.idNumber) > 45) say(`child ${age(c.idNumber)}, head ${headAge}`);
  const sons = by('子');
  const daughtersInLaw = by('儿媳');
  if (daughtersInLaw.length > sons.length) say('more sons’ wives than sons');
  for (const d of daughtersInLaw) if (age(d.idNumber) < 20) say(`son's wife aged ${age(d.idNumber)}`);
  const eldestSon = Math.max(-1, ...sons.map((s) => age(s.idNumber)));
  for (const g of [...by('孙子'), ...by('孙女')]) {
    if (eldestSon < 0) say('a grandchild without a son');
    else if (eldestSon - age(g.idNumber) < 18) say(`grandchild ${age(g.idNumber)}, eldest son ${eldestSon}`);
    if (headAge - age(g.idNumber) < 36) say(`grandchild ${age(g.idNumber)}, head ${headAge}`);
  }
  return out;
}

describe('the demo families', () => {
  it('the village every fresh demo loads: one head, ages and relations that fit, sex digits that agree', () => {
    const plan = demoPlan();
    expect(plan.households.flatMap(problems)).toEqual([]);
    // Not trivially plausible: the village has every kind of member the counter shows.
    const relations = new Set(plan.households.flatMap((h) => h.members.map((m) => m.relation)));
    for (const r of ['户主', '配偶', '子', '女', '儿媳', '孙子', '孙女', '父亲', '母亲']) expect(relations, r).toContain(r);
  });

  it('any seed gives plausible families (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        expect(demoPlan({ seed, households: 60 }).households.flatMap(problems)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
