import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { App, Button, List, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import { useCounterT } from '../../i18n/counter.js';
import { useI18n } from '../../i18n/index.js';

/**
 * 设置 → 商品分类顺序: the order of the counter's category buttons and goods. Starts from
 * what the counter shows now (the store's order, then the rest); ↑/↓ move a category,
 * 保存 stores the whole list (goods.setCategoryOrder, administrators only, audited).
 */
export function CategoryOrderTab({ active }: { active: boolean }) {
  const ct = useCounterT();
  const { errorText } = useI18n();
  const { message } = App.useApp();
  const [order, setOrder] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    const res = await call('goods.catalog', {});
    if (res.ok) setOrder(res.value.categories);
    else void message.error(errorText(res.error));
  }, [message, errorText]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const move = (i: number, step: -1 | 1) =>
    setOrder((o) => {
      if (!o || i + step < 0 || i + step >= o.length) return o;
      const next = [...o];
      [next[i], next[i + step]] = [next[i + step]!, next[i]!];
      return next;
    });

  const save = async () => {
    if (!order) return;
    setSaving(true);
    const res = await call('goods.setCategoryOrder', { categories: order });
    setSaving(false);
    if (res.ok) void message.success(ct('categories.saved'));
    else void message.error(errorText(res.error));
  };

  return (
    <div style={{ maxWidth: 520 }}>
      <Typography.Paragraph type="secondary">{ct('categories.hint')}</Typography.Paragraph>
      <List
        bordered
        dataSource={order ?? []}
        loading={order === null}
        renderItem={(name, i) => (
          <List.Item
            data-testid="category-row"
            actions={[
              <Button key="up" icon={<ArrowUpOutlined />} aria-label={ct('categories.up', { name })} disabled={i === 0} onClick={() => move(i, -1)} />,
              <Button
                key="down"
                icon={<ArrowDownOutlined />}
                aria-label={ct('categories.down', { name })}
                disabled={order !== null && i === order.length - 1}
                onClick={() => move(i, 1)}
              />,
            ]}
          >
            <Space>
              <span style={{ color: '#999', minWidth: 20 }}>{i + 1}</span>
              <span style={{ fontSize: 16 }}>{name}</span>
            </Space>
          </List.Item>
        )}
      />
      <Button type="primary" style={{ marginTop: 16 }} loading={saving} disabled={order === null} onClick={() => void save()} data-testid="categories-save">
        {ct('categories.save')}
      </Button>
    </div>
  );
}

export function CategoryOrderLabel() {
  return <>{useCounterT()('categories.tab')}</>;
}
