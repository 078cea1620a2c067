import { SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Radio, Spin } from 'antd';
import { LowStockPanel } from '../../components/LowStockPanel.js';
import { memo, useMemo, useState } from 'react';
import type { GoodsCatalog, GoodsItem } from '../../../../db/contract/index.js';
import { useI18n } from '../../i18n/index.js';
import { formatPoints } from '../../lib/format.js';

interface Props {
  catalog: GoodsCatalog | null;
  onPick: (goods: GoodsItem) => void;
  /** Called when the keeper is done with the filter box, so the scan box gets focus back. */
  onDone: () => void;
}

const ALL = '__all__';

function matches(g: GoodsItem, filter: string): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return g.name.toLowerCase().includes(f) || g.initials.startsWith(f) || g.initials.includes(f) || g.barcodes.includes(filter);
}

/**
 * Tiles to tap, by category, with a filter by name or pinyin initials (mf → 面粉).
 * Memoised: a scan changes the household, not the goods, and re-rendering dozens of
 * tiles on every scan was most of the work between Enter and the household showing.
 */
export const GoodsGrid = memo(function GoodsGrid({ catalog, onPick, onDone }: Props) {
  const { t } = useI18n();
  const [category, setCategory] = useState(ALL);
  const [filter, setFilter] = useState('');

  const visible = useMemo(
    () => (catalog?.goods ?? []).filter((g) => (category === ALL || g.category === category) && matches(g, filter.trim())),
    [catalog, category, filter],
  );

  const stockTotal = useMemo(() => (catalog?.goods ?? []).reduce((sum, g) => sum + g.stock, 0), [catalog]);

  if (!catalog) return <Spin description={t('goods.loading')} style={{ marginTop: 48, width: '100%' }} />;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      {/* Category chips wrap instead of scrolling: every category stays one tap away. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 10 }}>
        <Radio.Group
          value={category}
          onChange={(e) => setCategory(e.target.value as string)}
          optionType="button"
          buttonStyle="solid"
          size="middle"
          options={[ALL, ...catalog.categories].map((c) => ({ value: c, label: c === ALL ? t('goods.all') : c }))}
          className="goods-categories"
          style={{ display: 'flex', flexWrap: 'wrap', rowGap: 6, flex: '1 1 auto' }}
        />
        <Input
          data-testid="goods-filter"
          size="middle"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('goods.filter')}
          aria-label={t('goods.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setFilter('');
              onDone();
            } else if (e.key === 'Enter' && visible.length === 1 && visible[0]) {
              // One match left: Enter takes it, like tapping the only tile.
              onPick(visible[0]);
              setFilter('');
              onDone();
            }
          }}
          style={{ flex: '1 1 200px', maxWidth: 320, minWidth: 180 }}
        />
      </div>
      {/* What is running low, so the keeper can tell the accountant before it runs out;
          refreshed whenever a sale changes the stock. */}
      <div style={{ marginBottom: 8 }}>
        <LowStockPanel refreshKey={stockTotal} />
      </div>
      <div style={{ flex: 1, minHeight: 0, overflowY: 'auto', paddingRight: 4 }}>
        {visible.length === 0 ? (
          <Empty description={t('goods.none')} />
        ) : (
          <div className="goods-tiles">
            {visible.map((g) => (
              <GoodsTile key={g.id} goods={g} onPick={onPick} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
});

function GoodsTile({ goods, onPick }: { goods: GoodsItem; onPick: (g: GoodsItem) => void }) {
  const { t } = useI18n();
  const out = goods.stock <= 0;
  const low = !out && goods.stock <= goods.lowStock;
  return (
    <button
      type="button"
      data-testid="goods-tile"
      data-goods-id={goods.id}
      disabled={out}
      onClick={() => onPick(goods)}
      aria-label={goods.name}
      style={{
        width: '100%',
        height: 100,
        padding: '10px 12px',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        alignItems: 'stretch',
        textAlign: 'left',
        border: '1px solid #e3e3e3',
        borderRadius: 10,
        background: out ? '#f0f0f0' : '#fff',
        color: out ? '#aaa' : '#222',
        cursor: out ? 'not-allowed' : 'pointer',
        boxShadow: out ? 'none' : '0 1px 2px rgba(0,0,0,0.06)',
        font: 'inherit',
      }}
    >
      <span
        style={{ fontSize: 17, fontWeight: 600, lineHeight: 1.25, overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' }}
      >
        {goods.name}
      </span>
      <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
        <span style={{ fontSize: 20, fontWeight: 700, color: out ? '#aaa' : '#c0392b' }}>
          {formatPoints(goods.pointsPrice)}
          <span style={{ fontSize: 13, fontWeight: 400, marginLeft: 2 }}>{t('points.unit')}</span>
        </span>
        <span data-testid="goods-stock" style={{ fontSize: 13, color: out ? '#aaa' : low ? '#d46b08' : '#888', whiteSpace: 'nowrap' }}>
          {low && (
            <span className="goods-low-badge" style={{ background: '#fa8c16', color: '#fff', borderRadius: 4, padding: '1px 4px', marginRight: 4 }}>
              {t('goods.lowStock')}
            </span>
          )}
          {out ? t('goods.outOfStock') : t('goods.stock', { stock: goods.stock })}
        </span>
      </span>
    </button>
  );
}
