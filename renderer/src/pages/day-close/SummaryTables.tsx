import { Card, Col, Row, Statistic, Table } from 'antd';
import { DAY_LINE_LABELS, dayPointLines, signedPoints } from '../../../../db/contract/day-lines.js';
import type { DaySummary, LedgerKind } from '../../../../db/contract/index.js';
import { useI18n } from '../../i18n/index.js';
import { useOfficeT } from '../../i18n/office.js';
import { useKindName } from './kindName.js';
import { formatPoints } from '../../lib/format.js';

/** The day's summary on screen: key figures, then one small table per topic. */
export function SummaryTables({ summary: s }: { summary: DaySummary }) {
  const { t, lang } = useI18n();
  const o = useOfficeT();
  const kindName = useKindName();
  const lines = dayPointLines(s.points.byKind);
  const line = (kind: LedgerKind) => lines.find((l) => l.kind === kind) ?? { kind, count: 0, points: 0 };
  const lineLabel = (kind: LedgerKind) => DAY_LINE_LABELS[kind][lang];
  const small = { size: 'small' as const, pagination: false as const };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('dayClose.receipts')} value={s.redemptions.count} suffix={t('dayClose.unitReceipts')} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={t('dayClose.redeemedPoints')}
              value={s.redemptions.points - s.redemptions.voidedPoints}
              formatter={(v) => formatPoints(Number(v))}
              data-testid="net-points"
            />
            {s.redemptions.voidedCount > 0 && (
              <div style={{ color: '#8c8c8c' }}>
                {t('dayClose.voidedOf', { count: s.redemptions.voidedCount, points: formatPoints(s.redemptions.voidedPoints) })}
              </div>
            )}
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={lineLabel('award')}
              value={signedPoints(line('award').points)}
              valueStyle={{ color: '#389e0d' }}
              data-testid="day-awards-posted"
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={lineLabel('deduction')}
              value={signedPoints(line('deduction').points)}
              valueStyle={{ color: '#cf1322' }}
              data-testid="day-deductions-posted"
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title={t('dayClose.pointsByKind')}>
            <Table
              {...small}
              rowKey="kind"
              data-testid="day-point-lines"
              dataSource={lines}
              locale={{ emptyText: t('dayClose.none') }}
              columns={[
                { key: 'k', title: t('dayClose.kind'), render: (_, r) => lineLabel(r.kind) },
                { key: 'c', title: t('dayClose.count'), dataIndex: 'count', align: 'right' },
                { key: 'p', title: t('dayClose.points'), render: (_, r) => signedPoints(r.points), align: 'right' },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{o('dayLine.net')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {s.points.rows}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {signedPoints(s.points.net)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={t('dayClose.perKeeper')}>
            <Table
              {...small}
              rowKey="operatorId"
              dataSource={s.perKeeper}
              locale={{ emptyText: t('dayClose.none') }}
              columns={[
                { key: 'n', title: t('dayClose.keeper'), dataIndex: 'name' },
                { key: 'r', title: t('dayClose.receipts'), dataIndex: 'redemptions', align: 'right' },
                { key: 'p', title: t('dayClose.points'), dataIndex: 'points', align: 'right', render: (v: number) => formatPoints(v) },
                {
                  key: 'v',
                  title: t('dayClose.voids'),
                  render: (_, r) => (r.voids > 0 ? `${r.voids}（${formatPoints(r.voidedPoints)}）` : '0'),
                  align: 'right',
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Card size="small" title={t('dayClose.goodsOut')}>
        <Table
          {...small}
          rowKey="goodsId"
          dataSource={s.goodsOut}
          locale={{ emptyText: t('dayClose.none') }}
          columns={[
            { key: 'n', title: t('dayClose.goods'), dataIndex: 'name' },
            { key: 'o', title: t('dayClose.out'), render: (_, r) => `${r.out} ${r.unit}`, align: 'right' },
            { key: 'r', title: t('dayClose.returned'), render: (_, r) => (r.returned ? `${r.returned} ${r.unit}` : ''), align: 'right' },
            { key: 'net', title: t('dayClose.net'), render: (_, r) => `${r.net} ${r.unit}`, align: 'right' },
            { key: 'p', title: t('dayClose.points'), dataIndex: 'points', align: 'right', render: (v: number) => formatPoints(v) },
          ]}
        />
      </Card>

      {(s.stockIn.length > 0 || s.adjustments.length > 0) && (
        <Row gutter={16}>
          <Col span={12}>
            <Card size="small" title={t('dayClose.stockIn')}>
              <Table
                {...small}
                rowKey={(r) => `${r.goodsId}-${r.kind}`}
                dataSource={s.stockIn}
                locale={{ emptyText: t('dayClose.none') }}
                columns={[
                  { key: 'k', title: t('dayClose.kind'), render: (_, r) => kindName(r.kind) },
                  { key: 'n', title: t('dayClose.goods'), dataIndex: 'name' },
                  { key: 'q', title: t('dayClose.quantity'), render: (_, r) => `${r.quantity} ${r.unit}`, align: 'right' },
                ]}
              />
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title={t('dayClose.adjustments')}>
              <Table
                {...small}
                rowKey={(r) => `${r.goodsId}-${r.kind}-${r.quantity}-${r.note ?? ''}`}
                dataSource={s.adjustments}
                locale={{ emptyText: t('dayClose.none') }}
                columns={[
                  { key: 'n', title: t('dayClose.goods'), dataIndex: 'name' },
                  { key: 'q', title: t('dayClose.quantity'), render: (_, r) => `${r.quantity > 0 ? '+' : ''}${r.quantity} ${r.unit}`, align: 'right' },
                  { key: 'note', title: t('dayClose.note'), dataIndex: 'note' },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}

      {s.voids.length > 0 && (
        <Card size="small" title={t('dayClose.voidList')}>
          <Table
            {...small}
            rowKey="receiptNo"
            dataSource={s.voids}
            columns={[
              { key: 'no', title: t('dayClose.receiptNo'), dataIndex: 'receiptNo' },
              { key: 'p', title: t('dayClose.points'), dataIndex: 'points', align: 'right', render: (v: number) => formatPoints(v) },
              { key: 'r', title: t('dayClose.reason'), dataIndex: 'reason' },
              { key: 'a', title: t('dayClose.approvedBy'), dataIndex: 'approvedByName' },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
