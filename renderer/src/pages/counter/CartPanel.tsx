import { CloseOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, InputNumber } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.js';
import { cartTotal, maxQuantity, type CartLine } from './cart.js';
import { formatPoints } from '../../lib/format.js';

interface Props {
  lines: CartLine[];
  /** The line ↑/↓, +/− and Delete act on (the last one changed, by default). */
  selected: number | null;
  /** Balance of the passbook being spent from; null when no household is chosen. */
  balance: number | null;
  submitting: boolean;
  canConfirm: boolean;
  onQuantity: (goodsId: number, quantity: number) => void;
  onRemove: (goodsId: number) => void;
  onClear: () => void;
  onConfirm: () => void;
}

/** The cart: lines with +/−, total, the balance after, and the one big confirm button. */
export function CartPanel({ lines, selected, balance, submitting, canConfirm, onQuantity, onRemove, onClear, onConfirm }: Props) {
  const { t } = useI18n();
  const total = cartTotal(lines);
  const after = balance === null ? null : balance - total;
  const short = after !== null && after < 0;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <span style={{ fontSize: 20, fontWeight: 600 }}>{t('cart.title')}</span>
        {lines.length > 0 && (
          <Button type="text" size="middle" onClick={onClear}>
            {t('cart.clear')}
          </Button>
        )}
      </div>
      <div data-testid="cart-lines" style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
        {lines.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cart.empty')} />
        ) : (
          lines.map((l) => <CartRow key={l.goods.id} line={l} selected={l.goods.id === selected} onQuantity={onQuantity} onRemove={onRemove} />)
        )}
      </div>
      <div style={{ borderTop: '1px solid #eee', paddingTop: 10, display: 'flex', flexDirection: 'column', gap: 4 }}>
        <Row label={t('cart.total')} value={<span data-testid="cart-total">{formatPoints(total)}</span>} big />
        {balance !== null && <Row label={t('cart.balance')} value={formatPoints(balance)} />}
        {after !== null && (
          <Row
            label={short ? `${t('cart.after')}（${t('cart.insufficient')}）` : t('cart.after')}
            value={
              <span data-testid="cart-after" style={{ color: short ? '#cf1322' : '#2e7d32' }}>
                {formatPoints(after)}
              </span>
            }
            danger={short}
          />
        )}
        <Button
          type="primary"
          size="large"
          block
          data-testid="confirm-redemption"
          disabled={!canConfirm || short}
          loading={submitting}
          onClick={onConfirm}
          style={{ height: 64, fontSize: 24, marginTop: 6 }}
        >
          {short ? t('cart.insufficient') : t('cart.confirm')}
        </Button>
        <div style={{ textAlign: 'center', color: '#999', fontSize: 13 }}>{t('cart.confirmHint')}</div>
      </div>
    </div>
  );
}

function Row({ label, value, big, danger }: { label: string; value: ReactNode; big?: boolean; danger?: boolean }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', color: danger ? '#cf1322' : undefined }}>
      <span style={{ fontSize: big ? 18 : 16 }}>{label}</span>
      <span style={{ fontSize: big ? 30 : 20, fontWeight: 700 }}>
        {value}
        <span style={{ fontSize: 14, fontWeight: 400, marginLeft: 3 }}>{t('points.unit')}</span>
      </span>
    </div>
  );
}

function CartRow({
  line,
  selected,
  onQuantity,
  onRemove,
}: {
  line: CartLine;
  selected: boolean;
  onQuantity: (id: number, q: number) => void;
  onRemove: (id: number) => void;
}) {
  const { t } = useI18n();
  const { goods, quantity } = line;
  const max = maxQuantity(goods);
  return (
    <div
      data-testid="cart-line"
      data-selected={selected ? 'true' : undefined}
      ref={(el) => {
        if (selected) el?.scrollIntoView({ block: 'nearest' });
      }}
      style={{
        padding: '8px 6px',
        borderBottom: '1px dashed #eee',
        // The keyboard's line: a bar on the left and a tint, visible from a step away.
        borderLeft: `4px solid ${selected ? '#c0392b' : 'transparent'}`,
        background: selected ? '#fff7f5' : undefined,
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
        <span style={{ fontSize: 17, fontWeight: 600 }}>{goods.name}</span>
        <span style={{ fontSize: 18, fontWeight: 700 }}>{goods.pointsPrice * quantity}</span>
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4, marginTop: 4 }}>
        <span
          className="cart-unit-price"
          style={{ color: '#888', flex: 1, minWidth: 0, fontSize: 12, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
        >
          {t('points.value', { n: formatPoints(goods.pointsPrice) })}/{goods.unit}
        </span>
        <Button size="middle" icon={<MinusOutlined />} aria-label="-" disabled={quantity <= 1} onClick={() => onQuantity(goods.id, quantity - 1)} />
        <InputNumber
          size="middle"
          data-testid="cart-qty"
          aria-label={`${goods.name} ${t('receipt.qty')}`}
          min={1}
          max={max}
          precision={0}
          value={quantity}
          controls={false}
          onChange={(v) => {
            if (typeof v === 'number') onQuantity(goods.id, v);
          }}
          style={{ width: 50, textAlign: 'center' }}
        />
        <Button size="middle" icon={<PlusOutlined />} aria-label="+" disabled={quantity >= max} onClick={() => onQuantity(goods.id, quantity + 1)} />
        <Button size="middle" type="text" danger icon={<CloseOutlined />} aria-label={t('cart.remove')} onClick={() => onRemove(goods.id)} />
      </div>
    </div>
  );
}
