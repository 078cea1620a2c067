/**
 * The demo village's rule book (积分细则), version 1, adopted at a villagers'
 * representatives meeting, so a newcomer sees a working points system at once. The items
 * follow what villages commonly publish: environment, civility, volunteering, public
 * affairs, and a few bounded deductions.
 */
import type { Core } from '../core.js';
import type { CapPeriod, Direction } from '../contract/views-points.js';
import { adoptBook, createDraft, saveItem } from '../points/rules-book.js';

interface DemoItem {
  code: string;
  category: string;
  title: string;
  description: string;
  direction: Direction;
  min: number;
  max: number;
  cap?: [CapPeriod, number];
  selfClaim?: boolean;
}

export const DEMO_RULE_ITEMS: DemoItem[] = [
  {
    code: 'A01',
    category: '人居环境',
    title: '门前三包 环境整洁',
    description: '房前屋后干净整洁，无乱堆乱放，月度检查合格',
    direction: 'award',
    min: 10,
    max: 10,
    cap: ['month', 10],
  },
  {
    code: 'A02',
    category: '人居环境',
    title: '垃圾分类 月度达标',
    description: '按要求分类投放，月度抽查达标',
    direction: 'award',
    min: 5,
    max: 5,
    cap: ['month', 5],
  },
  {
    code: 'B01',
    category: '志愿服务',
    title: '志愿服务',
    description: '参加防汛值守、道路清扫、疫情防控等志愿服务，按次计分',
    direction: 'award',
    min: 5,
    max: 20,
    cap: ['month', 40],
    selfClaim: true,
  },
  {
    code: 'B02',
    category: '孝老爱亲',
    title: '孝老爱亲 照顾孤寡老人',
    description: '经村民小组核实的照顾孤寡、帮扶困难户事迹',
    direction: 'award',
    min: 10,
    max: 30,
    cap: ['year', 60],
  },
  {
    code: 'C01',
    category: '公共事务',
    title: '参加村民会议',
    description: '按时参加村民代表大会、村民小组会议',
    direction: 'award',
    min: 5,
    max: 5,
    cap: ['month', 10],
    selfClaim: true,
  },
  {
    code: 'C02',
    category: '移风易俗',
    title: '红白事简办',
    description: '红白事按村规民约简办，不大操大办',
    direction: 'award',
    min: 30,
    max: 30,
    cap: ['year', 30],
  },
  { code: 'D01', category: '扣分事项', title: '乱堆乱放 整改不及时', description: '经提醒后三日内未整改', direction: 'deduction', min: 5, max: 5 },
  { code: 'D02', category: '扣分事项', title: '焚烧秸秆', description: '在禁烧区焚烧秸秆、垃圾', direction: 'deduction', min: 10, max: 20 },
];

/** Drafts and adopts version 1, effective from `effectiveFrom`. */
export function loadDemoRules(core: Core, operatorId: number, effectiveFrom: string): void {
  const book = createDraft(core, operatorId, '示范村积分细则（试行）', null);
  for (const it of DEMO_RULE_ITEMS) {
    saveItem(core, operatorId, {
      bookId: book.id,
      code: it.code,
      category: it.category,
      title: it.title,
      description: it.description,
      direction: it.direction,
      minPoints: it.min,
      maxPoints: it.max,
      capPeriod: it.cap?.[0] ?? null,
      capPoints: it.cap?.[1] ?? null,
      selfClaim: it.selfClaim ?? false,
    });
  }
  adoptBook(core, operatorId, {
    bookId: book.id,
    effectiveFrom,
    meetingDate: effectiveFrom,
    meetingBody: '村民代表大会',
    resolution: '经村民代表大会讨论，同意《示范村积分细则（试行）》，自通过之日起施行。',
    votesFor: 36,
    votesAgainst: 1,
    votesAbstain: 2,
  });
}
