import { Input, Segmented, Space } from 'antd';
import { useI18n } from '../../i18n/index.js';
import type { Period, PeriodKind } from './period.js';
import { DateInput } from '../../components/DateInput.js';

/** Day / month / year / from–to, with the browser's own date inputs (no locale surprises). */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const { t } = useI18n();
  const set = (patch: Partial<Period>) => onChange({ ...value, ...patch });
  return (
    <Space wrap>
      <Segmented<PeriodKind>
        data-testid="period-kind"
        value={value.kind}
        onChange={(kind) => set({ kind })}
        options={[
          { value: 'day', label: t('period.day') },
          { value: 'month', label: t('period.month') },
          { value: 'year', label: t('period.year') },
          { value: 'range', label: t('period.range') },
        ]}
      />
      {value.kind === 'day' && <DateInput data-testid="period-day" value={value.day} onChange={(e) => set({ day: e.target.value })} />}
      {value.kind === 'month' && <DateInput kind="month" data-testid="period-month" value={value.month} onChange={(e) => set({ month: e.target.value })} />}
      {value.kind === 'year' && (
        <Input
          type="number"
          data-testid="period-year"
          value={value.year}
          min={2000}
          max={2100}
          onChange={(e) => set({ year: e.target.value })}
          style={{ width: 110 }}
          suffix={t('period.yearSuffix')}
        />
      )}
      {value.kind === 'range' && (
        <>
          <DateInput data-testid="period-from" value={value.from} onChange={(e) => set({ from: e.target.value })} />
          <span>{t('period.to')}</span>
          <DateInput data-testid="period-to" value={value.to} onChange={(e) => set({ to: e.target.value })} />
        </>
      )}
    </Space>
  );
}
