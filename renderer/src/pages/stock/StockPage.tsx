import { Tabs } from 'antd';
import { useState } from 'react';
import { useStockT } from '../../i18n/stock.js';
import type { PageProps } from '../PageProps.js';
import { GoodsTab } from './GoodsTab.js';
import { ReceiveTab } from './ReceiveTab.js';
import { ReportTab } from './ReportTab.js';
import { StocktakeTab } from './StocktakeTab.js';
import { useGoods } from './useGoods.js';

/** 商品库存, for the accountant and the committee: catalogue, receiving, stocktake, report. */
export function StockPage({ active }: PageProps) {
  const st = useStockT();
  const [tab, setTab] = useState('goods');
  // Any posting elsewhere refreshes the report the next time it is looked at.
  const [version, setVersion] = useState(0);
  const catalogue = useGoods(active);
  const bump = () => {
    setVersion((v) => v + 1);
    void catalogue.reload();
  };
  return (
    <div style={{ height: '100%', overflowY: 'auto', padding: '0 16px 16px', boxSizing: 'border-box' }}>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k);
          bump();
        }}
        size="large"
        items={[
          { key: 'goods', label: st('tab.goods'), children: <GoodsTab catalogue={catalogue} /> },
          { key: 'receive', label: st('tab.receive'), children: <ReceiveTab active={active && tab === 'receive'} catalogue={catalogue} /> },
          { key: 'stocktake', label: st('tab.stocktake'), children: <StocktakeTab active={active && tab === 'stocktake'} onPosted={bump} /> },
          { key: 'report', label: st('tab.report'), children: <ReportTab active={active && tab === 'report'} version={version} /> },
        ]}
      />
    </div>
  );
}
