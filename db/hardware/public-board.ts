/**
 * What a public display shows between customers and on the village hall's TV: the honour
 * board of this month (or of last month in the first days of a month, before anything
 * was awarded), and the notices now in publicity (公示) with deductions nameless when the
 * notice says so.
 */
import { ALL_ROWS } from '../points/entries-view.js';
import type { PublicBoardView, PublicNoticeView } from '../contract/views-hardware.js';
import type { StoreContext } from '../books/context.js';
import { honourBoard } from '../points/honours.js';
import { listNotices, noticeView } from '../points/notices.js';

/** How many households of each group the board names (more on a tie at the cut-off). */
export const BOARD_TOP = 5;

function monthStart(date: string): string {
  return date.slice(0, 8) + '01';
}

function previousMonth(date: string): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const last = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  const mm = String(pm).padStart(2, '0');
  return { from: `${py}-${mm}-01`, to: `${py}-${mm}-${String(last).padStart(2, '0')}` };
}

export function publicNotices(ctx: StoreContext): PublicNoticeView[] {
  // Every notice, then the open ones: the 50 latest could leave an older open notice off the board.
  const open = listNotices(ctx, 0, ALL_ROWS).rows.filter((n) => n.state === 'open');
  return open.map((summary) => {
    const n = noticeView(ctx, summary.id);
    const rows = n.groups.flatMap((g) =>
      g.entries
        .filter((e) => e.status !== 'cancelled')
        .map((e) => ({
          groupName: g.groupName,
          // A deduction is posted without the household's name when the notice says so.
          headName: e.direction === 'deduction' && n.hideDeductionNames ? '' : e.headName,
          ruleTitle: e.ruleTitle,
          points: e.direction === 'deduction' ? -e.points : e.points,
        })),
    );
    return { title: n.title, from: n.periodStart, until: n.periodEnd, rows };
  });
}

export function publicBoard(ctx: StoreContext): PublicBoardView {
  const today = ctx.stamp().businessDate;
  let board = honourBoard(ctx, { from: monthStart(today), to: today, top: BOARD_TOP });
  if (board.groups.length === 0) board = honourBoard(ctx, { ...previousMonth(today), top: BOARD_TOP });
  return { board, notices: publicNotices(ctx) };
}
