import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { RosterImported, RosterPreview } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { SheetUpload } from '../../components/SheetUpload.js';
import { usePointsT } from '../../i18n/points.js';
import { downloadBase64, fileToBase64 } from '../stock/files.js';
import { formatPoints } from '../../lib/format.js';

const MAX_BYTES = 700 * 1024;

/**
 * Template → pick a file → row-by-row preview (the core reads and checks it) → import.
 * The import button appears only when every row is right; the core checks again.
 */
export function RosterImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (r: RosterImported) => void }) {
  const t = usePointsT();
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [error, setError] = useState<ErrorBody | string | null>(null);
  const [busy, setBusy] = useState(false);

  const template = async (format: 'xlsx' | 'csv') => {
    const r = await call('households.template', { format });
    if (r.ok) downloadBase64(r.value.fileName, r.value.mimeType, r.value.base64);
    else setError(r.error);
  };

  const pick = async (f: File) => {
    setPreview(null);
    setError(null);
    if (f.size > MAX_BYTES) return setError(t('roster.tooLarge'));
    setBusy(true);
    const picked = { fileName: f.name, base64: await fileToBase64(f) };
    setFile(picked);
    const r = await call('households.importPreview', { source: { kind: 'file', ...picked } });
    setBusy(false);
    if (r.ok) setPreview(r.value);
    else setError(r.error);
  };

  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    const r = await call('households.import', { source: { kind: 'file', ...file } });
    setBusy(false);
    if (r.ok) onImported(r.value);
    else setError(r.error);
  };

  return (
    <Modal
      open
      width={1000}
      title={t('roster.title')}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!preview || preview.errors > 0} loading={busy} onClick={() => void confirm()} data-testid="roster-import-ok">
            {preview ? t('roster.importN', { households: preview.households, members: preview.members }) : t('roster.import')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>{t('roster.explain')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')}>
          {t('roster.templateXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void template('csv')}>
          {t('roster.templateCsv')}
        </Button>
      </Space>
      <SheetUpload fileName={file?.fileName ?? null} placeholder={t('roster.pick')} onPick={(f) => void pick(f)} error={error} testId="roster-file" />
      {preview && (
        <>
          <Alert
            style={{ marginTop: 12 }}
            type={preview.errors ? 'error' : 'success'}
            showIcon
            data-testid="roster-summary"
            title={
              preview.errors
                ? t('roster.hasErrors', { errors: preview.errors })
                : t('roster.allGood', { households: preview.households, members: preview.members })
            }
            description={preview.newGroups.length ? t('roster.newGroups', { groups: preview.newGroups.join('、') }) : undefined}
          />
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="row"
            dataSource={preview.rows}
            pagination={{ pageSize: 100, hideOnSinglePage: true }}
            rowClassName={(r) => (r.status === 'error' ? 'roster-row-error' : '')}
            columns={[
              { key: 'row', title: t('roster.row'), dataIndex: 'row', width: 70 },
              { key: 'number', title: t('households.number'), dataIndex: 'number' },
              { key: 'group', title: t('households.group'), dataIndex: 'groupName' },
              { key: 'name', title: t('households.memberName'), dataIndex: 'name' },
              { key: 'rel', title: t('households.relation'), dataIndex: 'relation' },
              { key: 'id', title: t('households.idNumber'), render: (_, r) => r.idMasked ?? '' },
              { key: 'open', title: t('households.opening'), dataIndex: 'openingPoints', align: 'right', render: (v: number) => formatPoints(v) },
              {
                key: 'status',
                title: t('roster.check'),
                render: (_, r) =>
                  r.status === 'ok' ? <Tag color="green">{t('roster.ok')}</Tag> : <Typography.Text type="danger">{r.problems.join('；')}</Typography.Text>,
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
