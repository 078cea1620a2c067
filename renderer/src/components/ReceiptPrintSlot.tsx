import { CheckCircleFilled, EyeOutlined, PrinterOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { ReceiptView } from '../../../db/contract/index.js';
import type { PrintJobView } from '../../../db/contract/printing.js';
import { call } from '../api/client.js';
import { useI18n } from '../i18n/index.js';
import { usePrintT } from '../i18n/printing.js';
import { printerPollingAllowed, refreshPrinterStatus, usePrinterStatus } from './printing/printerStatus.js';
import { ReceiptPreviewModal } from './printing/ReceiptPreviewModal.js';

/** A job that never reached the printer yet, or is on its way: not worth a warning. */
function inFlight(j: PrintJobView): boolean {
  return j.status === 'printing' || (j.status === 'queued' && j.attempts === 0 && j.lastError === null);
}

/**
 * Printing for one receipt, in the receipt window after a sale and on today's receipts:
 * what happened to its paper (printing, printed, waiting for the printer, failed), the
 * 打印 / 重印 buttons and the on-screen preview of exactly what prints. A reprint is
 * always marked 重印 on paper; the button's tooltip and the preview say so.
 */
export function ReceiptPrintSlot({ receipt }: { receipt: ReceiptView }) {
  const pt = usePrintT();
  const { errorText } = useI18n();
  const { message } = App.useApp();
  const status = usePrinterStatus();
  const [jobs, setJobs] = useState<PrintJobView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState(false);

  const load = useCallback(async () => {
    const r = await call('printer.jobs', { limit: 50, redemptionId: receipt.id });
    if (r.ok) setJobs(r.value);
  }, [receipt.id]);

  // Again whenever the printer's counts move (a job printed or failed somewhere) or the
  // receipt was voided (a void slip was queued).
  useEffect(() => {
    void load();
  }, [load, receipt.void?.createdAt, status?.waiting, status?.failed, status?.lastPrintedAt]);

  const pending = jobs?.some((j) => j.status === 'queued' || j.status === 'printing') ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (printerPollingAllowed()) void load();
    }, 2000);
    return () => clearInterval(timer);
  }, [pending, load]);

  const original = jobs?.find((j) => j.kind === 'redemption');
  const attention = jobs?.find((j) => j.status !== 'done'); // newest first
  const configured = status?.configured ?? true;

  const after = () => {
    void load();
    setTimeout(() => void refreshPrinterStatus(), 400);
  };
  const print = async () => {
    setBusy(true);
    const r = await call('receipt.print', { redemptionId: receipt.id });
    setBusy(false);
    if (r.ok) void message.success(r.value.reprint ? pt('slip.reprintSent') : pt('slip.sent'));
    else void message.error(errorText(r.error));
    after();
  };
  const reprintVoid = async () => {
    setBusy(true);
    const r = await call('receipt.reprint', { redemptionId: receipt.id, of: 'void' });
    setBusy(false);
    if (r.ok) void message.success(pt('slip.reprintSent'));
    else void message.error(errorText(r.error));
    after();
  };
  const retry = async (jobId: number) => {
    const r = await call('printer.retry', { jobId });
    if (!r.ok) void message.error(errorText(r.error));
    after();
  };

  // A notice (waiting / failed) stands above the buttons; a short state sits beside them.
  let notice: ReactNode = null;
  let badge: ReactNode = null;
  if (attention && inFlight(attention)) {
    badge = (
      <Tag color="processing" icon={<SyncOutlined spin />} data-testid="receipt-print-state" data-state="printing">
        {pt('slip.printing')}
      </Tag>
    );
  } else if (attention) {
    const failed = attention.status === 'failed';
    notice = (
      <Alert
        data-testid="receipt-print-state"
        data-state={failed ? 'failed' : 'waiting'}
        type={failed ? 'error' : 'warning'}
        showIcon
        style={{ padding: '6px 10px' }}
        title={failed ? pt('slip.failed', { error: attention.lastError ?? '' }) : pt('slip.waiting')}
        action={
          <Button size="small" data-testid="receipt-print-retry" onClick={() => void retry(attention.id)}>
            {pt('slip.retry')}
          </Button>
        }
      />
    );
  } else if (original?.status === 'done') {
    badge = (
      <span data-testid="receipt-print-state" data-state="printed" style={{ color: '#389e0d', whiteSpace: 'nowrap' }}>
        <CheckCircleFilled /> {pt('slip.printed')}
      </span>
    );
  } else if (status && !status.configured) {
    badge = (
      <Tooltip title={pt('slip.noPrinterHint')}>
        <Tag data-testid="receipt-print-state" data-state="none">
          {pt('slip.noPrinter')}
        </Tag>
      </Tooltip>
    );
  } else if (status && !status.autoPrint && !original) {
    badge = (
      <span data-testid="receipt-print-state" data-state="manual" style={{ color: '#8c8c8c' }}>
        {pt('slip.autoOff')}
      </span>
    );
  }

  // 重印 only once the original slip has really printed; while it waits for the printer
  // (or failed), the button prints that same original again (the core re-queues it).
  const printed = original?.status === 'done';
  const printButton = (
    <Button icon={<PrinterOutlined />} loading={busy} disabled={!configured} onClick={() => void print()} data-testid="receipt-print">
      {printed ? pt('slip.reprint') : pt('slip.print')}
    </Button>
  );

  const reprintVoidButton = receipt.void && (
    <Tooltip title={pt('slip.reprintHint')}>
      <Button disabled={!configured || busy} onClick={() => void reprintVoid()} data-testid="receipt-reprint-void">
        {pt('slip.reprintVoid')}
      </Button>
    </Tooltip>
  );

  const printButtonWithTip = <Tooltip title={!configured ? pt('slip.noPrinterHint') : printed ? pt('slip.reprintHint') : undefined}>{printButton}</Tooltip>;

  return (
    <div
      data-testid="receipt-print-slot"
      data-receipt-id={receipt.id}
      style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 6, maxWidth: 400, textAlign: 'left' }}
    >
      {notice}
      <Space wrap size={8}>
        <Button icon={<EyeOutlined />} onClick={() => setPreview(true)} data-testid="receipt-preview-open">
          {pt('slip.preview')}
        </Button>
        {printButtonWithTip}
        {reprintVoidButton}
        {badge}
      </Space>
      {preview && (
        <ReceiptPreviewModal
          receipt={receipt}
          printed={printed}
          onClose={() => setPreview(false)}
          actions={{ redemption: printButtonWithTip, void: reprintVoidButton }}
        />
      )}
    </div>
  );
}
