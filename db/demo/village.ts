/**
 * The demo village: a few hundred households with generated ID numbers, members,
 * groups, goods with stock and some history, so a newcomer sees a working store at once.
 * Deterministic for a seed, so tests can regenerate the plan and know the clear ID
 * numbers (which are only ever stored hashed).
 */
import { checkCharFor } from '../domain/resident-id.js';

export const DEMO_OPERATORS = [
  { name: '演示管理员', role: 'admin', pin: '9999' },
  { name: '演示店员', role: 'keeper', pin: '1234' },
  { name: '演示会计', role: 'accountant', pin: '5678' },
] as const;

/** mulberry32: a tiny seeded PRNG; Math.random cannot be seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
// Given-name characters by sex, so that 儿媳 is not called 铁柱 and the ID number's sex digit agrees.
const GIVEN_MALE = '伟强磊军勇杰涛明超刚建华国庆志德胜文彬永福满仓铁柱东浩然宇轩海平';
const GIVEN_FEMALE = '芳娜秀英敏静丽艳娟兰霞桂玉春梅燕红凤淑珍秋菊冬翠花萱怡欣诺琴';
/** The demo's reference year: ages below are counted from it (birth dates stay in the past). */
const DEMO_YEAR = 2025;
export const DEMO_GROUPS = ['一组', '二组', '三组', '四组', '五组', '六组'] as const;

export interface DemoGoods {
  name: string;
  category: string;
  unit: string;
  pointsPrice: number;
  valueFen: number;
  stock: number;
  lowStock: number;
  barcode: string;
  donor?: string;
}

function ean13(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return body12 + String((10 - (sum % 10)) % 10);
}

const GOODS: Omit<DemoGoods, 'barcode'>[] = [
  { name: '金龙鱼大豆油 5L', category: '粮油', unit: '桶', pointsPrice: 80, valueFen: 7990, stock: 40, lowStock: 5 },
  { name: '五常大米 10kg', category: '粮油', unit: '袋', pointsPrice: 60, valueFen: 5980, stock: 35, lowStock: 5 },
  { name: '高筋面粉 5kg', category: '粮油', unit: '袋', pointsPrice: 30, valueFen: 2950, stock: 30, lowStock: 5 },
  { name: '挂面 1kg', category: '粮油', unit: '包', pointsPrice: 8, valueFen: 790, stock: 80, lowStock: 10 },
  { name: '海天生抽 500ml', category: '调味品', unit: '瓶', pointsPrice: 10, valueFen: 990, stock: 60, lowStock: 10 },
  { name: '陈醋 500ml', category: '调味品', unit: '瓶', pointsPrice: 8, valueFen: 750, stock: 50, lowStock: 10 },
  { name: '食盐 400g', category: '调味品', unit: '袋', pointsPrice: 3, valueFen: 300, stock: 100, lowStock: 20 },
  { name: '白砂糖 1kg', category: '调味品', unit: '袋', pointsPrice: 9, valueFen: 880, stock: 14, lowStock: 15 },
  { name: '洗衣粉 2kg', category: '日用品', unit: '袋', pointsPrice: 20, valueFen: 1990, stock: 45, lowStock: 8 },
  { name: '洗洁精 1.5kg', category: '日用品', unit: '瓶', pointsPrice: 12, valueFen: 1190, stock: 50, lowStock: 8 },
  { name: '卷纸 10卷装', category: '日用品', unit: '提', pointsPrice: 18, valueFen: 1790, stock: 40, lowStock: 8 },
  { name: '垃圾袋 100只', category: '日用品', unit: '卷', pointsPrice: 6, valueFen: 590, stock: 0, lowStock: 10 },
  { name: '毛巾', category: '日用品', unit: '条', pointsPrice: 10, valueFen: 990, stock: 30, lowStock: 5, donor: '县供销社' },
  { name: '牙膏 120g', category: '洗护', unit: '支', pointsPrice: 8, valueFen: 790, stock: 60, lowStock: 10 },
  { name: '洗发水 400ml', category: '洗护', unit: '瓶', pointsPrice: 25, valueFen: 2490, stock: 25, lowStock: 5 },
  { name: '香皂 3块装', category: '洗护', unit: '盒', pointsPrice: 9, valueFen: 890, stock: 40, lowStock: 8 },
  { name: '作业本 10本', category: '文具', unit: '套', pointsPrice: 5, valueFen: 500, stock: 60, lowStock: 10, donor: '爱心企业 湘中建材' },
  { name: '中性笔 12支', category: '文具', unit: '盒', pointsPrice: 10, valueFen: 980, stock: 40, lowStock: 8 },
  {
    name: '书包（小学生用，防水耐磨加大容量款）',
    category: '文具',
    unit: '个',
    pointsPrice: 45,
    valueFen: 4500,
    stock: 12,
    lowStock: 3,
    donor: '爱心企业 湘中建材',
  },
  { name: '电热水壶 1.8L', category: '小家电', unit: '台', pointsPrice: 120, valueFen: 11900, stock: 8, lowStock: 2 },
  { name: 'LED 台灯', category: '小家电', unit: '台', pointsPrice: 90, valueFen: 8900, stock: 6, lowStock: 2 },
  { name: '鸡蛋 30枚', category: '生鲜', unit: '盒', pointsPrice: 25, valueFen: 2500, stock: 20, lowStock: 5 },
];

