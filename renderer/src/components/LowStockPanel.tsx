import { WarningOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { LowStockItem } from '../../../db/contract/index.js';
import { call } from '../api/client.js';
import { useStockT } from '../i18n/stock.js';

/**
 * A small read-only "running low" strip for the keeper's counter (stock.lowList is open
 * to every role). Refreshes when `refreshKey` changes (after each sale, say).
 */
export function LowStockPanel({ refreshKey = 0 }: { refreshKey?: number }) {
  const st = useStockT();
  const [items, setItems] = useState<LowStockItem[] | null>(null);
  useEffect(() => {
    void call('stock.lowList', {}).then((r) => r.ok && setItems(r.value));
  }, [refreshKey]);
  if (!items || items.length === 0) return null;
  return (
    <div data-testid="low-stock-panel" style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
      <Typography.Text type="warning" strong>
        <WarningOutlined /> {st('low.title')}
      </Typography.Text>
      {items.map((i) => (
        <Tag key={i.goodsId} color={i.stock === 0 ? 'red' : 'orange'}>
          {st('low.item', { name: i.name, stock: i.stock, unit: i.unit })}
        </Tag>
      ))}
    </div>
  );
}
