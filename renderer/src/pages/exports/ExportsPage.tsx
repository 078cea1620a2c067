import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ExportFormat, ExportJobView, ExportKind } from '../../../../db/contract/index.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import type { PageProps } from '../PageProps.js';
import { PeriodPicker } from './PeriodPicker.js';
import { initialPeriod, periodRange, type Period } from './period.js';
import { downloadFile, useExportJobs } from './useExportJobs.js';

const KINDS: ExportKind[] = ['ledger', 'redemptions', 'stock', 'balances'];
const LABEL = { fontWeight: 600, fontSize: 15, marginBottom: 6 } as const;

/**
 * 导出: pick what (ledger, receipts with lines, stock movements, balances), when (a day,
 * month, year or range) and how (Excel or CSV). The file is written in the background
 * with a progress bar and a cancel button, then downloaded.
 */
export function ExportsPage({ active }: PageProps) {
  const { t, errorText, lang } = useI18n();
  const { settings } = useSession();
  const [kind, setKind] = useState<ExportKind>('ledger');
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [period, setPeriod] = useState<Period>(() => initialPeriod(settings.timeZone));
  const { jobs, error, start, cancel } = useExportJobs(active);
  const range = periodRange(period);

  const state = (j: ExportJobView) => {
    switch (j.state) {
      case 'running':
        return (
          <Progress
            data-testid="export-progress"
            percent={j.totalRows === 0 ? 0 : Math.floor((j.rows / j.totalRows) * 100)}
            size="small"
            style={{ width: 160, margin: 0 }}
          />
        );
      case 'done':
        return <Tag color="green">{t('exports.done', { rows: j.rows })}</Tag>;
      case 'cancelled':
        return <Tag>{t('exports.cancelled')}</Tag>;
      case 'failed':
        return <Tag color="red">{j.error ?? t('exports.failed')}</Tag>;
    }
  };

  return (
    <div style={{ height: '100%', overflowY: 'auto', padding: 16, boxSizing: 'border-box' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('exports.title')}
      </Typography.Title>
      <Card>
        <Space direction="vertical" size={18} style={{ width: '100%' }}>
          <div>
            <div style={LABEL}>{t('exports.what')}</div>
            <Radio.Group
              data-testid="export-kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as ExportKind)}
              optionType="button"
              buttonStyle="solid"
              size="large"
            >
              {KINDS.map((k) => (
                <Radio.Button key={k} value={k}>
                  {t(`exports.kind.${k}` as MessageKey)}
                </Radio.Button>
              ))}
            </Radio.Group>
            <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
              {t(`exports.hint.${kind}` as MessageKey)}
            </Typography.Paragraph>
          </div>
          <div>
            <div style={LABEL}>{t('exports.when')}</div>
            <PeriodPicker value={period} onChange={setPeriod} />
            {!range && <div style={{ color: '#cf1322', marginTop: 4 }}>{t('exports.badRange')}</div>}
          </div>
          <div>
            <div style={LABEL}>{t('exports.format')}</div>
            <Radio.Group
              data-testid="export-format"
              value={format}
              onChange={(e) => setFormat(e.target.value as ExportFormat)}
              optionType="button"
              size="large"
            >
              <Radio.Button value="xlsx">{t('exports.xlsx')}</Radio.Button>
              <Radio.Button value="csv">{t('exports.csv')}</Radio.Button>
            </Radio.Group>
          </div>
          <Button
            type="primary"
            size="large"
            icon={<DownloadOutlined />}
            disabled={!range}
            data-testid="export-start"
            onClick={() => range && void start({ kind, format, ...range })}
          >
            {t('exports.start')}
          </Button>
          {error && <Alert type="error" showIcon title={errorText(error)} />}
        </Space>
      </Card>

      <Card title={t('exports.recent')} style={{ marginTop: 16 }} size="small">
        <Table<ExportJobView>
          data-testid="export-jobs"
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={jobs}
          locale={{ emptyText: t('exports.none') }}
          columns={[
            { key: 'file', title: t('exports.file'), render: (_, j) => <b>{j.fileName}</b> },
            { key: 'at', title: t('exports.startedAt'), render: (_, j) => formatDateTime(j.startedAt, settings.timeZone, lang) },
            { key: 'state', title: t('exports.state'), render: (_, j) => state(j) },
            {
              key: 'act',
              title: '',
              align: 'right',
              render: (_, j) =>
                j.state === 'running' ? (
                  <Button icon={<StopOutlined />} data-testid="export-cancel" onClick={() => void cancel(j.id)}>
                    {t('exports.cancel')}
                  </Button>
                ) : j.state === 'done' && j.downloadPath ? (
                  <Button
                    type="primary"
                    icon={<DownloadOutlined />}
                    data-testid="export-download"
                    onClick={() => downloadFile(j.downloadPath ?? '', j.fileName)}
                  >
                    {t('exports.download')}
                  </Button>
                ) : null,
            },
          ]}
          expandable={{
            rowExpandable: (j) => j.sha256 !== null,
            expandedRowRender: (j) => (
              <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
                SHA-256 {j.sha256}
              </Typography.Text>
            ),
          }}
        />
      </Card>
    </div>
  );
}
