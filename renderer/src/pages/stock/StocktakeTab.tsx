import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, InputNumber, Modal, Space, Switch, Table, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CountSheet, CountSheetLine, StocktakeSummary, StocktakeView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { usePrint } from '../../components/PrintArea.js';
import { useI18n } from '../../i18n/index.js';
import { useStockT } from '../../i18n/stock.js';
import { formatDateTime, formatSignedPoints } from '../../lib/format.js';
import { newRequestId } from '../../lib/requestId.js';
import { useSession } from '../../session/SessionContext.js';
import { CountSheetDoc } from './docs/CountSheetDoc.js';
import { StocktakeDoc } from './docs/StocktakeDoc.js';
import { signed } from './money.js';

/**
 * 盘点: make the count sheet (book figures as of one moment), print it, type the counts
 * in, post them in one step. If the shelf moved since the sheet was made, the core names
 * those goods; "refresh" fetches new book figures and keeps what was typed.
 */
export function StocktakeTab({ active, onPosted }: { active: boolean; onPosted: () => void }) {
  const st = useStockT();
  const { lang, errorText } = useI18n();
  const { settings } = useSession();
  const { message, modal } = App.useApp();
  const { print, printArea } = usePrint();
  const [sheet, setSheet] = useState<CountSheet | null>(null);
  const [counts, setCounts] = useState<ReadonlyMap<number, number>>(new Map());
  const [error, setError] = useState<ErrorBody | null>(null);
  const [history, setHistory] = useState<StocktakeSummary[] | null>(null);
  const [report, setReport] = useState<StocktakeView | null>(null);
  const [onlyDiffering, setOnlyDiffering] = useState(true);
  const [requestId, setRequestId] = useState(newRequestId);

  const loadHistory = useCallback(async () => {
    const res = await call('stock.stocktakeList', {});
    if (res.ok) setHistory(res.value);
  }, []);
  useEffect(() => {
    if (active) void loadHistory();
  }, [active, loadHistory]);

  const loadSheet = async () => {
    const res = await call('stock.countSheet', {});
    if (res.ok) {
      setSheet(res.value);
      setError(null);
    } else setError(res.error);
  };

  const filled = useMemo(() => (sheet?.lines ?? []).filter((l) => counts.has(l.goodsId)), [sheet, counts]);
  const differing = filled.filter((l) => counts.get(l.goodsId) !== l.bookQty).length;

  const submit = () => {
    if (!sheet || filled.length === 0) return void message.warning(st('stocktake.nothing'));
    modal.confirm({
      title: st('stocktake.confirm', { filled: filled.length, differing }),
      okText: st('stocktake.submit'),
      cancelText: st('common.cancel'),
      onOk: async () => {
        const res = await call('stock.stocktake', {
          requestId,
          basedOnMovementId: sheet.basedOnMovementId,
          counts: filled.map((l) => ({ goodsId: l.goodsId, counted: counts.get(l.goodsId)! })),
        });
        if (!res.ok) return setError(res.error);
        void message.success(st('stocktake.done', { no: res.value.stocktakeNo }));
        setReport(res.value);
        setSheet(null);
        setCounts(new Map());
        setRequestId(newRequestId());
        void loadHistory();
        onPosted();
      },
    });
  };

  const showReport = async (id: number) => {
    const res = await call('stock.stocktakeGet', { stocktakeId: id });
    if (res.ok) setReport(res.value);
  };

  return (
    <div>
      <Card
        title={sheet ? st('stocktake.asOf', { time: formatDateTime(sheet.asOf, settings.timeZone, lang) }) : st('tab.stocktake')}
        style={{ marginBottom: 16 }}
        extra={
          <Space>
            {sheet && (
              <Button icon={<PrinterOutlined />} onClick={() => print(<CountSheetDoc sheet={sheet} />)}>
                {st('stocktake.printSheet')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => void loadSheet()} type={sheet ? 'default' : 'primary'} data-testid="stocktake-start">
              {sheet ? st('stocktake.reload') : st('stocktake.start')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{st('stocktake.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} data-testid="stocktake-error" />}
        {sheet && (
          <>
            <Table<CountSheetLine>
              data-testid="count-sheet"
              rowKey="goodsId"
              size="small"
              dataSource={sheet.lines}
              pagination={false}
              scroll={{ y: 480 }}
              columns={[
                { key: 'cat', title: st('goods.category'), dataIndex: 'category', width: 100 },
                { key: 'name', title: st('goods.name'), dataIndex: 'name' },
                { key: 'unit', title: st('goods.unit'), dataIndex: 'unit', width: 70 },
                { key: 'book', title: st('stocktake.book'), dataIndex: 'bookQty', align: 'right', width: 90 },
                {
                  key: 'counted',
                  title: st('stocktake.counted'),
                  width: 140,
                  render: (_, l) => (
                    <InputNumber
                      size="small"
                      min={0}
                      max={100000}
                      precision={0}
                      value={counts.get(l.goodsId) ?? null}
                      data-testid={`count-${l.goodsId}`}
                      aria-label={`${l.name} ${st('stocktake.counted')}`}
                      onChange={(v) =>
                        setCounts((m) => {
                          const next = new Map(m);
                          if (v === null) next.delete(l.goodsId);
                          else next.set(l.goodsId, v);
                          return next;
                        })
                      }
                    />
                  ),
                },
                {
                  key: 'diff',
                  title: st('stocktake.difference'),
                  align: 'right',
                  width: 90,
                  render: (_, l) => {
                    const c = counts.get(l.goodsId);
                    if (c === undefined) return '';
                    const d = c - l.bookQty;
                    return <b style={{ color: d < 0 ? '#cf1322' : d > 0 ? '#389e0d' : undefined }}>{d === 0 ? '0' : signed(d)}</b>;
                  },
                },
              ]}
            />
            <Space style={{ marginTop: 12 }}>
              <Typography.Text data-testid="stocktake-filled">
                {st('stocktake.filled', { filled: filled.length, total: sheet.lines.length, differing })}
              </Typography.Text>
              <Button type="primary" size="large" onClick={submit} data-testid="stocktake-submit">
                {st('stocktake.submit')}
              </Button>
            </Space>
          </>
        )}
      </Card>
      <Card title={st('stocktake.history')}>
        <Table<StocktakeSummary>
          rowKey="id"
          size="middle"
          loading={history === null}
          dataSource={history ?? []}
          locale={{ emptyText: st('stocktake.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(r) => ({ onClick: () => void showReport(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { key: 'no', title: st('stocktake.no'), render: (_, r) => <b>{r.stocktakeNo}</b> },
            { key: 'time', title: st('common.time'), render: (_, r) => formatDateTime(r.createdAt, settings.timeZone, lang) },
            { key: 'counted', title: st('stocktake.goodsCounted'), dataIndex: 'countedGoods', align: 'right' },
            { key: 'diff', title: st('stocktake.differing'), dataIndex: 'differingGoods', align: 'right' },
            { key: 'pts', title: st('stocktake.diffPoints'), align: 'right', render: (_, r) => formatSignedPoints(r.differencePoints) },
            { key: 'who', title: st('common.operator'), dataIndex: 'operatorName' },
          ]}
        />
      </Card>
      <Modal
        open={report !== null}
        width={960}
        onCancel={() => setReport(null)}
        footer={
          <Space>
            <Switch checked={onlyDiffering} onChange={setOnlyDiffering} /> {st('stocktake.onlyDiffering')}
            <Button onClick={() => setReport(null)}>{st('common.close')}</Button>
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              onClick={() => report && print(<StocktakeDoc stocktake={report} onlyDiffering={onlyDiffering} />)}
            >
              {st('common.print')}
            </Button>
          </Space>
        }
      >
        {report && <StocktakeDoc stocktake={report} onlyDiffering={onlyDiffering} />}
      </Modal>
      {printArea}
    </div>
  );
}
