import { Card } from 'antd';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { api, type TablePage } from './api.js';
import { t, type Lang } from './i18n.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Points redeemed and awarded per day over all villages. */
export function DailyChart({ lang, range }: { lang: Lang; range: { from: string | null; to: string | null } }) {
  const el = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [data, setData] = useState<TablePage | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
    };
  }, []);

  useEffect(() => {
    let live = true;
    void api.table('daily', { ...range, limit: 100_000, offset: 0 }).then(
      (d) => live && setData(d),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [range]);

  useEffect(() => {
    if (!data || !chart.current) return;
    const redeemed = lang === 'zh' ? '兑换积分' : 'Redeemed';
    const awarded = lang === 'zh' ? '奖励积分' : 'Awarded';
    chart.current.setOption(
      {
        tooltip: { trigger: 'axis' },
        legend: { data: [redeemed, awarded] },
        grid: { left: 50, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: data.rows.map((r) => String(r.date)) },
        yAxis: { type: 'value' },
        series: [
          { name: redeemed, type: 'line', smooth: true, data: data.rows.map((r) => Number(r.redeemed)) },
          { name: awarded, type: 'line', smooth: true, data: data.rows.map((r) => Number(r.awarded)) },
        ],
      },
      true,
    );
  }, [data, lang]);

  return (
    <Card title={t(lang, 'daily')} size="small">
      <div ref={el} style={{ width: '100%', height: 280 }} data-testid="daily-chart" data-points={data?.rows.length ?? 0} />
    </Card>
  );
}
