import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { Suspense, useCallback, useMemo, useState } from 'react';
import { IntegrityBanner } from '../components/IntegrityBanner.js';
import { PrinterChip } from '../components/printing/PrinterChip.js';
import { ReaderChip } from '../hardware/ReaderChip.js';
import { useI18n } from '../i18n/index.js';
import { navFor } from '../nav.js';
import { useLeaveGuard } from '../session/cartGuard.js';
import { useSession } from '../session/SessionContext.js';
import { useShellKeys } from './useShellKeys.js';
import { AdminExit } from './AdminExit.js';
import { LangToggle } from './LangToggle.js';

/**
 * Header with the store's name, the pages this role may use, who is logged in, and
 * lock / logout. Pages once opened stay mounted and are only hidden, so the counter's
 * cart and household survive a look at today's receipts.
 */
export function AppShell({ locked }: { locked: boolean }) {
  const { t } = useI18n();
  const { session, settings, lock, logout } = useSession();
  const pages = useMemo(() => navFor(session.operator.role), [session.operator.role]);
  const [current, setCurrent] = useState(pages[0]?.key ?? 'counter');
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set([current]));

  const open = useCallback((key: string) => {
    setCurrent(key);
    setVisited((v) => (v.has(key) ? v : new Set([...v, key])));
  }, []);
  useShellKeys(pages, open, !locked);
  const guardLeave = useLeaveGuard(session.operator.name);

  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: 16, borderBottom: '1px solid #e8e8e8' }}>
        <Typography.Text strong style={{ fontSize: 20, whiteSpace: 'nowrap' }}>
          {settings.storeName || t('app.title')}
          {settings.villageName && (
            <Typography.Text type="secondary" style={{ fontSize: 15, marginLeft: 8 }}>
              {settings.villageName}
            </Typography.Text>
          )}
        </Typography.Text>
        <Menu
          mode="horizontal"
          selectedKeys={[current]}
          onClick={(e) => open(e.key)}
          items={pages.map((p) => ({ key: p.key, label: t(p.labelKey) }))}
          className="app-nav"
          style={{ flex: 1, minWidth: 0, fontSize: 17, borderBottom: 'none' }}
        />
        <Space size="small">
          <PrinterChip active={!locked} />
          <ReaderChip active={!locked} />
          {/* Compact on purpose: an administrator has eight pages, and every one of them
              must stay visible in the menu on a 1366-px counter screen. */}
          <Tooltip title={t(`role.${session.operator.role}`)}>
            <Tag icon={<UserOutlined />} style={{ fontSize: 15, padding: '4px 10px', marginInlineEnd: 0 }}>
              {session.operator.name}
            </Tag>
          </Tooltip>
          <LangToggle />
          <Button icon={<LockOutlined />} onClick={() => guardLeave('lock', lock)}>
            {t('shell.lock')}
          </Button>
          <Tooltip title={t('shell.logout')}>
            <Button type="text" icon={<LogoutOutlined />} onClick={() => guardLeave('logout', logout)} aria-label={t('shell.logout')} />
          </Tooltip>
          {session.operator.role === 'admin' && <AdminExit />}
        </Space>
      </Layout.Header>
      <IntegrityBanner />
      <Layout.Content style={{ minHeight: 0, overflow: 'hidden' }}>
        {pages
          .filter((p) => visited.has(p.key))
          .map(({ key, Page }) => (
            <div key={key} style={{ height: '100%', display: key === current ? 'block' : 'none' }}>
              <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
                <Page active={key === current && !locked} />
              </Suspense>
            </div>
          ))}
      </Layout.Content>
    </Layout>
  );
}
