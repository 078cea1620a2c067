import { useEffect, useMemo, useState } from 'react';
import type { PublicBoardView } from '../../../db/contract/index.js';
import { useHardwareT } from '../i18n/hardware.js';
import { boardSections, paginate, type BoardLine } from './boardPages.js';
import { useViewport } from './useViewport.js';

/**
 * The public board on a screen of any size: pages of exactly what fits, turned on a timer,
 * in type sized to the screen (read from across a hall).
 */
export function BoardPager({ view, pageSeconds, height }: { view: PublicBoardView; pageSeconds: number; height?: number }) {
  const t = useHardwareT();
  const vp = useViewport();
  const h = height ?? vp.height;
  const font = Math.max(18, Math.min(44, Math.round(h / 34)));
  const lineHeight = Math.round(font * 1.55);
  const pad = Math.round(font * 0.8);
  const headerHeight = Math.round(font * 3.2);
  const footerHeight = Math.round(font * 1.8);
  const rows = Math.max(2, Math.floor((h - headerHeight - footerHeight - 2 * pad) / lineHeight));
  const cols = Math.max(1, Math.floor((vp.width - 2 * pad) / (font * 15)));

  const pages = useMemo(() => paginate(boardSections(view, t), rows * cols), [view, t, rows, cols]);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setIndex((i) => i + 1), pageSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [pageSeconds]);
  const page = pages[index % Math.max(1, pages.length)];
  if (!page) return null;
  const n = (index % pages.length) + 1;

  return (
    <div
      data-testid="board-page"
      data-section={page.section.key}
      data-page={n}
      data-pages={pages.length}
      // The size this page was laid out for: a resize re-pages on the next render, and a
      // watcher (the e2e test) waits for it rather than judging a page laid out for the old size.
      data-layout={`${vp.width}x${h}`}
      style={{
        height: h,
        boxSizing: 'border-box',
        padding: pad,
        overflow: 'hidden',
        display: 'flex',
        flexDirection: 'column',
        color: '#fff',
        background: 'linear-gradient(#b71c1c, #7f0000)',
      }}
    >
      <div style={{ height: headerHeight, display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: font, overflow: 'hidden' }}>
        <span style={{ fontSize: font * 1.6, fontWeight: 700, color: '#ffd54f', whiteSpace: 'nowrap' }}>
          {page.section.title}
          {page.continued && <span style={{ fontSize: font, marginLeft: font / 2 }}>{t('board.cont')}</span>}
        </span>
        <span style={{ fontSize: font * 0.9, whiteSpace: 'nowrap' }}>{page.section.subtitle}</span>
      </div>
      <div
        data-testid="board-grid"
        style={{
          flex: 1,
          minHeight: 0,
          overflow: 'hidden',
          display: 'grid',
          gridAutoFlow: 'column',
          gridTemplateRows: `repeat(${rows}, ${lineHeight}px)`,
          gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`,
          columnGap: font * 1.5,
          alignContent: 'start',
          fontSize: font,
          lineHeight: `${lineHeight}px`,
        }}
      >
        {page.lines.map((line, i) => (
          <Line key={i} line={line} />
        ))}
      </div>
      <div style={{ height: footerHeight, display: 'flex', justifyContent: 'space-between', alignItems: 'end', fontSize: font * 0.8, opacity: 0.9 }}>
        <span data-testid="board-rows">{page.rowTotal > 0 ? t('board.rows', { n: page.rowTotal, from: page.rowFrom, to: page.rowTo }) : ''}</span>
        <span>{t('board.page', { page: n, pages: pages.length })}</span>
      </div>
    </div>
  );
}

function Line({ line }: { line: BoardLine }) {
  if (line.kind === 'head')
    return <div style={{ fontWeight: 700, color: '#ffd54f', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{line.text}</div>;
  return (
    <div
      data-testid="board-row"
      style={{ display: 'flex', justifyContent: 'space-between', gap: 8, whiteSpace: 'nowrap', overflow: 'hidden' }}
      title={`${line.left} ${line.right}`}
    >
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{line.left}</span>
      <span style={{ color: line.accent === 'minus' ? '#ffcdd2' : '#ffd54f', flexShrink: 0 }}>{line.right}</span>
    </div>
  );
}
