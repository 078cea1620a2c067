/**
 * The public board cut into screenfuls: every section (红榜 by group, star households,
 * the nameless deduction notice, each notice in publicity) becomes lines, and the lines
 * are cut into pages of exactly what fits the screen, so nothing is ever clipped or left
 * off: a long list simply has more pages, each saying which rows it holds.
 */
import type { PublicBoardView } from '../../../db/contract/index.js';
import { signedPoints } from '../../../db/contract/points-format.js';
import type { HardwareTranslate } from '../i18n/hardware-messages.js';

export type BoardLine = { kind: 'head'; text: string } | { kind: 'row'; left: string; right: string; accent?: 'gold' | 'minus' };

export interface BoardSection {
  key: 'honours' | 'stars' | 'deductions' | `notice-${number}`;
  title: string;
  subtitle: string;
  lines: BoardLine[];
}

export interface BoardPage {
  section: BoardSection;
  lines: BoardLine[];
  /** 1-based numbers of this page's rows among the section's rows (heads not counted). */
  rowFrom: number;
  rowTo: number;
  rowTotal: number;
  continued: boolean;
}

const stars = (n: number) => '★'.repeat(n);

export function boardSections(view: PublicBoardView, t: HardwareTranslate): BoardSection[] {
  const b = view.board;
  const period = `${b.from} ~ ${b.to}`;
  const honours: BoardLine[] = [];
  for (const g of b.groups) {
    honours.push({ kind: 'head', text: g.groupName });
    for (const r of g.top) {
      // Competition ranking: households tied on points share a place.
      const rank = 1 + g.top.filter((o) => o.points > r.points).length;
      honours.push({ kind: 'row', left: `${rank}. ${r.headName}`, right: `${signedPoints(r.points)} ${stars(r.stars)}`, accent: 'gold' });
    }
  }
  if (honours.length === 0) honours.push({ kind: 'head', text: t('board.empty') });
  const sections: BoardSection[] = [{ key: 'honours', title: `${b.villageName} ${t('board.honours')}`, subtitle: period, lines: honours }];

  const starLines: BoardLine[] = [];
  for (const s of b.stars) {
    if (s.households.length === 0) continue;
    starLines.push({ kind: 'head', text: `${stars(s.tier.stars)} ${s.tier.name}（${s.households.length}）` });
    for (const h of s.households) starLines.push({ kind: 'row', left: h.headName, right: h.groupName });
  }
  if (starLines.length > 0) sections.push({ key: 'stars', title: t('board.stars'), subtitle: '', lines: starLines });

  if (b.deductions.length > 0) {
    sections.push({
      key: 'deductions',
      title: t('board.deductions'),
      subtitle: `${period} ${t('board.nameless')}`,
      lines: b.deductions.map((d) => ({
        kind: 'row',
        left: `${d.date.slice(5)} ${d.groupName} ${d.ruleTitle}`,
        right: signedPoints(-d.points),
        accent: 'minus',
      })),
    });
  }

  view.notices.forEach((n, i) => {
    const lines: BoardLine[] = [];
    let group = '';
    for (const r of n.rows) {
      if (r.groupName !== group) {
        group = r.groupName;
        lines.push({ kind: 'head', text: group });
      }
      lines.push({
        kind: 'row',
        left: `${r.headName || t('board.nameless')} ${r.ruleTitle}`,
        right: signedPoints(r.points),
        ...(r.points < 0 ? { accent: 'minus' as const } : {}),
      });
    }
    sections.push({ key: `notice-${i}`, title: t('board.notice', { title: n.title }), subtitle: t('board.noticeUntil', { until: n.until }), lines });
  });
  return sections;
}

/** Cuts every section into pages of `capacity` lines; a continued page repeats the group head. */
export function paginate(sections: BoardSection[], capacity: number): BoardPage[] {
  const cap = Math.max(2, capacity);
  const pages: BoardPage[] = [];
  for (const section of sections) {
    const rowTotal = section.lines.filter((l) => l.kind === 'row').length;
    let i = 0;
    let rowsBefore = 0;
    let head: BoardLine | null = null;
    while (i < section.lines.length || (i === 0 && section.lines.length === 0)) {
      const lines: BoardLine[] = [];
      const continued = i > 0;
      // A page that starts inside a group says which group it is.
      if (continued && head && section.lines[i]?.kind === 'row') lines.push(head);
      while (i < section.lines.length && lines.length < cap) {
        const line = section.lines[i]!;
        // A head never ends a page: it moves to the next page with its rows.
        if (line.kind === 'head' && lines.length === cap - 1 && lines.length > 0) break;
        if (line.kind === 'head') head = line;
        lines.push(line);
        i++;
      }
      const rows = lines.filter((l) => l.kind === 'row').length;
      pages.push({ section, lines, rowFrom: rowsBefore + 1, rowTo: rowsBefore + rows, rowTotal, continued });
      rowsBefore += rows;
      if (section.lines.length === 0) break;
    }
  }
  return pages;
}
