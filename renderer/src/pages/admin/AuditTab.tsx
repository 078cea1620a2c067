import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntryView, AuditPage, OperatorAdminView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useTrustT } from '../../i18n/trust.js';
import { saveDownload } from '../../lib/download.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import { DateInput } from '../../components/DateInput.js';

interface Filter {
  from?: string;
  to?: string;
  operatorId?: number;
  action?: string;
  text?: string;
}

/** Groups of actions people look for; the core matches a prefix ('login' → login.*). */
const ACTION_GROUPS: { value: string; zh: string; en: string }[] = [
  { value: 'login', zh: '登录', en: 'Logins' },
  { value: 'operator', zh: '操作员', en: 'Operators' },
  { value: 'settings', zh: '设置', en: 'Settings' },
  { value: 'redemption', zh: '作废兑换单', en: 'Voids' },
  { value: 'stock', zh: '库存', en: 'Stock' },
  { value: 'goods', zh: '商品', en: 'Goods' },
  { value: 'household', zh: '农户', en: 'Households' },
  { value: 'points', zh: '积分评定', en: 'Points' },
  { value: 'day', zh: '日结', en: 'Day close' },
  { value: 'export', zh: '导出', en: 'Exports' },
  { value: 'backup', zh: '备份与恢复', en: 'Backups' },
  { value: 'integrity', zh: '数据校验', en: 'Verify' },
];

const PAGE = 50;

/** The audit log, newest first, filtered on the server; exportable as CSV. */
export function AuditTab({ active }: { active: boolean }) {
  const t = useTrustT();
  const { errorText, lang } = useI18n();
  const { settings } = useSession();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Filter>({});
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AuditPage | null>(null);
  const [operators, setOperators] = useState<OperatorAdminView[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);

  const load = useCallback(async () => {
    const r = await call('audit.list', { ...filter, offset: (page - 1) * PAGE, limit: PAGE });
    if (r.ok) {
      setData(r.value);
      setError(null);
    } else setError(r.error);
  }, [filter, page]);
  useEffect(() => {
    if (active) void load();
  }, [active, load]);
  useEffect(() => {
    if (active) void call('operators.list', {}).then((r) => r.ok && setOperators(r.value));
  }, [active]);

  const exportCsv = async () => {
    const r = await call('audit.export', filter);
    if (!r.ok) return setError(r.error);
    saveDownload(r.value);
    void message.success(t('audit.exported', { name: r.value.fileName }));
  };

  const apply = () => {
    const f: Filter = {};
    if (draft.from) f.from = draft.from;
    if (draft.to) f.to = draft.to;
    if (draft.operatorId !== undefined) f.operatorId = draft.operatorId;
    if (draft.action) f.action = draft.action;
    if (draft.text?.trim()) f.text = draft.text.trim();
    setPage(1);
    setFilter(f);
  };

  return (
    <div data-testid="audit-tab">
      <Typography.Paragraph type="secondary">{t('audit.explain')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="audit-from">{t('audit.from')}</label>
        <DateInput id="audit-from" value={draft.from ?? ''} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <label htmlFor="audit-to">{t('audit.to')}</label>
        <DateInput id="audit-to" value={draft.to ?? ''} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <Select
          allowClear
          placeholder={t('audit.allOperators')}
          aria-label={t('audit.allOperators')}
          style={{ width: 160 }}
          value={draft.operatorId}
          onChange={(v: number | undefined) => setDraft({ ...draft, operatorId: v })}
          options={operators.map((o) => ({ value: o.id, label: o.name }))}
        />
        <Select
          allowClear
          placeholder={t('audit.allActions')}
          aria-label={t('audit.allActions')}
          style={{ width: 150 }}
          value={draft.action}
          onChange={(v: string | undefined) => setDraft({ ...draft, action: v })}
          options={ACTION_GROUPS.map((g) => ({ value: g.value, label: lang === 'zh' ? g.zh : g.en }))}
          data-testid="audit-action"
        />
        <Input
          placeholder={t('audit.search')}
          aria-label={t('audit.search')}
          value={draft.text ?? ''}
          onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          style={{ width: 200 }}
          onPressEnter={apply}
        />
        <Button type="primary" onClick={apply} data-testid="audit-filter">
          {t('audit.filter')}
        </Button>
        <Button
          onClick={() => {
            setDraft({});
            setPage(1);
            setFilter({});
          }}
        >
          {t('audit.reset')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Table<AuditEntryView>
        rowKey="id"
        size="middle"
        data-testid="audit-table"
        loading={data === null && !error}
        dataSource={data?.entries ?? []}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (total) => t('audit.total', { total }),
        }}
        columns={[
          { key: 'id', title: '#', dataIndex: 'id', width: 70 },
          { key: 'time', title: t('audit.time'), width: 190, render: (_, e) => formatDateTime(e.createdAt, settings.timeZone, lang) },
          {
            key: 'op',
            title: t('audit.operator'),
            width: 120,
            render: (_, e) => e.operatorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
          },
          {
            key: 'action',
            title: t('audit.action'),
            width: 190,
            render: (_, e) => (
              <span title={e.action} style={{ color: /failed|locked/.test(e.action) ? '#cf1322' : undefined }}>
                {lang === 'zh' ? e.label.zh : e.label.en}
              </span>
            ),
          },
          { key: 'target', title: t('audit.target'), dataIndex: 'target', width: 150 },
          {
            key: 'detail',
            title: t('audit.detail'),
            render: (_, e) => (
              <Typography.Text type="secondary" style={{ fontSize: 13, wordBreak: 'break-all' }}>
                {e.detail ?? ''}
              </Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
