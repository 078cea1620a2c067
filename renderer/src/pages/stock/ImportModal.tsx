import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ImportPreview, ImportResult, ImportRowPreview } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useStockT } from '../../i18n/stock.js';
import { downloadBase64, fileToBase64 } from './files.js';
import { yuan } from './money.js';

const MAX_BYTES = 700 * 1024;

/**
 * Template → pick a file → row-by-row preview (the core reads and checks the file) →
 * confirm. The confirm button exists only when every row is valid; the core checks the
 * same file again when it imports.
 */
export function ImportModal({ onClose, onImported }: { onClose: () => void; onImported: (r: ImportResult) => void }) {
  const st = useStockT();
  const { errorText } = useI18n();
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<ErrorBody | string | null>(null);
  const [busy, setBusy] = useState(false);

  const template = async (format: 'xlsx' | 'csv') => {
    const res = await call('stock.importTemplate', { format });
    if (res.ok) downloadBase64(res.value.fileName, res.value.mimeType, res.value.base64);
    else setError(res.error);
  };

  const pick = async (f: File) => {
    setPreview(null);
    setError(null);
    if (f.size > MAX_BYTES) return setError(st('import.tooLarge'));
    setBusy(true);
    const picked = { fileName: f.name, base64: await fileToBase64(f) };
    setFile(picked);
    const res = await call('stock.importPreview', picked);
    setBusy(false);
    if (res.ok) setPreview(res.value);
    else setError(res.error);
  };

  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    const res = await call('stock.importGoods', file);
    setBusy(false);
    if (res.ok) onImported(res.value);
    else setError(res.error);
  };

  const issueText = (r: ImportRowPreview) => r.issues.map((i) => errorText({ code: i.code, message: '', params: i.params }));

  return (
    <Modal
      open
      width={1100}
      title={st('import.title')}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{st('common.cancel')}</Button>
          <Button type="primary" data-testid="import-confirm" disabled={!preview?.ok} loading={busy} onClick={() => void confirm()}>
            {st('import.confirm', { count: preview?.ok ? preview.rows.length : 0 })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>{st('import.step1')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')} data-testid="template-xlsx">
          {st('import.templateXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void template('csv')}>
          {st('import.templateCsv')}
        </Button>
      </Space>
      <Typography.Paragraph>{st('import.step2')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        beforeUpload={(f) => {
          void pick(f);
          return false;
        }}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{busy && !preview ? st('import.checking') : (file?.fileName ?? st('import.pick'))}</p>
      </Upload.Dragger>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={typeof error === 'string' ? error : errorText(error)} />}
      {preview && (
        <div style={{ marginTop: 16 }} data-testid="import-preview">
          <Typography.Title level={5}>{st('import.step3')}</Typography.Title>
          {preview.fileIssues.map((i) => (
            <Alert key={i.code} type="error" showIcon title={errorText({ code: i.code, message: '', params: i.params })} style={{ marginBottom: 8 }} />
          ))}
          {preview.rows.length > 0 && (
            <Alert
              type={preview.ok ? 'success' : 'error'}
              showIcon
              style={{ marginBottom: 8 }}
              title={st('import.summary', { rows: preview.rows.length, valid: preview.validRows, bad: preview.badRows })}
              description={preview.ok ? st('import.allGood') : st('import.fixFirst')}
            />
          )}
          {preview.rows.length > 0 && (
            <Table<ImportRowPreview>
              size="small"
              rowKey="rowNo"
              dataSource={[...preview.rows].sort((a, b) => Number(b.issues.length > 0) - Number(a.issues.length > 0) || a.rowNo - b.rowNo)}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              rowClassName={(r) => (r.issues.length > 0 ? 'import-bad-row' : '')}
              onRow={(r) => ({ style: r.issues.length > 0 ? { background: '#fff1f0' } : undefined })}
              columns={[
                { key: 'row', title: st('import.row'), dataIndex: 'rowNo', width: 60 },
                { key: 'name', title: st('goods.name'), dataIndex: 'name' },
                { key: 'cat', title: st('goods.category'), dataIndex: 'category' },
                { key: 'unit', title: st('goods.unit'), dataIndex: 'unit' },
                { key: 'pts', title: st('goods.points'), align: 'right', render: (_, r) => r.pointsPrice ?? '' },
                { key: 'val', title: st('goods.value'), align: 'right', render: (_, r) => (r.valueFen === null ? '' : yuan(r.valueFen)) },
                { key: 'bc', title: st('goods.barcodes'), render: (_, r) => r.barcodes.join(' / ') },
                { key: 'low', title: st('goods.lowStock'), align: 'right', render: (_, r) => r.lowStock ?? '' },
                { key: 'open', title: st('import.opening'), align: 'right', render: (_, r) => r.openingStock ?? '' },
                {
                  key: 'issues',
                  title: st('import.problems'),
                  width: 340,
                  render: (_, r) =>
                    r.issues.length === 0 ? (
                      <Tag color="green">OK</Tag>
                    ) : (
                      <span style={{ color: '#cf1322' }} data-testid="import-row-issue">
                        {issueText(r).map((t, i) => (
                          <div key={i}>{st('import.rowIssue', { row: r.rowNo, text: t })}</div>
                        ))}
                      </span>
                    ),
                },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
