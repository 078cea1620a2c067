import { IdcardOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { usePrintT } from '../../i18n/printing.js';
import { useSession } from '../../session/SessionContext.js';
import { CardSheet, useCardSheetPrint } from './CardSheet.js';
import { refreshPrinterStatus, usePrinterStatus } from './printerStatus.js';

/**
 * 打印户卡: prints one household's card (head, number, group, signed QR code), either on the
 * receipt printer or on A4 paper through the system's printer (one replacement card
 * without printing the whole group). The A4 way needs no thermal printer, so the button is
 * never disabled for want of one. For the household drawer; administrators only (the core
 * checks too).
 */
export function PrintCardButton({ householdId, size }: { householdId: number; size?: 'small' | 'middle' | 'large' }) {
  const pt = usePrintT();
  const { errorText } = useI18n();
  const { settings } = useSession();
  const { message } = App.useApp();
  const status = usePrinterStatus();
  const { print: printSheet, printArea } = useCardSheetPrint();
  const [busy, setBusy] = useState(false);
  const configured = status?.configured ?? true;

  const printThermal = async () => {
    setBusy(true);
    const r = await call('card.print', { householdId });
    setBusy(false);
    if (r.ok) void message.success(pt('card.sent'));
    else void message.error(errorText(r.error));
    setTimeout(() => void refreshPrinterStatus(), 400);
  };

  const printA4 = async () => {
    const r = await call('card.codes', { householdIds: [householdId] });
    if (!r.ok) return void message.error(errorText(r.error));
    printSheet(<CardSheet cards={r.value} village={settings.villageName} store={settings.storeName} pt={pt} />);
  };

  return (
    <Space.Compact>
      {/* Without a receipt printer the main button prints the card on A4 instead of going grey. */}
      <Tooltip title={configured ? pt('card.printHint') : pt('card.printA4Hint')}>
        <Button icon={<IdcardOutlined />} size={size} loading={busy} onClick={() => void (configured ? printThermal() : printA4())} data-testid="print-card">
          {pt('card.print')}
        </Button>
      </Tooltip>
      {configured && (
        <Tooltip title={pt('card.printA4Hint')}>
          <Button icon={<PrinterOutlined />} size={size} onClick={() => void printA4()} data-testid="print-card-a4">
            {pt('card.printA4')}
          </Button>
        </Tooltip>
      )}
      {printArea}
    </Space.Compact>
  );
}