export interface DemoMember {
  name: string;
  relation: string;
  idNumber: string;
}

export interface DemoHousehold {
  number: string;
  groupName: string;
  address: string;
  phone: string | null;
  members: DemoMember[];
  openingPoints: number;
  /** Past awards and deductions: [days ago, points, note]. */
  history: [number, number, string][];
}

export interface DemoPlan {
  villageName: string;
  households: DemoHousehold[];
  goods: DemoGoods[];
}

/** Awards and deductions (negative) the demo village's history is made of; the bench's county too. */
export const AWARDS: [number, string][] = [
  [10, '门前三包 环境整洁'],
  [5, '垃圾分类 月度达标'],
  [20, '志愿服务 防汛值守'],
  [15, '孝老爱亲 照顾孤寡老人'],
  [5, '参加村民代表大会'],
  [30, '移风易俗 红事简办'],
];
export const DEDUCTIONS: [number, string][] = [
  [-5, '乱堆乱放 整改不及时'],
  [-10, '焚烧秸秆'],
];

export function demoPlan(opts: { seed?: number; households?: number } = {}): DemoPlan {
  const rand = seededRandom(opts.seed ?? 20201129);
  const pick = <T>(arr: readonly T[] | string): T => arr[Math.floor(rand() * arr.length)] as T;
  const count = opts.households ?? 300;
  const usedIds = new Set<string>();
  const newId = (birthYear: number, male: boolean): string => {
    for (;;) {
      const id = demoResidentId(rand, birthYear, male);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const givenName = (female: boolean) => {
    const chars = female ? GIVEN_FEMALE : GIVEN_MALE;
    return rand() < 0.5 ? pick<string>(chars) : pick<string>(chars) + pick<string>(chars);
  };
  // 孙红 is kept for 01-002's spouse (tests find a household by a member's name); nobody else gets it.
  const personName = (surname: string, female: boolean): string => {
    for (;;) {
      const n = surname + givenName(female);
      if (n !== '孙红' && n !== '张三') return n;
    }
  };
  const households: DemoHousehold[] = [];
  const perGroup = Math.ceil(count / DEMO_GROUPS.length);
  for (let i = 0; i < count; i++) {
    const g = Math.floor(i / perGroup);
    const surname = i === 0 ? '张' : pick<string>(SURNAMES);
    const size = i === 1 ? Math.max(2, 1 + Math.floor(rand() * 5)) : 1 + Math.floor(rand() * 5);
    const members = demoFamily({
      rand,
      size,
      surname,
      // The first household is 张三's, so the guide's `zs` example always finds someone.
      headName: i === 0 ? '张三' : null,
      spouseName: i === 1 ? '孙红' : null,
      pickSurname: () => pick<string>(SURNAMES),
      personName,
      newId,
    });
    const history: [number, number, string][] = [];
    const n = Math.floor(rand() * 6);
    for (let k = 0; k < n; k++) {
      const [pts, note] = rand() < 0.9 ? pick(AWARDS) : pick(DEDUCTIONS);
      history.push([1 + Math.floor(rand() * 60), pts, note]);
    }
    history.sort((a, b) => b[0] - a[0]);
    households.push({
      number: `${String(g + 1).padStart(2, '0')}-${String((i % perGroup) + 1).padStart(3, '0')}`,
      groupName: DEMO_GROUPS[g] ?? DEMO_GROUPS[DEMO_GROUPS.length - 1]!,
      address: `${DEMO_GROUPS[g] ?? ''}${1 + Math.floor(rand() * 80)}号`,
      phone: rand() < 0.7 ? `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}` : null,
      members,
      openingPoints: 50 + Math.floor(rand() * 12) * 25,
      history,
    });
  }
  const goods = GOODS.map((g, i) => ({ ...g, barcode: ean13(`690${String(1000000 + i * 7919).slice(-7)}00`.slice(0, 12)) }));
  return { villageName: '示范村', households, goods };
}

/** A number that is a valid ID except for its check character, for tests and the demo guide. */
export function withWrongCheckChar(id: string): string {
  const right = checkCharFor(id.slice(0, 17));
  const wrong = right === '1' ? '2' : '1';
  return id.slice(0, 17) + wrong;
}

/** A generated ID number (region 430703, never a real person's) born in `year`, its sex digit odd for men. */
function demoResidentId(rand: () => number, year: number, male: boolean): string {
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const seq = Math.floor(rand() * 500) * 2 + (male ? 1 : 0);
  const first17 = `430703${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharFor(first17);
}

interface FamilyPlan {
  rand: () => number;
  size: number;
  surname: string;
  headName: string | null;
  spouseName: string | null;
  pickSurname: () => string;
  personName: (surname: string, female: boolean) => string;
  newId: (birthYear: number, male: boolean) => string;
}

/**
 * One plausible rural household of `size` people: a head of 28–80, at most one spouse of
 * about the same age, children 22–34 years younger, a son's wife, grandchildren 22–32
 * years younger than their parent, and a widowed parent living with a younger head.
 * Relations are as seen from the head; nobody is older than their parent.
 */
function demoFamily(f: FamilyPlan): DemoMember[] {
  const { rand } = f;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const headAge = between(28, 80);
  // A named spouse (孙红) is a wife; otherwise most heads are men, as registers show.
  const headMale = f.spouseName !== null || f.headName !== null || rand() < 0.85;
  const members: DemoMember[] = [];
  const add = (name: string, relation: string, age: number, male: boolean) =>
    members.push({ name, relation, idNumber: f.newId(DEMO_YEAR - Math.max(1, age), male) });
  add(f.headName ?? f.personName(f.surname, !headMale), '户主', headAge, headMale);
  if (members.length < f.size && (f.spouseName !== null || rand() < 0.85)) {
    add(f.spouseName ?? f.personName(f.pickSurname(), headMale), '配偶', Math.max(20, headAge + between(-6, 4)), !headMale);
  }
  // A widowed parent lives with a head under 55 now and then.
  if (members.length < f.size && headAge < 55 && rand() < 0.3) {
    const father = rand() < 0.4;
    add(father ? f.personName(f.surname, false) : f.personName(f.pickSurname(), true), father ? '父亲' : '母亲', headAge + between(22, 32), father);
  }
  // Children, each possibly with a wife and children of his own.
  while (members.length < f.size) {
    const childAge = headAge - between(22, 34);
    if (childAge < 1) break;
    const son = rand() < 0.55;
    add(son ? f.personName(f.surname, false) : f.personName(f.surname, true), son ? '子' : '女', childAge, son);
    if (son && childAge >= 24 && members.length < f.size && rand() < 0.7) {
      add(f.personName(f.pickSurname(), true), '儿媳', Math.max(22, childAge + between(-4, 2)), false);
      while (members.length < f.size && rand() < 0.8) {
        const grandAge = childAge - between(22, 32);
        if (grandAge < 1) break;
        const grandson = rand() < 0.5;
        add(f.personName(f.surname, !grandson), grandson ? '孙子' : '孙女', grandAge, grandson);
      }
    }
  }
  return members;
}
