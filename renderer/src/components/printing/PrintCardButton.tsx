import { IdcardOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { usePrintT } from '../../i18n/printing.js';
import { refreshPrinterStatus, usePrinterStatus } from './printerStatus.js';

/**
 * 打印户卡: prints one household's card (head, number, group, signed QR code) on the
 * receipt printer. For the household drawer; administrators only (the core checks too).
 */
export function PrintCardButton({ householdId, size }: { householdId: number; size?: 'small' | 'middle' | 'large' }) {
  const pt = usePrintT();
  const { errorText } = useI18n();
  const { message } = App.useApp();
  const status = usePrinterStatus();
  const [busy, setBusy] = useState(false);
  const configured = status?.configured ?? true;

  const print = async () => {
    setBusy(true);
    const r = await call('card.print', { householdId });
    setBusy(false);
    if (r.ok) void message.success(pt('card.sent'));
    else void message.error(errorText(r.error));
    setTimeout(() => void refreshPrinterStatus(), 400);
  };

  return (
    <Tooltip title={configured ? pt('card.printHint') : pt('slip.noPrinterHint')}>
      <Button icon={<IdcardOutlined />} size={size} loading={busy} disabled={!configured} onClick={() => void print()} data-testid="print-card">
        {pt('card.print')}
      </Button>
    </Tooltip>
  );
}
