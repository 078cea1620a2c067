import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, List, Row, Space, Statistic, Switch, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { StockReport, StockReportLine } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { usePrint } from '../../components/PrintArea.js';
import { useI18n } from '../../i18n/index.js';
import { useStockT } from '../../i18n/stock.js';
import { formatDateTime, formatPoints } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import { ReportDoc } from './docs/ReportDoc.js';
import { yuan } from './money.js';

/** Stock on hand with its value in points and yuan, by category, and what to restock. */
export function ReportTab({ active, version }: { active: boolean; version: number }) {
  const st = useStockT();
  const { lang, errorText } = useI18n();
  const { settings } = useSession();
  const { print, printArea } = usePrint();
  const [report, setReport] = useState<StockReport | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [includeRetired, setIncludeRetired] = useState(false);

  const load = useCallback(async () => {
    const res = await call('stock.report', { includeRetired });
    if (res.ok) {
      setReport(res.value);
      setError(null);
    } else setError(res.error);
  }, [includeRetired]);
  useEffect(() => {
    if (active) void load();
  }, [active, load, version]);

  const low = (report?.lines ?? []).filter((l) => l.low);
  return (
    <div data-testid="stock-report">
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <span>
          {report && st('report.asOf', { time: formatDateTime(report.asOf, settings.timeZone, lang) })}
          <Switch style={{ marginLeft: 16 }} checked={includeRetired} onChange={setIncludeRetired} /> {st('report.includeRetired')}
        </span>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {st('common.refresh')}
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!report} onClick={() => report && print(<ReportDoc report={report} />)}>
            {st('common.print')}
          </Button>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={errorText(error)} />}
      {report && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}>
              <Card>
                <Statistic title={st('report.goods')} value={report.totals.goods} />
              </Card>
            </Col>
            <Col span={6}>
              <Card>
                <Statistic title={st('report.units')} value={report.totals.units} />
              </Card>
            </Col>
            <Col span={6}>
              <Card>
                <Statistic
                  title={st('report.points')}
                  value={report.totals.points}
                  formatter={(v) => formatPoints(Number(v))}
                  suffix="分"
                  data-testid="report-points"
                />
              </Card>
            </Col>
            <Col span={6}>
              <Card>
                <Statistic title={st('report.yuan')} value={yuan(report.totals.fen)} prefix="¥" data-testid="report-yuan" />
                <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                  {st('report.rate', { yuan: yuan(report.pointValueFen), pointsYuan: yuan(report.totals.points * report.pointValueFen) })}
                </div>
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={15}>
              <Table<StockReportLine>
                data-testid="report-table"
                rowKey="goodsId"
                size="small"
                dataSource={report.lines}
                pagination={false}
                summary={() => (
                  <Table.Summary.Row style={{ fontWeight: 700 }}>
                    <Table.Summary.Cell index={0} colSpan={3}>
                      {st('report.total')}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      {report.totals.units}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} />
                    <Table.Summary.Cell index={5} align="right">
                      {formatPoints(report.totals.points)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={6} align="right">
                      {yuan(report.totals.fen)}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
                columns={[
                  { key: 'cat', title: st('goods.category'), dataIndex: 'category' },
                  {
                    key: 'name',
                    title: st('goods.name'),
                    render: (_, l) => (
                      <span>
                        {l.name} {l.low && <Tag color={l.stock === 0 ? 'red' : 'orange'}>{l.stock === 0 ? st('goods.out') : st('goods.low')}</Tag>}
                        {!l.active && <Tag>{st('goods.retired')}</Tag>}
                      </span>
                    ),
                  },
                  { key: 'unit', title: st('goods.unit'), dataIndex: 'unit' },
                  { key: 'stock', title: st('goods.stock'), dataIndex: 'stock', align: 'right' },
                  { key: 'pts', title: st('goods.points'), dataIndex: 'pointsPrice', align: 'right', render: (v: number) => formatPoints(v) },
                  { key: 'sp', title: st('report.stockPoints'), dataIndex: 'stockPoints', align: 'right', render: (v: number) => formatPoints(v) },
                  { key: 'sy', title: st('report.stockYuan'), align: 'right', render: (_, l) => yuan(l.stockFen) },
                ]}
              />
            </Col>
            <Col span={9}>
              <Card title={st('report.lowList')} size="small" style={{ marginBottom: 16 }}>
                <List
                  size="small"
                  dataSource={low}
                  locale={{ emptyText: st('report.noLow') }}
                  renderItem={(l) => (
                    <List.Item>
                      <span>{l.name}</span>
                      <Tag color={l.stock === 0 ? 'red' : 'orange'}>
                        {l.stock} / {l.lowStock} {l.unit}
                      </Tag>
                    </List.Item>
                  )}
                />
              </Card>
              <Card title={st('report.byCategory')} size="small">
                <Table
                  size="small"
                  rowKey="category"
                  pagination={false}
                  dataSource={report.byCategory}
                  columns={[
                    { key: 'c', title: st('goods.category'), dataIndex: 'category', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
                    { key: 'u', title: st('report.units'), dataIndex: 'units', align: 'right' },
                    { key: 'p', title: st('report.stockPoints'), dataIndex: 'points', align: 'right', render: (v: number) => formatPoints(v) },
                    { key: 'y', title: st('report.stockYuan'), align: 'right', render: (_, c: { fen: number }) => yuan(c.fen) },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      {printArea}
    </div>
  );
}
