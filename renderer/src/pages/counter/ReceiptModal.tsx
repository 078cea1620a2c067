import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import type { ReceiptView } from '../../../../db/contract/index.js';
import { ReceiptDetails } from '../../components/ReceiptDetails.js';
import { ReceiptPrintSlot } from '../../components/ReceiptPrintSlot.js';
import { useI18n } from '../../i18n/index.js';

/** Shown after a redemption. 下一位 (or Esc, or Enter on the focused button) clears the counter. */
export function ReceiptModal({ receipt, onNext }: { receipt: ReceiptView | null; onNext: () => void }) {
  const { t } = useI18n();
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
      <div data-testid="receipt">{receipt && <ReceiptDetails receipt={receipt} />}</div>
    </Modal>
  );
}
