import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import type { ReceiptView } from '../../../db/contract/index.js';
import { useI18n } from '../i18n/index.js';

/**
 * PRINTING GOES HERE. The printer's status and the 打印 button for one receipt.
 * The printing teammate replaces this body (printer status from the core, print and
 * reprint operations, the ReceiptPreview of paper lines); its props stay the same so the
 * receipt modal and the receipts page need no change. Until then it says no printer is
 * connected and the button is disabled.
 */
export function ReceiptPrintSlot({ receipt }: { receipt: ReceiptView }) {
  const { t } = useI18n();
  return (
    <Space data-testid="receipt-print-slot" data-receipt-id={receipt.id}>
      <Tag>{t('printer.notConfigured')}</Tag>
      <Button icon={<PrinterOutlined />} disabled>
        {t('printer.print')}
      </Button>
    </Space>
  );
}
