import { CheckCircleFilled, CloseCircleFilled, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DayListItem, DayStatusView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import type { PageProps } from '../PageProps.js';
import { DayPrintSheet } from './DayPrintSheet.js';
import { ReopenDialog } from './ReopenDialog.js';
import { SignDialog } from './SignDialog.js';
import { SummaryTables } from './SummaryTables.js';

/**
 * 日结: the recent days on the left (closed or not), the chosen day on the right with
 * its reconciliation checklist and summary. The accountant signs a reconciled day with
 * their PIN; an administrator can reopen it with a reason. A4 print and a printer slip.
 */
export function DayClosePage({ active }: PageProps) {
  const { t, errorText, lang, scopeText, problemLine } = useI18n();
  const { session, settings } = useSession();
  const { message } = App.useApp();
  const role = session.operator.role;
  const [days, setDays] = useState<DayListItem[]>([]);
  const [date, setDate] = useState<string | null>(null);
  const [status, setStatus] = useState<DayStatusView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [signing, setSigning] = useState(false);
  const [reopening, setReopening] = useState(false);

  const loadDays = useCallback(async () => {
    const res = await call('dayClose.list', { limit: 62 });
    if (!res.ok) return setError(res.error);
    setDays(res.value);
    setDate((d) => d ?? res.value[0]?.businessDate ?? null);
  }, []);

  const loadDay = useCallback(async (d: string) => {
    setStatus(null);
    const res = await call('dayClose.status', { date: d });
    if (!res.ok) return setError(res.error);
    setError(null);
    setStatus(res.value);
  }, []);

  useEffect(() => {
    if (active) void loadDays();
  }, [active, loadDays]);
  useEffect(() => {
    if (active && date) void loadDay(date);
  }, [active, date, loadDay]);

  const changed = (s: DayStatusView) => {
    setStatus(s);
    void loadDays();
  };

  const printSlip = async () => {
    if (!status) return;
    const res = await call('dayClose.printSlip', { date: status.businessDate });
    if (res.ok) void message.success(t('dayClose.slipQueued'));
    else void message.error(errorText(res.error));
  };

  const rec = status?.summary.reconciliation;
  return (
    <div className="day-close-page" style={{ height: '100%', display: 'flex', gap: 16, padding: 16, boxSizing: 'border-box' }}>
      <Card
        title={t('dayClose.days')}
        size="small"
        style={{ width: 260, flex: 'none', display: 'flex', flexDirection: 'column' }}
        styles={{ body: { overflowY: 'auto', padding: 0, flex: 1 } }}
      >
        <List<DayListItem>
          data-testid="day-list"
          dataSource={days}
          renderItem={(d) => (
            <List.Item
              data-testid="day-item"
              onClick={() => setDate(d.businessDate)}
              style={{ cursor: 'pointer', padding: '10px 16px', background: d.businessDate === date ? '#e6f4ff' : undefined }}
            >
              <span style={{ fontSize: 16 }}>{d.businessDate}</span>
              <span>
                <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                  {t('dayClose.receiptsShort', { count: d.redemptions })}
                </Typography.Text>
                {d.closed ? <Tag color="green">{t('dayClose.closed')}</Tag> : <Tag color="orange">{t('dayClose.open')}</Tag>}
              </span>
            </List.Item>
          )}
        />
      </Card>

      <div style={{ flex: 1, minWidth: 0, overflowY: 'auto' }}>
        {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
        {!status && !error && (date ? <Spin style={{ marginTop: 80, width: '100%' }} /> : <Empty />)}
        {status && rec && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="day-title">
                {t('dayClose.title', { date: status.businessDate })}{' '}
                {status.closed ? (
                  <Tag color="green" style={{ fontSize: 16, padding: '2px 10px' }} data-testid="day-state">
                    {t('dayClose.closed')}
                  </Tag>
                ) : (
                  <Tag color="orange" style={{ fontSize: 16, padding: '2px 10px' }} data-testid="day-state">
                    {t('dayClose.open')}
                  </Tag>
                )}
              </Typography.Title>
              <Space wrap>
                <Button icon={<ReloadOutlined />} onClick={() => void loadDay(status.businessDate)}>
                  {t('dayClose.refresh')}
                </Button>
                <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-a4">
                  {t('dayClose.printA4')}
                </Button>
                <Button icon={<PrinterOutlined />} onClick={() => void printSlip()}>
                  {t('dayClose.printSlip')}
                </Button>
                {!status.closed && role === 'accountant' && (
                  <Button type="primary" size="large" disabled={!rec.ok} onClick={() => setSigning(true)} data-testid="close-open">
                    {t('dayClose.sign')}
                  </Button>
                )}
                {status.closed && role === 'admin' && (
                  <Button danger onClick={() => setReopening(true)} data-testid="reopen-open">
                    {t('dayClose.reopen')}
                  </Button>
                )}
              </Space>
            </div>

            {status.closed && status.unchanged === false && <Alert type="error" showIcon title={t('dayClose.changedSinceClose')} />}
            {!status.closed && role !== 'accountant' && <Alert type="info" showIcon title={t('dayClose.onlyAccountant')} />}

            <Card
              size="small"
              title={rec.ok ? t('dayClose.reconciled') : t('dayClose.notReconciled')}
              data-testid="reconciliation"
              styles={{ header: { color: rec.ok ? '#389e0d' : '#cf1322', fontSize: 16 } }}
            >
              {rec.checks.map((c) => (
                <div key={c.key} style={{ padding: '4px 0' }} data-testid="check" data-ok={c.ok}>
                  {c.ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}{' '}
                  <b>{t(`dayClose.check.${c.key}`)}</b>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {scopeText(c.checked)}
                  </Typography.Text>
                  {c.problems.map((p, i) => (
                    <div key={i} style={{ color: '#cf1322', marginLeft: 22 }} data-testid="check-problem" data-code={p.code}>
                      {problemLine(p)}
                    </div>
                  ))}
                </div>
              ))}
            </Card>

            <SummaryTables summary={status.summary} />

            {status.history.length > 0 && (
              <Card size="small" title={t('dayClose.history')}>
                {status.history.map((h) => (
                  <div key={h.id} style={{ padding: '4px 0' }} data-testid="history-row">
                    <Tag color={h.action === 'close' ? 'green' : 'red'}>{t(h.action === 'close' ? 'dayClose.actionClose' : 'dayClose.actionReopen')}</Tag>
                    {formatDateTime(h.createdAt, settings.timeZone, lang)} · {h.operatorName}
                    {h.reason && (
                      <span>
                        {' '}
                        · {t('dayClose.reason')}：{h.reason}
                      </span>
                    )}
                    {h.summaryHash && (
                      <Typography.Text type="secondary" style={{ marginLeft: 8, fontFamily: 'monospace' }}>
                        {h.summaryHash.slice(0, 16)}
                      </Typography.Text>
                    )}
                  </div>
                ))}
              </Card>
            )}
          </Space>
        )}
      </div>

      {status && active && <DayPrintSheet status={status} />}
      {status && (
        <SignDialog
          open={signing}
          date={status.businessDate}
          onClose={() => setSigning(false)}
          onDone={(s) => {
            setSigning(false);
            changed(s);
            void message.success(t('dayClose.closedOk', { date: s.businessDate }));
          }}
        />
      )}
      {status && (
        <ReopenDialog
          open={reopening}
          date={status.businessDate}
          onClose={() => setReopening(false)}
          onDone={(s) => {
            setReopening(false);
            changed(s);
          }}
        />
      )}
    </div>
  );
}
