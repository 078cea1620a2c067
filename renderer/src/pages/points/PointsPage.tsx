import { Tabs } from 'antd';
import { useState, type ComponentType } from 'react';
import type { Role } from '../../../../db/contract/index.js';
import { usePointsT, type PointsKey } from '../../i18n/points.js';
import { useSession } from '../../session/SessionContext.js';
import type { PageProps } from '../PageProps.js';
import { EvaluationSheetTab } from './EvaluationSheetTab.js';
import { NoticesPage } from './NoticesPage.js';
import { PointsSettingsPage } from './PointsSettingsPage.js';
import { RecordPage } from './RecordPage.js';
import { ReviewPage } from './ReviewPage.js';
import { RuleBookPage } from './RuleBookPage.js';

/** The steps in the order the village works them: record → review → notice → post; the rule book and settings beside. */
const TABS: { key: string; label: PointsKey; roles: readonly Role[]; Page: ComponentType<PageProps> }[] = [
  { key: 'record', label: 'record.title', roles: ['admin', 'accountant'], Page: RecordPage },
  { key: 'evaluation', label: 'evaluation.tab', roles: ['admin', 'accountant'], Page: EvaluationSheetTab },
  { key: 'review', label: 'review.title', roles: ['admin', 'accountant'], Page: ReviewPage },
  { key: 'notices', label: 'notice.title', roles: ['admin', 'accountant'], Page: NoticesPage },
  { key: 'rules', label: 'rules.title', roles: ['admin', 'accountant'], Page: RuleBookPage },
  { key: 'settings', label: 'psettings.title', roles: ['admin'], Page: PointsSettingsPage },
];

/** 积分评定: one menu entry for the whole procedure, a tab per step. */
export function PointsPage({ active }: PageProps) {
  const t = usePointsT();
  const role = useSession().session.operator.role;
  const tabs = TABS.filter((x) => x.roles.includes(role));
  const [tab, setTab] = useState(tabs[0]?.key ?? 'record');
  return (
    <div style={{ height: '100%', overflowY: 'auto', padding: '0 16px 16px', boxSizing: 'border-box' }} data-testid="points-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        size="large"
        destroyOnHidden={false}
        items={tabs.map(({ key, label, Page }) => ({ key, label: t(label), children: <Page active={active && tab === key} /> }))}
      />
    </div>
  );
}
