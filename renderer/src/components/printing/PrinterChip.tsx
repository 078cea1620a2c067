import { CheckCircleFilled, ExclamationCircleFilled, PrinterOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Popover, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { PrinterStatusView, PrintJobView } from '../../../../db/contract/printing.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { usePrintT, type PrintTranslate } from '../../i18n/printing.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import { probePrinter, refreshPrinterStatus, setPrinterPolling, usePrinterStatus } from './printerStatus.js';

type Look = { color: string; icon: ReactNode; text: string };

function lookOf(s: PrinterStatusView, pt: PrintTranslate): Look {
  if (!s.configured) return { color: 'default', icon: <PrinterOutlined />, text: pt('chip.none') };
  if (s.failed > 0) return { color: 'error', icon: <ExclamationCircleFilled />, text: pt('chip.failed', { n: s.failed }) };
  if (s.waiting > 0 && s.reachable !== true) return { color: 'error', icon: <ExclamationCircleFilled />, text: pt('chip.offWaiting', { n: s.waiting }) };
  if (s.waiting > 0) return { color: 'processing', icon: <SyncOutlined spin />, text: pt('chip.printing', { n: s.waiting }) };
  if (s.reachable === false) return { color: 'error', icon: <ExclamationCircleFilled />, text: pt('chip.off') };
  if (s.reachable === true) return { color: 'success', icon: <CheckCircleFilled />, text: pt('chip.ok') };
  return { color: 'default', icon: <PrinterOutlined />, text: pt('chip.set') };
}

/**
 * The printer's state in the header, on every screen: 打印机正常 / 打印机未连接 (n 张待打印) /
 * 未设置打印机. A click opens the jobs that wait or failed, with 重试 and 打印测试页.
 * `active` is false while the shell is locked: then nothing is asked of the core.
 */
export function PrinterChip({ active }: { active: boolean }) {
  const pt = usePrintT();
  const status = usePrinterStatus();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    setPrinterPolling(active);
    return () => setPrinterPolling(false);
  }, [active]);

  // Try the printer once when the shell opens, so the chip says more than "set up".
  useEffect(() => {
    if (active) void probePrinter();
  }, [active]);

  if (!status) return null;
  const look = lookOf(status, pt);
  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void probePrinter();
      }}
      trigger="click"
      placement="bottomRight"
      title={pt('panel.title')}
      content={open ? <PrinterPanel status={status} /> : null}
    >
      <Tag
        data-testid="printer-chip"
        data-state={look.color}
        color={look.color}
        icon={look.icon}
        style={{ fontSize: 14, padding: '3px 8px', cursor: 'pointer', marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      >
        {look.text}
      </Tag>
    </Popover>
  );
}

function PrinterPanel({ status }: { status: PrinterStatusView }) {
  const pt = usePrintT();
  const { errorText, lang } = useI18n();
  const { settings } = useSession();
  const { message } = App.useApp();
  const [jobs, setJobs] = useState<PrintJobView[]>([]);

  const load = useCallback(async () => {
    const [queued, printing, failed] = await Promise.all([
      call('printer.jobs', { limit: 20, status: 'queued' }),
      call('printer.jobs', { limit: 20, status: 'printing' }),
      call('printer.jobs', { limit: 20, status: 'failed' }),
    ]);
    const all = [queued, printing, failed].flatMap((r) => (r.ok ? r.value : []));
    setJobs(all.sort((a, b) => a.id - b.id));
  }, []);

  useEffect(() => {
    void load();
  }, [load, status.waiting, status.failed]);

  const retry = async (jobId: number) => {
    const r = await call('printer.retry', { jobId });
    if (!r.ok) void message.error(errorText(r.error));
    setTimeout(() => void refreshPrinterStatus(), 500);
  };
  const testPage = async () => {
    const r = await call('printer.testPage', {});
    if (r.ok) void message.success(pt('panel.testSent'));
    else void message.error(errorText(r.error));
    setTimeout(() => void refreshPrinterStatus(), 500);
  };
  const oldestQueued = jobs.find((j) => j.status === 'queued');

  return (
    <div data-testid="printer-panel" style={{ width: 400, maxWidth: '80vw' }}>
      {!status.configured ? (
        <Alert type="info" showIcon title={pt('panel.notConfigured')} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text>
            {pt('panel.target', { target: status.target ?? '' })} · {pt('panel.paper', { width: status.width })} ·{' '}
            {status.autoPrint ? pt('panel.autoOn') : pt('panel.autoOff')}
          </Typography.Text>
          {status.lastPrintedAt && (
            <Typography.Text type="secondary">
              {pt('panel.lastPrinted', { time: formatDateTime(status.lastPrintedAt, settings.timeZone, lang) })}
            </Typography.Text>
          )}
          {status.lastError && <Alert type="warning" showIcon title={pt('panel.lastError', { error: status.lastError })} />}
          {(status.waiting > 0 || status.failed > 0) && <Typography.Text type="secondary">{pt('panel.salesSafe')}</Typography.Text>}
          <Typography.Text strong>{pt('panel.jobs')}</Typography.Text>
          {jobs.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pt('panel.noJobs')} style={{ margin: 0 }} />
          ) : (
            <div style={{ maxHeight: 240, overflowY: 'auto' }}>
              {jobs.map((j) => (
                <div
                  key={j.id}
                  data-testid="printer-job"
                  style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}
                >
                  <Tag color={j.status === 'failed' ? 'red' : j.status === 'printing' ? 'blue' : 'orange'}>{pt(`job.${j.status}`)}</Tag>
                  <span style={{ flex: 1, minWidth: 0 }}>
                    {j.title}
                    {j.lastError && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: j.lastError }}>
                        {j.lastError}
                      </Typography.Text>
                    )}
                  </span>
                  {j.status === 'failed' && (
                    <Button size="small" onClick={() => void retry(j.id)}>
                      {pt('panel.retry')}
                    </Button>
                  )}
                </div>
              ))}
            </div>
          )}
          <Space>
            {oldestQueued && (
              <Button type="primary" data-testid="printer-retry-now" onClick={() => void retry(oldestQueued.id)}>
                {pt('panel.retryAll')}
              </Button>
            )}
            <Button data-testid="printer-test-page" icon={<PrinterOutlined />} onClick={() => void testPage()}>
              {pt('panel.test')}
            </Button>
          </Space>
        </Space>
      )}
    </div>
  );
}
