import { Button } from 'antd';
import { PictureOutlined } from '@ant-design/icons';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { downloadFile } from '../exports/useExportJobs.js';

// Only the pieces we draw, so the bundle stays small.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/**
 * One chart. Redraws when the option changes and when it becomes visible again (pages
 * stay mounted while hidden, at zero size). "Save picture" writes a PNG at twice the
 * screen resolution on white, good for a slide or a notice board.
 */
export function EChart({
  option,
  height = 300,
  fileName,
  visible,
  saveLabel,
  testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  fileName: string;
  visible: boolean;
  saveLabel: string;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  useEffect(() => {
    if (visible) chart.current?.resize();
  }, [visible]);

  const save = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (url) downloadFile(url, fileName);
  };

  return (
    <div>
      <div ref={el} style={{ width: '100%', height }} data-testid={testId} />
      <div style={{ textAlign: 'right' }}>
        <Button size="small" icon={<PictureOutlined />} onClick={save}>
          {saveLabel}
        </Button>
      </div>
    </div>
  );
}
