import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Modal, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { StockReceiptSummary, StockReceiptView } from '../../../../db/contract/index.js';
import { call } from '../../api/client.js';
import { usePrint } from '../../components/PrintArea.js';
import { useI18n } from '../../i18n/index.js';
import { useStockT } from '../../i18n/stock.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import { ReceiptDoc } from './docs/ReceiptDoc.js';
import { yuan } from './money.js';
import { ReceiveForm } from './ReceiveForm.js';
import type { useGoods } from './useGoods.js';

/** Receiving: the form for a new receipt, the list of receipts, and each one printable. */
export function ReceiveTab({ active, catalogue }: { active: boolean; catalogue: ReturnType<typeof useGoods> }) {
  const st = useStockT();
  const { lang, errorText } = useI18n();
  const { settings } = useSession();
  const { message } = App.useApp();
  const { print, printArea } = usePrint();
  const [list, setList] = useState<StockReceiptSummary[] | null>(null);
  const [open, setOpen] = useState<StockReceiptView | null>(null);

  const load = useCallback(async () => {
    const res = await call('stock.receiptList', {});
    if (res.ok) setList(res.value);
  }, []);
  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const show = async (id: number) => {
    const res = await call('stock.receiptGet', { receiptId: id });
    if (res.ok) setOpen(res.value);
    else void message.error(errorText(res.error));
  };

  return (
    <div>
      <Card title={st('receive.new')} style={{ marginBottom: 16 }}>
        <ReceiveForm
          goods={catalogue.goods ?? []}
          onSaved={(r) => {
            void message.success(st('receive.done', { no: r.receiptNo }));
            setOpen(r);
            void load();
            void catalogue.reload();
          }}
        />
      </Card>
      <Card title={st('receive.list')}>
        <Table<StockReceiptSummary>
          data-testid="receipts-list"
          rowKey="id"
          size="middle"
          loading={list === null}
          dataSource={list ?? []}
          locale={{ emptyText: st('receive.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(r) => ({ onClick: () => void show(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { key: 'no', title: st('receive.no'), render: (_, r) => <b>{r.receiptNo}</b> },
            { key: 'time', title: st('common.time'), render: (_, r) => formatDateTime(r.createdAt, settings.timeZone, lang) },
            { key: 'lines', title: st('receive.lines'), dataIndex: 'lineCount', align: 'right' },
            { key: 'units', title: st('receive.units'), dataIndex: 'totalQuantity', align: 'right' },
            { key: 'cost', title: st('receive.totalCost'), align: 'right', render: (_, r) => yuan(r.totalCostFen) },
            { key: 'suppliers', title: st('receive.suppliers'), render: (_, r) => r.suppliers.join('、') },
            { key: 'donors', title: st('receive.donors'), render: (_, r) => r.donors.join('、') },
            { key: 'who', title: st('common.operator'), dataIndex: 'operatorName' },
          ]}
        />
      </Card>
      <Modal
        open={open !== null}
        width={900}
        onCancel={() => setOpen(null)}
        footer={
          <>
            <Button onClick={() => setOpen(null)}>{st('common.close')}</Button>
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => open && print(<ReceiptDoc receipt={open} />)} data-testid="receipt-print">
              {st('common.print')}
            </Button>
          </>
        }
      >
        {open && <ReceiptDoc receipt={open} />}
      </Modal>
      {printArea}
    </div>
  );
}
