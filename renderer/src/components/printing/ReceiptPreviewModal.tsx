import { Alert, Button, Modal, Segmented, Spin, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { ReceiptView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import type { ReceiptPreview } from '../../../../db/contract/printing.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { usePrintT } from '../../i18n/printing.js';
import { ReceiptPaper } from './ReceiptPaper.js';

/**
 * What pressing 打印 / 重印 here would put on paper, from the core's own document: the
 * original before the first print, the copy marked 重印 after it; for a voided receipt
 * also its void slip (作废单), whose button always prints a marked copy.
 */
export function ReceiptPreviewModal({
  receipt,
  printed,
  onClose,
  actions,
}: {
  receipt: ReceiptView;
  /** Whether the receipt has been printed (or queued) before: the next print is a reprint. */
  printed: boolean;
  onClose: () => void;
  /** The slot's own buttons (打印 / 重印, 重印作废单), so both places say the same. */
  actions: { redemption: ReactNode; void?: ReactNode };
}) {
  const pt = usePrintT();
  const { errorText } = useI18n();
  const [of, setOf] = useState<'redemption' | 'void'>('redemption');
  const [preview, setPreview] = useState<ReceiptPreview | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const reprint = of === 'void' || printed;

  useEffect(() => {
    let live = true;
    setPreview(null);
    void call('receipt.preview', { redemptionId: receipt.id, of, reprint }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setPreview(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [receipt.id, of, reprint, receipt.void?.createdAt]);

  return (
    <Modal
      open
      centered
      onCancel={onClose}
      width={preview?.width === 80 ? 560 : 480}
      title={pt('slip.previewTitle', { width: preview?.width ?? '' })}
      footer={
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
          {of === 'redemption' ? actions.redemption : actions.void}
          <Button onClick={onClose}>{pt('slip.close')}</Button>
        </div>
      }
    >
      <div data-testid="receipt-preview">
        {receipt.void && (
          <Segmented
            block
            style={{ marginBottom: 10 }}
            value={of}
            onChange={(v) => setOf(v === 'void' ? 'void' : 'redemption')}
            options={[
              { value: 'redemption', label: pt('slip.tabReceipt') },
              { value: 'void', label: pt('slip.tabVoid') },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 10 }}>
          {of === 'void' ? pt('slip.previewVoid') : reprint ? pt('slip.previewReprint') : pt('slip.previewOriginal')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={errorText(error)} />}
        <div style={{ background: '#f0f0f0', padding: '16px 0', maxHeight: 'calc(100vh - 290px)', minHeight: 200, overflowY: 'auto', borderRadius: 6 }}>
          {preview ? <ReceiptPaper preview={preview} /> : !error && <Spin style={{ display: 'block', margin: '40px auto' }} />}
        </div>
      </div>
    </Modal>
  );
}
