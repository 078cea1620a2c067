import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Spin, Statistic, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { StatsView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useOfficeT } from '../../i18n/office.js';
import { useSession } from '../../session/SessionContext.js';
import { PeriodPicker } from '../exports/PeriodPicker.js';
import { initialPeriod, periodRange, type Period } from '../exports/period.js';
import { downloadFile } from '../exports/useExportJobs.js';
import type { PageProps } from '../PageProps.js';
import { EChart } from './EChart.js';
import { NeverRedeemedList } from './NeverRedeemedList.js';
import { formatPoints } from '../../lib/format.js';

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** The chart draws the first ten goods; its title says how many there are in all. */
const TOP_GOODS_CHART = 10;
const COLORS = ['#c41d1d', '#389e0d', '#1677ff', '#d48806', '#722ed1', '#08979c', '#eb2f96', '#595959'];

/**
 * 统计: where points come from and go, what the store owes (points outstanding at the
 * village's rate), what moves off the shelves, what the stock is worth and who never
 * comes. Each chart saves as a picture; all the data exports as one workbook.
 */
export function StatsPage({ active }: PageProps) {
  const { t, errorText } = useI18n();
  const o = useOfficeT();
  const { settings } = useSession();
  const [period, setPeriod] = useState<Period>(() => initialPeriod(settings.timeZone, 'year'));
  const [stats, setStats] = useState<StatsView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [exporting, setExporting] = useState(false);
  const range = periodRange(period);

  const load = useCallback(async (r: { from: string; to: string }) => {
    const res = await call('stats.overview', r);
    if (!res.ok) return setError(res.error);
    setError(null);
    setStats(res.value);
  }, []);

  // Keyed by the range's two dates, not the object, which is new on every render.
  const from = range?.from;
  const to = range?.to;
  useEffect(() => {
    if (active && from && to) void load({ from, to });
  }, [active, from, to, load]);

  const exportData = async () => {
    if (!range) return;
    setExporting(true);
    const res = await call('export.start', { kind: 'stats', format: 'xlsx', ...range });
    if (!res.ok) {
      setExporting(false);
      return setError(res.error);
    }
    let job = res.value;
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 300));
      const s = await call('export.status', { id: job.id });
      if (!s.ok) break;
      job = s.value;
    }
    setExporting(false);
    if (job.state === 'done' && job.downloadPath) downloadFile(job.downloadPath, job.fileName);
  };

  const charts = useMemo(() => (stats ? chartOptions(stats, t) : null), [stats, t]);
  const suffix = range ? `${range.from}_${range.to}` : '';

  return (
    <div style={{ height: '100%', overflowY: 'auto', padding: 16, boxSizing: 'border-box' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('stats.title')}
        </Typography.Title>
        <PeriodPicker value={period} onChange={setPeriod} />
        <Button icon={<ReloadOutlined />} onClick={() => range && void load(range)}>
          {t('dayClose.refresh')}
        </Button>
        <Button icon={<FileExcelOutlined />} loading={exporting} disabled={!range} onClick={() => void exportData()} data-testid="stats-export">
          {t('stats.exportData')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      {!stats && !error && <Spin style={{ width: '100%', marginTop: 80 }} />}
      {stats && charts && (
        <>
          <Row gutter={16}>
            <Col span={6}>
              <Card size="small">
                <Statistic
                  title={t('stats.outstanding')}
                  value={stats.outstanding.points}
                  formatter={(v) => formatPoints(Number(v))}
                  data-testid="stats-outstanding"
                />
                <div style={{ color: '#8c8c8c' }}>{t('stats.worth', { yuan: yuan(stats.outstanding.valueFen) })}</div>
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('stats.redeemed')} value={stats.redeemed.points} formatter={(v) => formatPoints(Number(v))} />
                <div style={{ color: '#8c8c8c' }}>{t('stats.receipts', { count: stats.redeemed.receipts })}</div>
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('stats.stockValue')} value={yuan(stats.stock.valueFen)} suffix={t('stats.yuan')} />
                <div style={{ color: '#8c8c8c' }}>
                  {stats.outstanding.valueFen > stats.stock.valueFen
                    ? t('stats.stockShort', { yuan: yuan(stats.outstanding.valueFen - stats.stock.valueFen) })
                    : t('stats.stockCovers')}
                </div>
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('stats.neverRedeemed')} value={stats.neverRedeemed.count} suffix={t('stats.households')} data-testid="stats-never-count" />
                <div style={{ color: '#8c8c8c' }}>{o('stats.neverRedeemedPoints', { points: formatPoints(stats.neverRedeemed.balance) })}</div>
              </Card>
            </Col>
          </Row>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col span={12}>
              <Card size="small" title={t('stats.earnedByCategory')}>
                <EChart
                  option={charts.categories}
                  fileName={`${t('stats.earnedByCategory')}_${suffix}.png`}
                  visible={active}
                  saveLabel={t('stats.savePicture')}
                  testId="chart-categories"
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={t('stats.byMonth')}>
                <EChart
                  option={charts.months}
                  fileName={`${t('stats.byMonth')}_${suffix}.png`}
                  visible={active}
                  saveLabel={t('stats.savePicture')}
                  testId="chart-months"
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col span={12}>
              <Card size="small" title={o('stats.topGoodsOf', { shown: Math.min(TOP_GOODS_CHART, stats.goods.length), total: stats.goods.length })}>
                <EChart option={charts.goods} fileName={`${t('stats.topGoods')}_${suffix}.png`} visible={active} saveLabel={t('stats.savePicture')} />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={t('stats.stockByCategory')}>
                <EChart option={charts.stock} fileName={`${t('stats.stockByCategory')}.png`} visible={active} saveLabel={t('stats.savePicture')} />
              </Card>
            </Col>
          </Row>
          <NeverRedeemedList key={`${stats.from}_${stats.to}_${stats.neverRedeemed.count}`} />
        </>
      )}
    </div>
  );
}

