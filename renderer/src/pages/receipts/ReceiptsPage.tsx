import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ReceiptSummary, ReceiptView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { callAll } from '../../api/callAll.js';
import { call } from '../../api/client.js';
import { ReceiptDetails } from '../../components/ReceiptDetails.js';
import { ReceiptPrintSlot } from '../../components/ReceiptPrintSlot.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime, formatPoints } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import type { PageProps } from '../PageProps.js';
import { VoidDialog } from './VoidDialog.js';

/** Today's receipts: open one, void it with an administrator's PIN. Voided rows are struck. */
export function ReceiptsPage({ active }: PageProps) {
  const { t, errorText } = useI18n();
  const { settings } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<ReceiptSummary[] | null>(null);
  const [voidReasons, setVoidReasons] = useState<ReadonlyMap<number, string>>(new Map());
  const [error, setError] = useState<ErrorBody | null>(null);
  const [open, setOpen] = useState<ReceiptView | null>(null);
  const [voiding, setVoiding] = useState<ReceiptView | null>(null);

  const load = useCallback(async () => {
    // Every receipt of the day, so the count and points above the table are the day's.
    const res = await callAll('redemption.list', {}, 500);
    if (!res.ok) return setError(res.error);
    setError(null);
    setRows(res.value.rows);
    // The list carries only a flag; the reason lives on the receipt. Voids are rare, so
    // fetching those few receipts is cheap and lets the table say why.
    const voided = res.value.rows.filter((r) => r.voided);
    const details = await Promise.all(voided.map((r) => call('redemption.get', { redemptionId: r.id })));
    const reasons = new Map<number, string>();
    for (const d of details) if (d.ok && d.value.void) reasons.set(d.value.id, d.value.void.reason);
    setVoidReasons(reasons);
  }, []);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const openReceipt = async (id: number) => {
    const res = await call('redemption.get', { redemptionId: id });
    if (res.ok) setOpen(res.value);
    else setError(res.error);
  };

  const valid = (rows ?? []).filter((r) => !r.voided);
  return (
    <div style={{ height: '100%', overflowY: 'auto', padding: 16, boxSizing: 'border-box' }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('receipts.title')}
          {rows && (
            <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 400, marginLeft: 16 }} data-testid="receipts-count">
              {t('receipts.count', { count: rows.length, valid: valid.length, points: formatPoints(valid.reduce((s, r) => s + r.total, 0)) })}
            </Typography.Text>
          )}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('receipts.refresh')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Table<ReceiptSummary>
        data-testid="receipts-table"
        rowKey="id"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('receipts.empty') }}
        rowClassName={(r) => (r.voided ? 'struck' : '')}
        onRow={(r) => ({ onClick: () => void openReceipt(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'no', title: t('receipts.no'), dataIndex: 'receiptNo', render: (no: string) => <b>{no}</b> },
          { key: 'time', title: t('receipts.time'), render: (_, r) => formatTime(r.createdAt, settings.timeZone) },
          { key: 'hh', title: t('receipts.household'), dataIndex: 'householdNumber' },
          { key: 'head', title: t('receipts.head'), dataIndex: 'headName' },
          { key: 'total', title: t('receipts.total'), dataIndex: 'total', align: 'right', render: (v: number) => formatPoints(v) },
          { key: 'keeper', title: t('receipts.keeper'), dataIndex: 'keeperName' },
          {
            key: 'status',
            title: t('receipts.status'),
            className: 'keep-unstruck',
            render: (_, r) =>
              r.voided ? (
                <span data-testid="receipt-voided">
                  <Tag color="red">{t('receipts.voided')}</Tag>
                  <span style={{ color: '#8c8c8c' }}>{voidReasons.get(r.id) ?? ''}</span>
                </span>
              ) : (
                <Tag color="green">{t('receipts.ok')}</Tag>
              ),
          },
        ]}
      />
      <Modal
        open={open !== null}
        onCancel={() => setOpen(null)}
        width={720}
        title={open ? t('receipts.detail', { no: open.receiptNo }) : ''}
        footer={
          open && (
            <div style={{ display: 'flex', justifyContent: 'space-between' }}>
              <ReceiptPrintSlot receipt={open} />
              <span style={{ display: 'flex', gap: 8 }}>
                {!open.void && (
                  <Button danger data-testid="void-open" onClick={() => setVoiding(open)}>
                    {t('void.button')}
                  </Button>
                )}
                <Button onClick={() => setOpen(null)}>{t('receipts.close')}</Button>
              </span>
            </div>
          )
        }
      >
        {open && <ReceiptDetails receipt={open} />}
      </Modal>
      {voiding && (
        <VoidDialog
          receipt={voiding}
          onClose={() => setVoiding(null)}
          onVoided={(r) => {
            setVoiding(null);
            setOpen(r);
            void message.success(t('void.done', { no: r.receiptNo }));
            void load();
          }}
        />
      )}
    </div>
  );
}
