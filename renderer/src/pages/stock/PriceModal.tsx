import { Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { GoodsAdminItem, GoodsDetail, PriceHistoryEntry } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useStockT } from '../../i18n/stock.js';
import { formatDateTime, formatPoints } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import { parseYuanInput, yuan } from './money.js';
import { DialogError } from '../../components/dialog/useDialogSubmit.js';

/** A new price from now on, with the history of earlier prices and who set them. */
export function PriceModal({ goods, onClose, onSaved }: { goods: GoodsAdminItem; onClose: () => void; onSaved: (g: GoodsDetail) => void }) {
  const st = useStockT();
  const { lang } = useI18n();
  const { settings } = useSession();
  const [form] = Form.useForm<{ pointsPrice: number; value: string; note?: string }>();
  const [detail, setDetail] = useState<GoodsDetail | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    void call('stock.goodsGet', { goodsId: goods.id }).then((r) => (r.ok ? setDetail(r.value) : setError(r.error)));
  }, [goods.id]);

  const submit = async (v: { pointsPrice: number; value: string; note?: string }) => {
    const res = await call('stock.goodsSetPrice', { goodsId: goods.id, pointsPrice: v.pointsPrice, valueFen: parseYuanInput(v.value) ?? 0, note: v.note });
    if (res.ok) onSaved(res.value);
    else setError(res.error);
  };

  return (
    <Modal
      open
      title={st('price.title', { name: goods.name })}
      okText={st('common.save')}
      cancelText={st('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={600}
    >
      <Typography.Paragraph>{st('price.current', { points: formatPoints(goods.pointsPrice), yuan: yuan(goods.valueFen) })}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ pointsPrice: goods.pointsPrice, value: yuan(goods.valueFen).replace(/,/g, '') }}
        onFinish={(v) => void submit(v)}
      >
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="pointsPrice" label={st('price.newPoints')} style={{ flex: 1 }} rules={[{ required: true, message: st('goods.required') }]}>
            <InputNumber data-testid="price-points" min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="value"
            label={st('price.newValue')}
            style={{ flex: 1 }}
            rules={[
              {
                validator: (_r, v: string | undefined) =>
                  v !== undefined && parseYuanInput(v) !== null ? Promise.resolve() : Promise.reject(new Error(st('goods.yuanInvalid'))),
              },
            ]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        </div>
        <Form.Item name="note" label={st('price.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      <DialogError error={error} testId="price-error" />
      <Typography.Title level={5}>{st('price.history')}</Typography.Title>
      <Table<PriceHistoryEntry>
        size="small"
        rowKey={(p) => `${p.effectiveAt}-${p.pointsPrice}-${p.valueFen}`}
        dataSource={detail?.prices ?? []}
        loading={!detail && !error}
        pagination={false}
        columns={[
          { key: 'at', title: st('price.effective'), render: (_, p) => formatDateTime(p.effectiveAt, settings.timeZone, lang) },
          { key: 'pts', title: st('goods.points'), dataIndex: 'pointsPrice', align: 'right', render: (v: number) => formatPoints(v) },
          { key: 'val', title: st('goods.value'), align: 'right', render: (_, p) => yuan(p.valueFen) },
          { key: 'who', title: st('common.operator'), render: (_, p) => p.operatorName ?? st('price.initial') },
          { key: 'note', title: st('common.note'), dataIndex: 'note' },
        ]}
      />
    </Modal>
  );
}
