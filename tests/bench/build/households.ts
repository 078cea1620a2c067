/**
 * A county's households. Names and generated ID numbers come from the demo village's
 * generator, renumbered into a county's villages and groups (household numbers stay
 * "group-sequence", ≤ 3 + 4 digits).
 *
 * Two ways to write them, producing identical rows (tests/integration/bench-build.test.ts
 * compares them): the app's own insertHousehold, and a bulk path that does the same
 * work — validate the ID number, keep only its keyed hash and masked form, compute the
 * pinyin search keys — with statements prepared once and search keys cached per name
 * (the same name always gets the same keys). The bulk path is what makes 100k
 * households take seconds rather than minutes.
 */
import type { Core } from '../../../db/core.js';
import { demoPlan, type DemoHousehold } from '../../../db/demo/village.js';
import { searchKeys } from '../../../db/domain/pinyin.js';
import { maskResidentId, validateResidentId } from '../../../db/domain/resident-id.js';
import { ensureGroup, insertHousehold } from '../../../db/households/write.js';

const VILLAGES = [
  '朝阳',
  '红星',
  '新华',
  '东风',
  '建设',
  '胜利',
  '和平',
  '光明',
  '幸福',
  '团结',
  '前进',
  '民主',
  '永丰',
  '丰收',
  '长青',
  '青山',
  '石桥',
  '柳树',
  '枫林',
  '桃源',
  '杨家',
  '李家',
  '张家',
  '黄土',
  '白沙',
  '清水',
  '龙泉',
  '凤凰',
  '金盆',
  '马鞍',
  '高桥',
  '大塘',
  '小河',
  '双江',
  '三合',
  '四方',
  '五里',
  '六合',
  '七星',
  '八角',
];
const GROUPS_PER_VILLAGE = ['一组', '二组', '三组', '四组', '五组'];
const PER_GROUP = 500;
const BATCH = 5_000;

/** What the cases need to find households again: clear ID numbers stay in memory only. */
export interface HouseholdSample {
  id: number;
  number: string;
  headName: string;
  memberNames: string[];
  idNumbers: string[];
}

export interface HouseholdsBuilt {
  ids: number[];
  all: HouseholdSample[];
}

export function groupNames(count: number): string[] {
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    const v = VILLAGES[i % VILLAGES.length]!;
    const round = Math.floor(i / VILLAGES.length);
    for (const g of GROUPS_PER_VILLAGE) names.push(`${v}${round ? round + 1 : ''}村${g}`);
  }
  return names.slice(0, count);
}

/** The county's households, numbered into groups of 500. */
export function countyPlan(count: number, seed: number): DemoHousehold[] {
  const groups = groupNames(Math.ceil(count / PER_GROUP));
  return demoPlan({ households: count, seed }).households.map((h, i) => {
    const g = Math.floor(i / PER_GROUP);
    return {
      ...h,
      number: `${g + 1}-${String((i % PER_GROUP) + 1).padStart(3, '0')}`,
      groupName: groups[g]!,
      address: `${groups[g]}${h.address.replace(/^\D+/, '')}`,
    };
  });
}

type Writer = (h: DemoHousehold) => number;

/** The app's own path, one household at a time. */
export function realWriter(core: Core, createdAt: string): Writer {
  return (h) => insertHousehold(core, h, createdAt);
}

/** The same rows as insertHousehold, written with statements prepared once. */
export function bulkWriter(core: Core, createdAt: string): Writer {
  const db = core.db;
  const groupIds = new Map<string, number>();
  const keys = new Map<string, { full: string; initials: string }>();
  const insHousehold = db.prepare('INSERT INTO households (number, group_id, head_name, address, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insMember = db.prepare(
    'INSERT INTO members (household_id, name, name_pinyin, name_initials, relation, is_head, id_hash, id_masked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const now = core.clock.now();
  return (h) => {
    let groupId = groupIds.get(h.groupName);
    if (groupId === undefined) {
      groupId = ensureGroup(core, h.groupName);
      groupIds.set(h.groupName, groupId);
    }
    const householdId = Number(insHousehold.run(h.number, groupId, h.members[0]!.name, h.address ?? null, h.phone ?? null, createdAt).lastInsertRowid);
    h.members.forEach((m, i) => {
      let k = keys.get(m.name);
      if (!k) {
        k = searchKeys(m.name);
        keys.set(m.name, k);
      }
      const v = validateResidentId(m.idNumber, now);
      if (!v.ok) throw new Error(`generated ID number is invalid: ${v.problem}`);
      // The UNIQUE index on id_hash refuses a duplicate, as insertHousehold's check would.
      insMember.run(householdId, m.name, k.full, k.initials, m.relation, i === 0 ? 1 : 0, core.keyring.idHash(v.normalized), maskResidentId(v.normalized));
    });
    return householdId;
  };
}

export function writeHouseholds(core: Core, plan: readonly DemoHousehold[], write: Writer): HouseholdsBuilt {
  const ids: number[] = [];
  const all: HouseholdSample[] = [];
  for (let start = 0; start < plan.length; start += BATCH) {
    core.db.transaction(() => {
      for (const h of plan.slice(start, start + BATCH)) {
        const id = write(h);
        ids.push(id);
        all.push({
          id,
          number: h.number,
          headName: h.members[0]!.name,
          memberNames: h.members.map((m) => m.name),
          idNumbers: h.members.map((m) => m.idNumber),
        });
      }
    })();
  }
  return { ids, all };
}
