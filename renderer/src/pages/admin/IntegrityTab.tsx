import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { IntegrityProblem, IntegrityReport, IntegrityStatus } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useTrustT } from '../../i18n/trust.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import { WitnessCheckCard } from './WitnessCheckCard.js';

/** The start-up check's result, and a full verify on demand that names every bad row. */
export function IntegrityTab({ active }: { active: boolean }) {
  const t = useTrustT();
  const { errorText, lang, problemText, tableName } = useI18n();
  const { settings } = useSession();
  const [status, setStatus] = useState<IntegrityStatus | null>(null);
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const when = (iso: string) => formatDateTime(iso, settings.timeZone, lang);

  const load = useCallback(async () => {
    const r = await call('integrity.status', {});
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  }, []);
  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const run = async () => {
    setRunning(true);
    const r = await call('integrity.verify', {});
    setRunning(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setReport(r.value);
    void load();
  };

  // While the full verify after start-up runs, its state is fetched again every two seconds.
  const verifying = status?.background?.state === 'running';
  useEffect(() => {
    if (!active || !verifying) return;
    const timer = setInterval(() => void load(), 2_000);
    return () => clearInterval(timer);
  }, [active, verifying, load]);

  const startup = status?.startup;
  const background = status?.background ?? null;
  const shown = report ?? status?.lastFull ?? null;
  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 1100 }} data-testid="integrity-tab">
      {error && <Alert type="error" showIcon title={errorText(error)} />}
      {status?.alarm && <Alert type="error" showIcon data-testid="verify-alarm" title={t('verify.alarm')} description={status.alarm.message} />}
      <Card size="small" title={t('verify.startup')}>
        {!startup ? (
          <Typography.Text type="secondary">{t('verify.notRun')}</Typography.Text>
        ) : startup.ok ? (
          <Alert
            type="success"
            showIcon
            title={t('verify.startupOk', { mode: t(`verify.mode.${startup.mode}`), ms: startup.ms, time: when(startup.checkedAt) })}
          />
        ) : (
          <Alert type="error" showIcon title={t('verify.startupFailed', { count: startup.problems.length, time: when(startup.checkedAt) })} />
        )}
      </Card>
      <Card size="small" title={t('verify.background')} data-testid="verify-background" data-state={background?.state ?? 'none'}>
        {!background ? (
          <Typography.Text type="secondary">{t('verify.backgroundNone')}</Typography.Text>
        ) : background.state === 'running' ? (
          <Alert type="info" showIcon title={t('verify.backgroundRunning', { time: when(background.startedAt) })} />
        ) : background.state === 'passed' && background.report ? (
          <Alert
            type="success"
            showIcon
            title={t('verify.backgroundPassed', {
              time: when(background.report.checkedAt),
              ms: background.report.ms,
              ledger: background.coveredThrough?.ledgerId ?? 0,
            })}
          />
        ) : background.state === 'failed' && background.report ? (
          <Alert
            type="error"
            showIcon
            title={t('verify.backgroundFailed', { count: background.report.problems.length, time: when(background.report.checkedAt) })}
          />
        ) : (
          <Typography.Text type="secondary">{t('verify.backgroundCancelled')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('verify.run')}>
        <Typography.Paragraph type="secondary">{t('verify.explain')}</Typography.Paragraph>
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={running} onClick={() => void run()} data-testid="verify-run">
          {running ? t('verify.running') : t('verify.run')}
        </Button>
        {shown && (
          <div style={{ marginTop: 16 }} data-testid="verify-result">
            {shown.ok ? (
              <Alert
                type="success"
                showIcon
                title={t('verify.ok', {
                  ledger: shown.checked.ledgerRows ?? 0,
                  audit: shown.checked.auditRows ?? 0,
                  accounts: shown.checked.accounts ?? 0,
                  goods: shown.checked.goods ?? 0,
                  ms: shown.ms,
                })}
              />
            ) : (
              <>
                <Alert type="error" showIcon title={t('verify.failed', { count: shown.problems.length })} style={{ marginBottom: 12 }} />
                <Table<IntegrityProblem>
                  rowKey={(p) => `${p.table}:${p.rowId}:${p.code}`}
                  size="small"
                  dataSource={shown.problems}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { key: 'table', title: t('verify.table'), width: 160, render: (_v, p) => tableName(p.table) },
                    { key: 'row', title: t('verify.row'), dataIndex: 'rowId', width: 120 },
                    { key: 'problem', title: t('verify.problem'), render: (_v, p) => problemText(p) },
                  ]}
                />
              </>
            )}
          </div>
        )}
      </Card>
      <WitnessCheckCard />
    </div>
  );
}
