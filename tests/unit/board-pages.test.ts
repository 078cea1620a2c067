/**
 * The public board's paging (renderer/src/displays/boardPages.ts): over random boards and
 * screen sizes, every row appears on exactly one page, in order, no page holds more than
 * fits, a page never ends on a group's heading, and the "rows a–b of N" figures add up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PublicBoardView } from '../../db/contract/index.js';
import { hardwareZh, type HardwareKey } from '../../renderer/src/i18n/hardware-messages.js';
import { boardSections, paginate } from '../../renderer/src/displays/boardPages.js';

const t = (key: HardwareKey, params: Record<string, string | number> = {}) => hardwareZh[key].replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));

const tier = (stars: number) => ({ stars, name: `${stars}星`, minHonour: stars * 100 });

const boardArb = fc.record({
  groups: fc.array(fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 8 }), { maxLength: 8 }),
  stars: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 5 }),
  deductions: fc.integer({ min: 0, max: 250 }),
  notices: fc.array(
    fc.array(
      fc.integer({ min: -20, max: 20 }).filter((n) => n !== 0),
      { maxLength: 60 },
    ),
    { maxLength: 3 },
  ),
});

interface BoardInput {
  groups: number[][];
  stars: number[];
  deductions: number;
  notices: number[][];
}

function viewOf(b: BoardInput): PublicBoardView {
  return {
    board: {
      villageName: '示范村',
      from: '2026-12-01',
      to: '2026-12-03',
      tiers: b.stars.map((_, i) => tier(i + 1)),
      groups: b.groups.map((pts, g) => ({
        groupName: `${g + 1}组`,
        top: pts.map((p, i) => ({
          householdId: g * 100 + i,
          number: `0${g}-${i}`,
          headName: `户${g}-${i}`,
          groupName: `${g + 1}组`,
          points: p,
          honourTotal: p,
          stars: 1,
        })),
      })),
      stars: b.stars.map((n, i) => ({
        tier: tier(i + 1),
        households: Array.from({ length: n }, (_, k) => ({
          householdId: k,
          number: `${k}`,
          headName: `星${i}-${k}`,
          groupName: '一组',
          points: 0,
          honourTotal: 0,
          stars: i + 1,
        })),
      })),
      deductions: Array.from({ length: b.deductions }, (_, k) => ({ date: '2026-12-02', groupName: '二组', ruleTitle: `扣分${k}`, points: 1 })),
    },
    notices: b.notices.map((rows, i) => ({
      title: `第${i}期`,
      from: '2026-12-01',
      until: '2026-12-07',
      rows: rows.map((p, k) => ({ groupName: `${(k % 3) + 1}组`, headName: p < 0 ? '' : `名${k}`, ruleTitle: `规则${k}`, points: p })),
    })),
  } as unknown as PublicBoardView;
}

describe('board paging', () => {
  it('every row exactly once, in order, within capacity, figures adding up', () => {
    fc.assert(
      fc.property(boardArb, fc.integer({ min: 2, max: 120 }), (b, capacity) => {
        const sections = boardSections(viewOf(b), t);
        const pages = paginate(sections, capacity);
        for (const section of sections) {
          const own = pages.filter((p) => p.section === section);
          expect(own.length).toBeGreaterThan(0);
          const rows = section.lines.filter((l) => l.kind === 'row');
          expect(own.flatMap((p) => p.lines.filter((l) => l.kind === 'row'))).toEqual(rows);
          let next = 1;
          for (const p of own) {
            expect(p.lines.length).toBeLessThanOrEqual(capacity);
            expect(p.rowTotal).toBe(rows.length);
            if (p.rowTo >= p.rowFrom) expect(p.rowFrom).toBe(next);
            next = p.rowTo + 1;
            if (p.lines.length > 1) expect(p.lines[p.lines.length - 1]!.kind === 'head' && p !== own[own.length - 1]).toBe(false);
          }
          expect(next - 1).toBe(rows.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('households tied on points share a place on the honour board', () => {
    const view = viewOf({ groups: [[50, 40, 30, 30]], stars: [0], deductions: 0, notices: [] });
    const rows = boardSections(view, t)[0]!
      .lines.filter((l) => l.kind === 'row')
      .map((l) => (l.kind === 'row' ? l.left : ''));
    expect(rows).toEqual(['1. 户0-0', '2. 户0-1', '3. 户0-2', '3. 户0-3']);
  });
});
