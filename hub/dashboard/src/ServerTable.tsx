import { Alert, Button, Card, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { api, query, type TablePage } from './api.js';
import { ALERT_KINDS, COLUMN_EN, t, type Lang } from './i18n.js';

/**
 * One table of the dashboard, paged on the server (only the page on screen travels),
 * with an XLSX download of the whole table for the same period.
 */
export function ServerTable({
  name,
  title,
  lang,
  range,
  extra,
  pageSize = 10,
}: {
  name: string;
  title: string;
  lang: Lang;
  range: { from: string | null; to: string | null };
  extra?: Record<string, string | null>;
  pageSize?: number;
}) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<TablePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const extraKey = JSON.stringify(extra ?? {});

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .table(name, { ...range, ...(JSON.parse(extraKey) as Record<string, string | null>), limit: pageSize, offset: (page - 1) * pageSize })
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [name, range, extraKey, page, pageSize]);

  const render = (key: string) => (v: unknown) => {
    if (key === 'overdue') return v ? <Tag color="red">{t(lang, 'overdue')}</Tag> : <Tag color="green">{t(lang, 'onTime')}</Tag>;
    if (key === 'kind') return <Tag color={v === 'fork' ? 'red' : v === 'gap' ? 'orange' : 'gold'}>{ALERT_KINDS[String(v)]?.[lang] ?? String(v)}</Tag>;
    if (key === 'detail') return <code style={{ fontSize: 12 }}>{JSON.stringify(v)}</code>;
    if (v === null || v === undefined) return '—';
    return typeof v === 'number' ? v.toLocaleString('zh-CN') : String(v);
  };

  const href = `/api/export/${name}.xlsx?${query({ ...range, ...(extra ?? {}) })}`;
  return (
    <Card
      title={title}
      size="small"
      data-testid={`table-${name}`}
      extra={
        <Button size="small" icon={<DownloadOutlined />} href={href} download={`hub-${name}.xlsx`} data-testid={`export-${name}`}>
          {t(lang, 'exportXlsx')}
        </Button>
      }
    >
      {error && <Alert type="error" title={`${t(lang, 'loadFailed')}: ${error}`} />}
      <Table
        size="small"
        loading={loading}
        rowKey={(_r, i) => `${page}-${String(i)}`}
        dataSource={data?.rows ?? []}
        columns={(data?.columns ?? []).map((c) => ({
          key: c.key,
          dataIndex: c.key,
          title: lang === 'zh' ? c.title : (COLUMN_EN[c.key] ?? c.title),
          render: render(c.key),
        }))}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        scroll={{ x: true }}
      />
    </Card>
  );
}
