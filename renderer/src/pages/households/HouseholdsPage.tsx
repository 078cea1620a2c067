import { ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { GroupView, HouseholdPage } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import { useSession } from '../../session/SessionContext.js';
import type { PageProps } from '../PageProps.js';
import { ErrorLine, PageFrame } from '../points/ui.js';
import { CreateHouseholdDialog } from './CreateHouseholdDialog.js';
import { HouseholdDrawer } from './HouseholdDrawer.js';
import { RosterImportDialog } from './RosterImportDialog.js';
import { formatPoints } from '../../lib/format.js';

const PAGE_SIZE = 50;

/** The register of households: find, open, edit (committee), import a roster. */
export function HouseholdsPage({ active }: PageProps) {
  const t = usePointsT();
  const { session } = useSession();
  const isAdmin = session.operator.role === 'admin';
  const [query, setQuery] = useState('');
  const [groupId, setGroupId] = useState<number | undefined>(undefined);
  const [status, setStatus] = useState<'active' | 'moved' | undefined>('active');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<HouseholdPage | null>(null);
  const [groups, setGroups] = useState<GroupView[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  const load = useCallback(async () => {
    const [list, gs] = await Promise.all([
      call('households.list', { query: query.trim() || undefined, groupId, status, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
      call('households.groups', {}),
    ]);
    if (!list.ok) return setError(list.error);
    setError(null);
    setData(list.value);
    if (gs.ok) setGroups(gs.value);
  }, [query, groupId, status, page]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  return (
    <PageFrame
      title={t('households.title')}
      testId="households-page"
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
          {isAdmin && (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="roster-import-open">
                {t('households.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="household-create-open">
                {t('households.create')}
              </Button>
            </>
          )}
        </>
      }
    >
      <div style={{ display: 'flex', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        <Input.Search
          allowClear
          data-testid="households-search"
          placeholder={t('households.searchPlaceholder')}
          aria-label={t('households.searchPlaceholder')}
          style={{ width: 320 }}
          onSearch={(v) => {
            setQuery(v);
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder={t('households.allGroups')}
          aria-label={t('households.allGroups')}
          style={{ width: 160 }}
          value={groupId}
          onChange={(v: number | undefined) => {
            setGroupId(v);
            setPage(1);
          }}
          options={groups.map((g) => ({ value: g.id, label: `${g.name}（${g.households}）` }))}
        />
        <Select
          aria-label={t('households.status')}
          style={{ width: 140 }}
          value={status ?? 'all'}
          onChange={(v: 'active' | 'moved' | 'all') => {
            setStatus(v === 'all' ? undefined : v);
            setPage(1);
          }}
          options={[
            { value: 'active', label: t('households.statusActive') },
            { value: 'moved', label: t('households.statusMoved') },
            { value: 'all', label: t('households.statusAll') },
          ]}
        />
      </div>
      <ErrorLine error={error} />
      <Table
        data-testid="households-table"
        rowKey="id"
        loading={data === null && !error}
        dataSource={data?.rows ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => t('households.total', { n }),
        }}
        columns={[
          { key: 'number', title: t('households.number'), dataIndex: 'number', render: (v: string) => <b>{v}</b> },
          { key: 'head', title: t('households.head'), dataIndex: 'headName' },
          { key: 'group', title: t('households.group'), dataIndex: 'groupName' },
          { key: 'members', title: t('households.members'), dataIndex: 'members', align: 'right' },
          { key: 'balance', title: t('households.balance'), dataIndex: 'balance', align: 'right', render: (v: number) => formatPoints(v) },
          { key: 'honour', title: t('households.honour'), dataIndex: 'honourTotal', align: 'right', render: (v: number) => formatPoints(v) },
          {
            key: 'status',
            title: t('households.status'),
            render: (_, r) => (r.status === 'active' ? <Tag color="green">{t('households.statusActive')}</Tag> : <Tag>{t('households.statusMoved')}</Tag>),
          },
        ]}
      />
      {open !== null && <HouseholdDrawer householdId={open} groups={groups} onClose={() => setOpen(null)} onChanged={() => void load()} />}
      {creating && (
        <CreateHouseholdDialog
          groups={groups}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void load();
            setOpen(id);
          }}
        />
      )}
      {importing && (
        <RosterImportDialog
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            void load();
          }}
        />
      )}
    </PageFrame>
  );
}
