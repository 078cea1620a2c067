import { Alert, Drawer, Table, Tag, Typography } from 'antd';
import { ListCount } from '../../components/ListCount.js';
import { useEffect, useState } from 'react';
import type { MovementHistory, MovementKind, MovementView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useStockT } from '../../i18n/stock.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import { signed } from './money.js';

const KIND_COLOR: Record<MovementKind, string> = {
  opening: 'default',
  purchase: 'blue',
  donation: 'magenta',
  redemption: 'orange',
  void: 'cyan',
  adjustment: 'red',
  stocktake: 'purple',
};

/** Every movement of one good with who and when: the trace behind its stock figure. */
export function MovementsDrawer({ goodsId, onClose }: { goodsId: number; onClose: () => void }) {
  const st = useStockT();
  const { errorText, lang } = useI18n();
  const { settings } = useSession();
  const [history, setHistory] = useState<MovementHistory | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    void call('stock.movements', { goodsId }).then((r) => (r.ok ? setHistory(r.value) : setError(r.error)));
  }, [goodsId]);

  return (
    <Drawer open width={980} onClose={onClose} title={history ? st('history.title', { name: history.goods.name }) : ''}>
      {error && <Alert type="error" showIcon title={errorText(error)} />}
      {history && (
        <Typography.Paragraph data-testid="history-summary">
          {st('history.summary', { stock: history.goods.stock, unit: history.goods.unit, count: history.count, total: history.total })}
          {history.count > history.movements.length && (
            <>
              {' '}
              · <ListCount shown={history.movements.length} total={history.count} />
            </>
          )}
        </Typography.Paragraph>
      )}
      <Table<MovementView>
        data-testid="history-table"
        size="small"
        rowKey="id"
        loading={!history && !error}
        dataSource={history?.movements ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { key: 'time', title: st('common.time'), render: (_, m) => formatDateTime(m.createdAt, settings.timeZone, lang) },
          {
            key: 'kind',
            title: st('history.kind'),
            render: (_, m) => (
              <Tag color={KIND_COLOR[m.kind]}>
                {st(`kind.${m.kind}`)}
                {m.reason ? ` · ${st(`adjust.${m.reason}`)}` : ''}
              </Tag>
            ),
          },
          {
            key: 'qty',
            title: st('history.quantity'),
            align: 'right',
            render: (_, m) => <b style={{ color: m.quantity < 0 ? '#cf1322' : '#389e0d' }}>{signed(m.quantity)}</b>,
          },
          { key: 'after', title: st('history.after'), dataIndex: 'stockAfter', align: 'right' },
          { key: 'ref', title: st('history.reference'), render: (_, m) => m.reference ?? '' },
          {
            key: 'party',
            title: st('history.party'),
            render: (_, m) => (m.donor ? st('history.donor', { name: m.donor }) : m.supplier ? st('history.supplier', { name: m.supplier }) : ''),
          },
          { key: 'who', title: st('common.operator'), dataIndex: 'operatorName' },
          { key: 'note', title: st('common.note'), render: (_, m) => (m.reference && m.note === m.reference ? '' : (m.note ?? '')) },
        ]}
      />
    </Drawer>
  );
}
