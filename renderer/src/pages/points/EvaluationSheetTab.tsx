import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { EvaluationPreview } from '../../../../db/contract/views-office.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { SheetUpload } from '../../components/SheetUpload.js';
import { useOfficeT } from '../../i18n/office.js';
import type { PageProps } from '../PageProps.js';
import { downloadBase64, fileToBase64 } from '../stock/files.js';
import { DateInput } from '../../components/DateInput.js';
import { formatPoints, formatSignedPoints } from '../../lib/format.js';

/** The core takes at most 1 MB of base64: 700 KB of file. */
const MAX_BYTES = 700 * 1024;

function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * 月度评比表: month → template → filled sheet → row-by-row preview (the core reads and
 * checks it, writing nothing) → import into batches awaiting review. The import button
 * shows only when no row has a problem; the core checks again and imports all or nothing.
 */
export function EvaluationSheetTab(_props: PageProps) {
  const ot = useOfficeT();
  const { message } = App.useApp();
  const [month, setMonth] = useState(thisMonth);
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<EvaluationPreview | null>(null);
  const [error, setError] = useState<ErrorBody | string | null>(null);
  const [busy, setBusy] = useState(false);

  const template = async (format: 'xlsx' | 'csv') => {
    setError(null);
    const r = await call('points.evaluationTemplate', { month, format });
    if (r.ok) downloadBase64(r.value.fileName, r.value.mimeType, r.value.base64);
    else setError(r.error);
  };

  const check = async (picked: { fileName: string; base64: string }, forMonth: string) => {
    setBusy(true);
    setPreview(null);
    setError(null);
    const r = await call('points.evaluationPreview', { month: forMonth, ...picked });
    setBusy(false);
    if (r.ok) setPreview(r.value);
    else setError(r.error);
  };

  const pick = async (f: File) => {
    setPreview(null);
    setError(null);
    if (f.size > MAX_BYTES) return setError(ot('eval.tooLarge'));
    const picked = { fileName: f.name, base64: await fileToBase64(f) };
    setFile(picked);
    await check(picked, month);
  };

  const changeMonth = (m: string) => {
    setMonth(m);
    // The preview is for one month (the entries' date, the rule book version): check again.
    if (file && /^\d{4}-\d{2}$/.test(m)) void check(file, m);
  };

  const importIt = async () => {
    if (!file || !preview) return;
    setBusy(true);
    const r = await call('points.importEvaluation', { month: preview.month, ...file });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    void message.success(ot('eval.imported', { entries: r.value.entries, batches: r.value.batches }));
    setFile(null);
    setPreview(null);
  };

  return (
    <div data-testid="evaluation-tab" style={{ maxWidth: 1100 }}>
      <Typography.Paragraph>{ot('eval.explain')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <label>
          {ot('eval.month')} <DateInput kind="month" data-testid="evaluation-month" value={month} onChange={(e) => changeMonth(e.target.value)} />
        </label>
        <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')} data-testid="evaluation-template">
          {ot('eval.templateXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void template('csv')}>
          {ot('eval.templateCsv')}
        </Button>
      </Space>
      <SheetUpload fileName={file?.fileName ?? null} placeholder={ot('eval.pick')} onPick={(f) => void pick(f)} error={error} testId="evaluation-file" />
      {preview && (
        <>
          <Alert
            style={{ marginTop: 12 }}
            type={preview.errors ? 'error' : 'success'}
            showIcon
            data-testid="evaluation-summary"
            title={
              preview.errors
                ? ot('eval.hasErrors', { errors: preview.errors })
                : ot('eval.allGood', { month: preview.month, entries: preview.entries, eventDate: preview.eventDate, version: preview.ruleBookVersion })
            }
            description={
              <>
                {preview.alreadyImported && <div>{ot('eval.already', { month: preview.month })}</div>}
                {preview.byItem.map((i) => (
                  <div key={i.code}>{ot('eval.byItem', { title: `${i.code} ${i.title}`, households: i.households, points: formatPoints(i.points) })}</div>
                ))}
              </>
            }
          />
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            disabled={preview.errors > 0 || preview.entries === 0}
            loading={busy}
            onClick={() => void importIt()}
            data-testid="evaluation-import"
          >
            {ot('eval.importN', { entries: preview.entries })}
          </Button>
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="row"
            dataSource={preview.rows}
            pagination={{ pageSize: 100, hideOnSinglePage: true }}
            data-testid="evaluation-rows"
            columns={[
              { key: 'row', title: ot('eval.row'), dataIndex: 'row', width: 70 },
              { key: 'number', title: ot('eval.number'), dataIndex: 'number', width: 110 },
              { key: 'head', title: ot('eval.head'), dataIndex: 'headName', width: 110 },
              { key: 'cells', title: ot('eval.cells'), render: (_, r) => r.cells.map((c) => `${c.code} ${formatSignedPoints(c.points)}`).join('，') },
              {
                key: 'check',
                title: ot('eval.check'),
                render: (_, r) =>
                  r.problems.length === 0 ? (
                    <Tag color="green">{ot('eval.ok')}</Tag>
                  ) : (
                    <Typography.Text type="danger" data-testid="evaluation-problem">
                      {r.problems.join('；')}
                    </Typography.Text>
                  ),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
