import { Alert, Form, Input, InputNumber, Modal, Radio, Typography, type ButtonProps } from 'antd';
import { useMemo, useState } from 'react';
import type { AdjustmentReason, AdjustmentView, GoodsAdminItem } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useStockT } from '../../i18n/stock.js';
import { newRequestId } from '../../lib/requestId.js';
import { signed } from './money.js';
import { DialogError } from '../../components/dialog/useDialogSubmit.js';

const REASONS: AdjustmentReason[] = ['damaged', 'expired', 'lost', 'found', 'other'];

/**
 * One adjustment with its reason. The user types a positive quantity; the reason decides
 * the direction (only "other" asks), so nobody has to think about minus signs. After saving,
 * the dialog stays open on the adjustment's document number (TZ…), which goes on the paper
 * slip with the damaged goods; closing it hands the result back.
 */
export function AdjustModal({ goods, onClose, onDone }: { goods: GoodsAdminItem; onClose: () => void; onDone: (a: AdjustmentView) => void }) {
  const st = useStockT();
  const [reason, setReason] = useState<AdjustmentReason>('damaged');
  const [direction, setDirection] = useState<-1 | 1>(-1);
  const [quantity, setQuantity] = useState<number | null>(1);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<AdjustmentView | null>(null);
  // One id per dialog: a double click sends the same adjustment, not two.
  const requestId = useMemo(() => newRequestId(), []);

  const sign = reason === 'found' ? 1 : reason === 'other' ? direction : -1;
  const after = goods.stock + sign * (quantity ?? 0);
  const invalid = !quantity || quantity < 1 || after < 0 || (reason === 'other' && note.trim().length === 0);

  const submit = async () => {
    if (invalid || quantity === null) return;
    setBusy(true);
    const res = await call('stock.adjust', { requestId, goodsId: goods.id, quantity: sign * quantity, reason, note: note.trim() || undefined });
    setBusy(false);
    if (res.ok) setSaved(res.value);
    else setError(res.error);
  };

  if (saved) {
    return (
      <Modal
        open
        title={st('adjust.title', { name: goods.name })}
        okText={st('common.close')}
        cancelButtonProps={{ style: { display: 'none' } }}
        okButtonProps={{ 'data-testid': 'adjust-close' } as ButtonProps}
        onOk={() => onDone(saved)}
        onCancel={() => onDone(saved)}
      >
        <Alert
          type="success"
          showIcon
          data-testid="adjust-saved"
          title={st('adjust.saved', { no: saved.adjustmentNo, name: saved.name, quantity: signed(saved.quantity), after: saved.stockAfter, unit: goods.unit })}
        />
        <Typography.Paragraph style={{ marginTop: 16 }}>
          {st('adjust.no')}：
          <Typography.Text strong data-testid="adjust-no">
            {saved.adjustmentNo}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={st('adjust.title', { name: goods.name })}
      okText={st('common.save')}
      cancelText={st('common.cancel')}
      okButtonProps={{ disabled: invalid, loading: busy, 'data-testid': 'adjust-ok' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph>{st('adjust.current', { stock: goods.stock, unit: goods.unit })}</Typography.Paragraph>
      <Form layout="vertical" size="large">
        <Form.Item label={st('adjust.reason')}>
          <Radio.Group
            aria-label={st('adjust.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value as AdjustmentReason)}
            optionType="button"
            buttonStyle="solid"
          >
            {REASONS.map((r) => (
              <Radio.Button key={r} value={r} data-testid={`adjust-reason-${r}`}>
                {st(`adjust.${r}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {reason === 'other' && (
          <Form.Item label={st('adjust.direction')}>
            <Radio.Group aria-label={st('adjust.direction')} value={direction} onChange={(e) => setDirection(e.target.value as -1 | 1)}>
              <Radio value={-1}>{st('adjust.decrease')}</Radio>
              <Radio value={1}>{st('adjust.increase')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item
          label={st('adjust.quantity')}
          htmlFor="adjust-quantity-input"
          validateStatus={after < 0 ? 'error' : undefined}
          help={after < 0 ? st('adjust.negative') : st('adjust.after', { after, unit: goods.unit })}
        >
          <InputNumber
            id="adjust-quantity-input"
            data-testid="adjust-quantity"
            min={1}
            max={100000}
            precision={0}
            value={quantity}
            onChange={(v) => setQuantity(v)}
            addonAfter={goods.unit}
          />
        </Form.Item>
        <Form.Item
          label={st('adjust.note')}
          htmlFor="adjust-note-input"
          required={reason === 'other'}
          help={reason === 'other' ? st('adjust.noteRequired') : undefined}
        >
          <Input id="adjust-note-input" data-testid="adjust-note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
      <DialogError error={error} testId="adjust-error" />
    </Modal>
  );
}
