import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Modal, Spin } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import type { ReceiptView } from '../../../../db/contract/index.js';
import { ReceiptPrintSlot } from '../../components/ReceiptPrintSlot.js';
import { useI18n } from '../../i18n/index.js';

// The receipt's table (antd Table and Descriptions) is a big chunk the counter does not
// need to open: it loads once the counter is idle, well before the first sale ends.
const loadDetails = () => import('../../components/ReceiptDetails.js');
const ReceiptDetails = lazy(() => loadDetails().then((m) => ({ default: m.ReceiptDetails })));

/** Shown after a redemption. 下一位 (or Esc, or Enter on the focused button) clears the counter. */
export function ReceiptModal({ receipt, onNext }: { receipt: ReceiptView | null; onNext: () => void }) {
  const { t } = useI18n();
  useEffect(() => {
    const timer = setTimeout(() => void loadDetails(), 800);
    return () => clearTimeout(timer);
  }, []);
  return (
    <Modal
      open={receipt !== null}
      onCancel={onNext}
      width={720}
      destroyOnHidden
      maskClosable={false}
      title={
        <span style={{ fontSize: 22, color: '#2e7d32' }}>
          <CheckCircleFilled /> {t('receipt.title')}
        </span>
      }
      footer={
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          {receipt && <ReceiptPrintSlot receipt={receipt} />}
          <span style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
            <span style={{ color: '#999' }}>{t('receipt.nextHint')}</span>
            <Button type="primary" size="large" autoFocus onClick={onNext} style={{ minWidth: 160, height: 56, fontSize: 22 }}>
              {t('receipt.next')}
            </Button>
          </span>
        </div>
      }
    >
      <div data-testid="receipt">
        {receipt && (
          <Suspense fallback={<Spin />}>
            <ReceiptDetails receipt={receipt} />
          </Suspense>
        )}
      </div>
    </Modal>
  );
}
