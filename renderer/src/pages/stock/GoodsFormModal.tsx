import { AutoComplete, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { GoodsAdminItem, GoodsDetail } from '../../../../db/contract/index.js';
import { call } from '../../api/client.js';
import { useStockT } from '../../i18n/stock.js';
import { parseYuanInput, yuan } from './money.js';
import { DialogError, useDialogSubmit } from '../../components/dialog/useDialogSubmit.js';
import { formatPoints } from '../../lib/format.js';

interface Values {
  name: string;
  category: string;
  unit: string;
  pointsPrice?: number;
  value?: string;
  lowStock: number;
  barcodes: string[];
}

/** New goods (with price) or catalogue edits (price changes go through PriceModal). */
export function GoodsFormModal({
  editing,
  categories,
  onClose,
  onSaved,
}: {
  editing: GoodsAdminItem | null;
  categories: string[];
  onClose: () => void;
  onSaved: (g: GoodsDetail) => void;
}) {
  const st = useStockT();
  const [form] = Form.useForm<Values>();
  const { busy: saving, error, setError, submit: send } = useDialogSubmit();

  const submit = async (v: Values) => {
    const common = { name: v.name, category: v.category, unit: v.unit, lowStock: v.lowStock ?? 0, barcodes: v.barcodes ?? [] };
    await send(
      () =>
        editing
          ? call('stock.goodsUpdate', { goodsId: editing.id, ...common })
          : call('stock.goodsCreate', { ...common, pointsPrice: v.pointsPrice ?? 0, valueFen: parseYuanInput(v.value ?? '0') ?? 0 }),
      onSaved,
    );
  };

  return (
    <Modal
      open
      title={editing ? st('goods.editTitle', { name: editing.name }) : st('goods.createTitle')}
      okText={st('common.save')}
      cancelText={st('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={560}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
        initialValues={
          editing
            ? { name: editing.name, category: editing.category, unit: editing.unit, lowStock: editing.lowStock, barcodes: editing.barcodes }
            : { lowStock: 5, barcodes: [], value: '' }
        }
      >
        <Form.Item name="name" label={st('goods.name')} rules={[{ required: true, whitespace: true, message: st('goods.required') }, { max: 60 }]}>
          <Input data-testid="goods-name" maxLength={60} autoFocus />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item
            name="category"
            label={st('goods.category')}
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: st('goods.required') }, { max: 20 }]}
          >
            <AutoComplete data-testid="goods-category" options={categories.map((c) => ({ value: c }))} filterOption />
          </Form.Item>
          <Form.Item
            name="unit"
            label={st('goods.unit')}
            style={{ width: 120 }}
            rules={[{ required: true, whitespace: true, message: st('goods.required') }, { max: 20 }]}
          >
            <Input data-testid="goods-unit" maxLength={20} />
          </Form.Item>
        </div>
        {editing ? (
          <Typography.Paragraph type="secondary">
            {st('price.current', { points: formatPoints(editing.pointsPrice), yuan: yuan(editing.valueFen) })} · {st('goods.priceNote')}
          </Typography.Paragraph>
        ) : (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="pointsPrice" label={st('goods.points')} style={{ flex: 1 }} rules={[{ required: true, message: st('goods.required') }]}>
              <InputNumber data-testid="goods-points" min={1} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="value"
              label={st('goods.value')}
              style={{ flex: 1 }}
              rules={[
                {
                  validator: (_r, v: string | undefined) =>
                    !v || parseYuanInput(v) !== null ? Promise.resolve() : Promise.reject(new Error(st('goods.yuanInvalid'))),
                },
              ]}
            >
              <Input data-testid="goods-value" inputMode="decimal" placeholder="0.00" />
            </Form.Item>
          </div>
        )}
        <Form.Item name="lowStock" label={st('goods.lowStock')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="barcodes" label={st('goods.barcodes')} extra={st('goods.barcodesHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[',', ' ', '/']} suffixIcon={null} />
        </Form.Item>
      </Form>
      <DialogError error={error} testId="goods-form-error" />
    </Modal>
  );
}
