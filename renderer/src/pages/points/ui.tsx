/** Small pieces the points and households pages share: page frame, error line, points tag, dates. */
import { Alert, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { NoticeState } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import type { PointsTranslate } from '../../i18n/points.js';
import { useI18n } from '../../i18n/index.js';
import { formatPoints } from '../../lib/format.js';

export function PageFrame({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div style={{ height: '100%', overflowY: 'auto', padding: 16, boxSizing: 'border-box' }} data-testid={testId}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{extra}</div>
      </div>
      {children}
    </div>
  );
}

export function ErrorLine({ error }: { error: ErrorBody | null }) {
  const { errorText } = useI18n();
  if (!error) return null;
  return <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} data-testid="page-error" />;
}

/** +10 in green for an award, −5 in red for a deduction. */
export function PointsTag({ direction, points }: { direction: 'award' | 'deduction'; points: number | string }) {
  return (
    <Tag color={direction === 'award' ? 'green' : 'red'} style={{ fontSize: 15, padding: '2px 8px' }}>
      {direction === 'award' ? '+' : '−'}
      {typeof points === 'number' ? formatPoints(points) : points}
    </Tag>
  );
}

/** Today in the store's time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function NoticeStateTag({ state, t }: { state: NoticeState; t: PointsTranslate }) {
  const color = state === 'open' ? 'blue' : state === 'ended' ? 'orange' : 'green';
  return <Tag color={color}>{t(`notice.state.${state}`)}</Tag>;
}
