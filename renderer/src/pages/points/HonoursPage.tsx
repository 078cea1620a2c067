import { FullscreenExitOutlined, PrinterOutlined, ReloadOutlined, TrophyOutlined } from '@ant-design/icons';
import { Button, Card, Empty, InputNumber, Segmented, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HonourBoard } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { BoardDisplayButton } from '../../hardware/BoardDisplayButton.js';
import { useOfficeT } from '../../i18n/office.js';
import { usePointsT } from '../../i18n/points.js';
import { useSession } from '../../session/SessionContext.js';
import type { PageProps } from '../PageProps.js';
import { HonourDoc, PaperDialog } from './docs.js';
import { ErrorLine, PageFrame, todayIn } from './ui.js';
import { formatPoints } from '../../lib/format.js';
import { DateInput } from '../../components/DateInput.js';

type Period = 'month' | 'lastMonth' | 'year' | 'custom';

function periodRange(p: Period, today: string, custom: { from: string; to: string }): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  if (p === 'month') return { from: `${y}-${pad(m)}-01`, to: today };
  if (p === 'lastMonth') {
    const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
    return { from: `${ly}-${pad(lm)}-01`, to: `${ly}-${pad(lm)}-${pad(lastDay(ly, lm))}` };
  }
  if (p === 'year') return { from: `${y}-01-01`, to: today };
  return custom;
}

/**
 * 红榜: the best households of each group for a period, star households, and a notice of
 * deductions without names. Full screen for a TV in the village hall; print for the wall.
 */
export function HonoursPage({ active }: PageProps) {
  const t = usePointsT();
  const o = useOfficeT();
  const { settings } = useSession();
  const today = todayIn(settings.timeZone);
  const [period, setPeriod] = useState<Period>('month');
  const [custom, setCustom] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const [top, setTop] = useState(5);
  const [board, setBoard] = useState<HonourBoard | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [printing, setPrinting] = useState(false);
  const [full, setFull] = useState(false);
  const boardRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const range = periodRange(period, today, custom);
    const r = await call('honours.board', { ...range, top });
    if (!r.ok) return setError(r.error);
    setError(null);
    setBoard(r.value);
  }, [period, today, custom, top]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  // On the TV the board refreshes itself, so a posting shows without anyone touching it.
  useEffect(() => {
    if (!full) return;
    const timer = setInterval(() => void load(), 60_000);
    return () => clearInterval(timer);
  }, [full, load]);

  const toggleFull = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void boardRef.current?.requestFullscreen().catch(() => setFull(true));
  };

  const big = full ? 1.6 : 1;
  return (
    <PageFrame
      title={t('honours.title')}
      testId="honours-page"
      extra={
        <>
          <Segmented<Period>
            value={period}
            onChange={setPeriod}
            options={[
              { value: 'month', label: t('honours.thisMonth') },
              { value: 'lastMonth', label: t('honours.lastMonth') },
              { value: 'year', label: t('honours.thisYear') },
              { value: 'custom', label: t('honours.custom') },
            ]}
          />
          {period === 'custom' && (
            <Space>
              <DateInput aria-label={t('honours.from')} value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
              <DateInput aria-label={t('honours.to')} value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
            </Space>
          )}
          <InputNumber
            min={1}
            max={50}
            value={top}
            onChange={(v) => setTop(v ?? 5)}
            addonBefore={t('honours.top')}
            aria-label={t('honours.topLabel')}
            style={{ width: 140 }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()} />
          <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} disabled={!board}>
            {t('common.print')}
          </Button>
          {/* A display of its own (never locked), not this page made full screen. */}
          <BoardDisplayButton />
        </>
      }
    >
      <ErrorLine error={error} />
      <div
        ref={boardRef}
        data-testid="honour-board"
        style={
          full
            ? { position: 'fixed', inset: 0, zIndex: 1000, overflowY: 'auto', background: 'linear-gradient(#b71c1c, #7f0000)', padding: 32, color: '#fff' }
            : { background: 'linear-gradient(#c62828, #8e0000)', padding: 20, borderRadius: 8, color: '#fff' }
        }
      >
        {board && (
          <>
            <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
              <Typography.Title level={2} style={{ color: '#ffd54f', margin: 0, fontSize: 30 * big }}>
                <TrophyOutlined /> {board.villageName} {t('honours.boardTitle')}
              </Typography.Title>
              <span style={{ fontSize: 16 * big }}>
                {board.from} ~ {board.to}
                {full && (
                  <Button ghost icon={<FullscreenExitOutlined />} onClick={toggleFull} style={{ marginLeft: 16 }}>
                    {t('honours.exitFullscreen')}
                  </Button>
                )}
              </span>
            </div>
            <div style={{ display: 'grid', gridTemplateColumns: `repeat(auto-fill, minmax(${full ? 360 : 260}px, 1fr))`, gap: 16, marginTop: 16 }}>
              {board.groups.map((g) => (
                <Card
                  key={g.groupName}
                  size="small"
                  title={<span style={{ fontSize: 18 * big }}>{g.groupName}</span>}
                  styles={{ body: { padding: 8 } }}
                  data-testid="honour-group"
                >
                  <ol style={{ margin: 0, paddingLeft: 24, fontSize: 17 * big, lineHeight: 1.7 }}>
                    {g.top.map((r) => (
                      <li key={r.householdId}>
                        <b>{r.headName}</b> <span style={{ color: '#c62828' }}>+{formatPoints(r.points)}</span>{' '}
                        <span style={{ color: '#f9a825' }}>{'★'.repeat(r.stars)}</span>
                      </li>
                    ))}
                  </ol>
                </Card>
              ))}
              {board.groups.length === 0 && <Empty description={<span style={{ color: '#fff' }}>{t('honours.noAwards')}</span>} />}
            </div>
            <Typography.Title level={4} style={{ color: '#ffd54f', fontSize: 22 * big }}>
              {t('honours.stars')}
            </Typography.Title>
            <div style={{ fontSize: 16 * big, lineHeight: 1.8 }} data-testid="honour-stars">
              {board.stars
                .filter((s) => s.households.length > 0)
                .map((s) => (
                  <div key={s.tier.stars}>
                    <span style={{ color: '#ffd54f' }}>{'★'.repeat(s.tier.stars)}</span> <b>{s.tier.name}</b>（{t('honours.households', { n: s.count })}）：
                    {s.households
                      .slice(0, full ? 60 : 30)
                      .map((h) => h.headName)
                      .join('、')}
                    {s.count > (full ? 60 : 30) && o('honours.andMore', { n: s.count })}
                  </div>
                ))}
            </div>
            {board.deductions.length > 0 && (
              <>
                <Typography.Title level={4} style={{ color: '#fff', fontSize: 20 * big }}>
                  {t('honours.deductions')}
                </Typography.Title>
                <div style={{ fontSize: 15 * big, opacity: 0.9 }} data-testid="honour-deductions">
                  <div>
                    {o('honours.deductionTotals', {
                      count: board.deductionTotals.count,
                      points: formatPoints(board.deductionTotals.points),
                      shown: Math.min(20, board.deductions.length),
                    })}
                  </div>
                  {board.deductions.slice(0, 20).map((d, i) => (
                    <div key={i}>
                      {d.date} {d.groupName} {d.ruleTitle} −{formatPoints(d.points)}
                    </div>
                  ))}
                </div>
              </>
            )}
          </>
        )}
      </div>
      {printing && board && (
        <PaperDialog title={t('honours.title')} onClose={() => setPrinting(false)}>
          <HonourDoc board={board} />
        </PaperDialog>
      )}
    </PageFrame>
  );
}
