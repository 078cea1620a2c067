import { Tabs } from 'antd';
import { useState } from 'react';
import type { PageProps } from '../PageProps.js';
import { SETTINGS_TABS } from './tabs.js';

/**
 * 设置, for the village committee: one page, one tab per area. Areas add their tab in
 * tabs.tsx rather than a page of their own, so the menu stays short.
 */
export function SettingsPage({ active }: PageProps) {
  const [tab, setTab] = useState(SETTINGS_TABS[0]?.key ?? '');
  return (
    <div style={{ height: '100%', overflowY: 'auto', padding: '0 16px 16px', boxSizing: 'border-box' }} data-testid="settings-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        size="large"
        items={SETTINGS_TABS.map(({ key, Label, Tab }) => ({
          key,
          label: <Label />,
          children: <Tab active={active && tab === key} />,
        }))}
      />
    </div>
  );
}