type T = ReturnType<typeof useI18n>['t'];

function chartOptions(s: StatsView, t: T): Record<'categories' | 'months' | 'goods' | 'stock', EChartsCoreOption> {
  const grid = { left: 8, right: 24, top: 32, bottom: 8, containLabel: true };
  const cats = [...s.earnedByCategory].reverse();
  const goods = s.goods.slice(0, TOP_GOODS_CHART).reverse();
  return {
    categories: {
      color: COLORS,
      tooltip: { trigger: 'axis' },
      grid,
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: cats.map((c) => c.category) },
      series: [{ type: 'bar', name: t('stats.points'), data: cats.map((c) => c.points), label: { show: true, position: 'right' } }],
    },
    months: {
      color: ['#389e0d', '#cf1322', '#1677ff'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: s.byMonth.map((m) => m.month) },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: t('stats.earned'), data: s.byMonth.map((m) => m.earned) },
        { type: 'bar', name: t('stats.deducted'), data: s.byMonth.map((m) => m.deducted) },
        { type: 'line', name: t('stats.redeemedShort'), data: s.byMonth.map((m) => m.redeemed) },
      ],
    },
    goods: {
      color: ['#d48806'],
      tooltip: { trigger: 'axis' },
      grid,
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: goods.map((g) => g.name), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', name: t('stats.quantity'), data: goods.map((g) => g.quantity), label: { show: true, position: 'right' } }],
    },
    stock: {
      color: COLORS,
      tooltip: { trigger: 'item', formatter: `{b}: {c} ${t('stats.yuan')} ({d}%)` },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['50%', '45%'],
          data: s.stock.byCategory.map((c) => ({ name: c.category, value: Number((c.valueFen / 100).toFixed(2)) })),
          label: { formatter: `{b}\n{c} ${t('stats.yuan')}` },
        },
      ],
    },
  };
}
