import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { GoodsAdminItem, OpInput, StockReceiptView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useStockT } from '../../i18n/stock.js';
import { newRequestId } from '../../lib/requestId.js';
import { parseYuanInput } from './money.js';

interface Line {
  key: number;
  goodsId: number | null;
  quantity: number | null;
  source: 'purchase' | 'donation';
  cost: string;
  supplier: string;
  donor: string;
}

let nextKey = 1;
const blank = (prev?: Line): Line => ({
  key: nextKey++,
  goodsId: null,
  quantity: null,
  // A batch usually comes from one supplier or one donor: carry it to the next line.
  source: prev?.source ?? 'purchase',
  cost: '',
  supplier: prev?.supplier ?? '',
  donor: prev?.donor ?? '',
});

function lineProblem(l: Line, st: ReturnType<typeof useStockT>): string | null {
  if (l.goodsId === null || !l.quantity) return st('receive.pickAtLeastOne');
  if (l.source === 'purchase' && parseYuanInput(l.cost) === null) return st('receive.costRequired');
  if (l.source === 'donation' && l.donor.trim() === '') return st('receive.donorRequired');
  return null;
}

/** A new stock receipt: several lines, each bought (cost, supplier) or donated (donor). */
export function ReceiveForm({ goods, onSaved }: { goods: GoodsAdminItem[]; onSaved: (r: StockReceiptView) => void }) {
  const st = useStockT();
  const { errorText } = useI18n();
  const { modal } = App.useApp();
  const [lines, setLines] = useState<Line[]>(() => [blank()]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ErrorBody | string | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per receipt being written: a double click or retry makes one receipt.
  const [requestId, setRequestId] = useState(newRequestId);

  const options = useMemo(
    () =>
      goods.filter((g) => g.active).map((g) => ({ value: g.id, label: `${g.name}（${g.unit}）`, search: `${g.name} ${g.category} ${g.barcodes.join(' ')}` })),
    [goods],
  );
  const update = (key: number, patch: Partial<Line>) => {
    setError(null);
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  };
  const filled = lines.filter((l) => l.goodsId !== null || l.quantity);

  const submit = () => {
    const problem = filled.length === 0 ? st('receive.pickAtLeastOne') : filled.map((l) => lineProblem(l, st)).find((p) => p !== null);
    if (problem) return setError(problem);
    const input: OpInput<'stock.receive'> = {
      requestId,
      note: note.trim() || undefined,
      lines: filled.map((l) =>
        l.source === 'purchase'
          ? { source: 'purchase', goodsId: l.goodsId!, quantity: l.quantity!, costFen: parseYuanInput(l.cost)!, supplier: l.supplier.trim() || undefined }
          : { source: 'donation', goodsId: l.goodsId!, quantity: l.quantity!, donor: l.donor.trim() },
      ),
    };
    const units = filled.reduce((s, l) => s + (l.quantity ?? 0), 0);
    modal.confirm({
      title: st('receive.confirmTitle', { lines: filled.length, units }),
      okText: st('receive.submit'),
      cancelText: st('common.cancel'),
      onOk: async () => {
        setBusy(true);
        const res = await call('stock.receive', input);
        setBusy(false);
        if (!res.ok) return setError(res.error);
        setLines([blank()]);
        setNote('');
        setRequestId(newRequestId());
        onSaved(res.value);
      },
    });
  };

  return (
    <div data-testid="receive-form">
      {lines.map((l, i) => (
        <div
          key={l.key}
          style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', padding: '8px 0', borderBottom: '1px dashed #e8e8e8' }}
          data-testid="receive-line"
        >
          <Typography.Text type="secondary" style={{ width: 64, whiteSpace: 'nowrap' }}>
            {st('receive.line', { n: i + 1 })}
          </Typography.Text>
          <Select
            showSearch
            style={{ width: 300 }}
            size="large"
            placeholder={st('receive.pickGoods')}
            value={l.goodsId ?? undefined}
            options={options}
            filterOption={(input, o) => (o?.search ?? '').toLowerCase().includes(input.toLowerCase())}
            onChange={(v: number) => update(l.key, { goodsId: v })}
            aria-label={st('receive.goods')}
            data-testid="receive-goods"
          />
          <InputNumber
            size="large"
            min={1}
            max={100000}
            precision={0}
            placeholder={st('receive.quantity')}
            value={l.quantity}
            onChange={(v) => update(l.key, { quantity: v })}
            style={{ width: 110 }}
            aria-label={st('receive.quantity')}
            data-testid="receive-quantity"
          />
          <Radio.Group
            aria-label={st('receive.source')}
            value={l.source}
            onChange={(e) => update(l.key, { source: e.target.value as Line['source'] })}
            optionType="button"
            size="large"
          >
            <Radio.Button value="purchase">{st('receive.purchase')}</Radio.Button>
            <Radio.Button value="donation" data-testid="receive-donation">
              {st('receive.donation')}
            </Radio.Button>
          </Radio.Group>
          {l.source === 'purchase' ? (
            <>
              <Input
                size="large"
                style={{ width: 200 }}
                inputMode="decimal"
                placeholder={st('receive.cost')}
                value={l.cost}
                onChange={(e) => update(l.key, { cost: e.target.value })}
                aria-label={st('receive.cost')}
                data-testid="receive-cost"
              />
              <Input
                size="large"
                style={{ width: 180 }}
                placeholder={st('receive.supplier')}
                value={l.supplier}
                maxLength={60}
                onChange={(e) => update(l.key, { supplier: e.target.value })}
                aria-label={st('receive.supplier')}
                data-testid="receive-supplier"
              />
            </>
          ) : (
            <Input
              size="large"
              style={{ width: 360 }}
              placeholder={st('receive.donor')}
              value={l.donor}
              maxLength={60}
              onChange={(e) => update(l.key, { donor: e.target.value })}
              aria-label={st('receive.donor')}
              data-testid="receive-donor"
            />
          )}
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            disabled={lines.length === 1}
            onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
            aria-label={st('receive.removeLine')}
          />
        </div>
      ))}
      <Space style={{ marginTop: 12, width: '100%' }} wrap>
        <Button icon={<PlusOutlined />} onClick={() => setLines((ls) => [...ls, blank(ls[ls.length - 1])])} data-testid="receive-add-line">
          {st('receive.addLine')}
        </Button>
        <Input
          style={{ width: 360 }}
          placeholder={st('receive.note')}
          aria-label={st('receive.note')}
          value={note}
          maxLength={200}
          onChange={(e) => setNote(e.target.value)}
        />
        <Button type="primary" size="large" loading={busy} onClick={submit} data-testid="receive-submit">
          {st('receive.submit')}
        </Button>
      </Space>
      {error && (
        <Alert style={{ marginTop: 12 }} type="error" showIcon title={typeof error === 'string' ? error : errorText(error)} data-testid="receive-error" />
      )}
    </div>
  );
}
