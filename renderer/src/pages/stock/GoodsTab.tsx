import { ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { GoodsAdminItem } from '../../../../db/contract/index.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useStockT } from '../../i18n/stock.js';
import { AdjustModal } from './AdjustModal.js';
import { GoodsFormModal } from './GoodsFormModal.js';
import { ImportModal } from './ImportModal.js';
import { MovementsDrawer } from './MovementsDrawer.js';
import { signed, yuan } from './money.js';
import { PriceModal } from './PriceModal.js';
import type { useGoods } from './useGoods.js';
import { formatPoints } from '../../lib/format.js';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; goods: GoodsAdminItem }
  | { kind: 'price'; goods: GoodsAdminItem }
  | { kind: 'adjust'; goods: GoodsAdminItem }
  | { kind: 'history'; goods: GoodsAdminItem }
  | { kind: 'import' };

/** The catalogue: every good with its price, stock and state, and every action on it. */
export function GoodsTab({ catalogue }: { catalogue: ReturnType<typeof useGoods> }) {
  const st = useStockT();
  const { errorText } = useI18n();
  const { message, modal } = App.useApp();
  const { goods, error, reload } = catalogue;
  const [query, setQuery] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const categories = useMemo(() => [...new Set((goods ?? []).map((g) => g.category))], [goods]);
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (goods ?? []).filter(
      (g) => (showRetired || g.active) && (!q || g.name.toLowerCase().includes(q) || g.category.includes(q) || g.barcodes.some((b) => b.includes(q))),
    );
  }, [goods, query, showRetired]);

  const done = (text: string) => {
    setDialog(null);
    void message.success(text);
    void reload();
  };

  const toggleActive = (g: GoodsAdminItem) => {
    const run = async () => {
      const res = await call('stock.goodsSetActive', { goodsId: g.id, active: !g.active });
      if (res.ok) done(st('common.saved'));
      else void message.error(errorText(res.error));
    };
    if (!g.active) return void run();
    modal.confirm({
      title: st('goods.retireConfirm', { name: g.name }),
      content: g.stock > 0 ? st('goods.retireStock', { stock: g.stock, unit: g.unit }) : undefined,
      okText: st('goods.retire'),
      cancelText: st('common.cancel'),
      onOk: run,
    });
  };

  return (
    <div>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={st('goods.search')}
            aria-label={st('goods.search')}
            style={{ width: 320 }}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="goods-search"
          />
          <Switch checked={showRetired} onChange={setShowRetired} /> {st('goods.showRetired')}
          <Typography.Text type="secondary">{st('goods.count', { count: rows.length })}</Typography.Text>
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
            {st('common.refresh')}
          </Button>
          <Button icon={<ImportOutlined />} onClick={() => setDialog({ kind: 'import' })} data-testid="goods-import">
            {st('goods.import')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="goods-new">
            {st('goods.new')}
          </Button>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Table<GoodsAdminItem>
        data-testid="goods-table"
        rowKey="id"
        size="middle"
        loading={goods === null && !error}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowClassName={(g) => (g.active ? '' : 'struck')}
        columns={[
          {
            key: 'name',
            title: st('goods.name'),
            render: (_, g) => (
              <span>
                <b>{g.name}</b> {!g.active && <Tag>{st('goods.retired')}</Tag>}
              </span>
            ),
          },
          { key: 'cat', title: st('goods.category'), dataIndex: 'category' },
          { key: 'unit', title: st('goods.unit'), dataIndex: 'unit' },
          { key: 'pts', title: st('goods.points'), dataIndex: 'pointsPrice', align: 'right', render: (v: number) => formatPoints(v) },
          { key: 'val', title: st('goods.value'), align: 'right', render: (_, g) => yuan(g.valueFen) },
          {
            key: 'stock',
            title: st('goods.stock'),
            align: 'right',
            className: 'keep-unstruck',
            render: (_, g) => (
              <span data-testid={`stock-${g.id}`}>
                {g.active && g.stock === 0 ? (
                  <Tag color="red">{st('goods.out')}</Tag>
                ) : g.active && g.stock <= g.lowStock ? (
                  <Tag color="orange">{st('goods.low')}</Tag>
                ) : null}
                <b>{g.stock}</b>
              </span>
            ),
          },
          { key: 'low', title: st('goods.lowStock'), dataIndex: 'lowStock', align: 'right' },
          { key: 'bc', title: st('goods.barcodes'), render: (_, g) => <span style={{ fontSize: 12 }}>{g.barcodes.join(' ')}</span> },
          {
            key: 'act',
            title: st('common.actions'),
            className: 'keep-unstruck',
            render: (_, g) => (
              <Space size={0} wrap>
                <Button size="small" type="link" onClick={() => setDialog({ kind: 'edit', goods: g })}>
                  {st('goods.edit')}
                </Button>
                <Button size="small" type="link" onClick={() => setDialog({ kind: 'price', goods: g })}>
                  {st('goods.price')}
                </Button>
                <Button size="small" type="link" data-testid={`adjust-${g.id}`} onClick={() => setDialog({ kind: 'adjust', goods: g })}>
                  {st('goods.adjust')}
                </Button>
                <Button size="small" type="link" data-testid={`history-${g.id}`} onClick={() => setDialog({ kind: 'history', goods: g })}>
                  {st('goods.history')}
                </Button>
                <Button size="small" type="link" danger={g.active} onClick={() => toggleActive(g)}>
                  {g.active ? st('goods.retire') : st('goods.reactivate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'create' && (
        <GoodsFormModal editing={null} categories={categories} onClose={() => setDialog(null)} onSaved={(g) => done(`${st('common.saved')}：${g.name}`)} />
      )}
      {dialog?.kind === 'edit' && (
        <GoodsFormModal
          editing={dialog.goods}
          categories={categories}
          onClose={() => setDialog(null)}
          onSaved={(g) => done(`${st('common.saved')}：${g.name}`)}
        />
      )}
      {dialog?.kind === 'price' && (
        <PriceModal goods={dialog.goods} onClose={() => setDialog(null)} onSaved={(g) => done(`${st('common.saved')}：${g.name}`)} />
      )}
      {dialog?.kind === 'adjust' && (
        <AdjustModal
          goods={dialog.goods}
          onClose={() => setDialog(null)}
          onDone={(a) => done(st('adjust.done', { name: `${a.adjustmentNo} ${a.name}`, quantity: signed(a.quantity) }))}
        />
      )}
      {dialog?.kind === 'history' && <MovementsDrawer goodsId={dialog.goods.id} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'import' && (
        <ImportModal onClose={() => setDialog(null)} onImported={(r) => done(st('import.done', { count: r.imported, units: r.openingUnits }))} />
      )}
    </div>
  );
}
