import { Card, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { NeverRedeemedPage } from '../../../../db/contract/index.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useOfficeT } from '../../i18n/office.js';
import { formatPoints } from '../../lib/format.js';

const PAGE = 20;

/**
 * The households that never redeemed, paged from the core (a county has tens of thousands):
 * the title gives the count and points over all of them, never over the page shown.
 */
export function NeverRedeemedList() {
  const { t, errorText } = useI18n();
  const o = useOfficeT();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<NeverRedeemedPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (p: number) => {
      const res = await call('stats.neverRedeemed', { offset: (p - 1) * PAGE, limit: PAGE });
      if (!res.ok) return setError(errorText(res.error));
      setError(null);
      setData(res.value);
    },
    [errorText],
  );
  useEffect(() => void load(page), [load, page]);

  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={data ? o('stats.neverRedeemedListOf', { total: data.total, points: formatPoints(data.balance) }) : t('stats.neverRedeemedList')}
      data-testid="never-redeemed-list"
    >
      {error && <div style={{ color: '#cf1322' }}>{error}</div>}
      <Table
        size="small"
        rowKey="number"
        loading={!data && !error}
        dataSource={data?.rows ?? []}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (total) => o('list.total', { total }),
        }}
        columns={[
          { key: 'n', title: t('stats.number'), dataIndex: 'number' },
          { key: 'h', title: t('stats.head'), dataIndex: 'headName' },
          { key: 'g', title: t('stats.group'), dataIndex: 'groupName' },
          { key: 'b', title: t('stats.balance'), dataIndex: 'balance', align: 'right', render: (v: number) => formatPoints(v) },
        ]}
      />
    </Card>
  );
}
