import { Tabs } from 'antd';
import { useState, type ComponentType } from 'react';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { DayClosePage } from '../day-close/DayClosePage.js';
import { ExportsPage } from '../exports/ExportsPage.js';
import type { PageProps } from '../PageProps.js';
import { StatsPage } from '../stats/StatsPage.js';

const TABS: { key: string; labelKey: MessageKey; Page: ComponentType<PageProps> }[] = [
  { key: 'dayClose', labelKey: 'accounting.dayClose', Page: DayClosePage },
  { key: 'exports', labelKey: 'nav.exports', Page: ExportsPage },
  { key: 'stats', labelKey: 'nav.stats', Page: StatsPage },
];

/**
 * The accountant's desk as one entry in the menu (the header has little room): day
 * close, exports and statistics as tabs. Tabs once opened stay mounted, like pages do,
 * so a running export keeps its progress bar while the accountant looks at a chart.
 */
export function AccountingPage({ active }: PageProps) {
  const { t } = useI18n();
  const [tab, setTab] = useState('dayClose');
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set(['dayClose']));
  const open = (key: string) => {
    setTab(key);
    setOpened((o) => (o.has(key) ? o : new Set([...o, key])));
  };
  return (
    <div style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <Tabs
        data-testid="accounting-tabs"
        activeKey={tab}
        onChange={open}
        items={TABS.map((x) => ({ key: x.key, label: <span style={{ fontSize: 16 }}>{t(x.labelKey)}</span> }))}
        style={{ padding: '0 16px', flex: 'none' }}
        tabBarStyle={{ marginBottom: 0 }}
      />
      <div style={{ flex: 1, minHeight: 0 }}>
        {TABS.filter((x) => opened.has(x.key)).map(({ key, Page }) => (
          <div key={key} style={{ height: '100%', display: key === tab ? 'block' : 'none' }}>
            <Page active={active && key === tab} />
          </div>
        ))}
      </div>
    </div>
  );
}
