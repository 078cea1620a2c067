import { Alert, Descriptions, Table } from 'antd';
import type { ReceiptLineView, ReceiptView } from '../../../db/contract/index.js';
import { useI18n } from '../i18n/index.js';
import { formatDateTime, formatPoints } from '../lib/format.js';
import { useSession } from '../session/SessionContext.js';

/**
 * A redemption receipt on screen, from ReceiptView. The printing teammate's
 * ReceiptPreview (paper-width lines) will sit beside this; this one is for reading.
 */
export function ReceiptDetails({ receipt }: { receipt: ReceiptView }) {
  const { t, lang } = useI18n();
  const { settings } = useSession();
  const when = (iso: string) => formatDateTime(iso, settings.timeZone, lang);
  return (
    <div data-testid="receipt-details">
      {receipt.void && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${t('receipt.voided')}`}
          description={t('receipt.voidInfo', {
            reason: receipt.void.reason,
            operator: receipt.void.operatorName,
            approver: receipt.void.approvedByName,
            time: when(receipt.void.createdAt),
          })}
        />
      )}
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          { key: 'no', label: t('receipt.no'), children: <b data-testid="receipt-no">{receipt.receiptNo}</b> },
          { key: 'time', label: t('receipt.time'), children: when(receipt.createdAt) },
          {
            key: 'hh',
            label: t('receipt.household'),
            children: `${receipt.household.headName}（${receipt.household.number} · ${receipt.household.groupName}）`,
            span: 2,
          },
          { key: 'keeper', label: t('receipt.keeper'), children: receipt.keeper.name },
          { key: 'pb', label: t('receipt.passbook'), children: receipt.passbook.name },
          ...(receipt.memberName ? [{ key: 'member', label: t('receipt.member'), children: receipt.memberName, span: 2 }] : []),
          // The books code printed on the paper receipt, shown so it can be read back (docs/trust.md).
          ...(receipt.witness
            ? [{ key: 'witness', label: t('receipt.witness'), children: <code data-testid="receipt-witness">{receipt.witness}</code>, span: 2 }]
            : []),
        ]}
      />
      <Table<ReceiptLineView>
        style={{ marginTop: 12, textDecoration: receipt.void ? 'line-through' : undefined }}
        size="small"
        pagination={false}
        rowKey="goodsId"
        dataSource={receipt.lines}
        columns={[
          { key: 'name', title: t('receipt.goods'), dataIndex: 'name' },
          { key: 'unit', title: t('receipt.unitPrice'), align: 'right', render: (_, l) => `${formatPoints(l.unitPoints)}/${l.unit}` },
          { key: 'qty', title: t('receipt.qty'), dataIndex: 'quantity', align: 'right' },
          { key: 'amount', title: t('receipt.amount'), dataIndex: 'linePoints', align: 'right', render: (v: number) => formatPoints(v) },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              <b>{t('receipt.total')}</b>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <b data-testid="receipt-total" style={{ fontSize: 18 }}>
                {formatPoints(receipt.total)}
              </b>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 24, marginTop: 12, fontSize: 17 }}>
        <span>
          {t('receipt.before')} <b>{formatPoints(receipt.balanceBefore)}</b>
        </span>
        <span>
          {t('receipt.after')}{' '}
          <b data-testid="receipt-balance-after" style={{ fontSize: 22, color: '#c0392b' }}>
            {formatPoints(receipt.balanceAfter)}
          </b>
        </span>
      </div>
    </div>
  );
}
