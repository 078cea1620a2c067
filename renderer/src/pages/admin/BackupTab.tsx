import { CloudUploadOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Switch, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BackupConfig, BackupFileView, BackupPreview, BackupStatus, RestoreStatus } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useTrustT } from '../../i18n/trust.js';
import { saveDownload } from '../../lib/download.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const base = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** Where backups go and how many are kept; back up now; inspect and restore; export the key. */
export function BackupTab({ active }: { active: boolean }) {
  const t = useTrustT();
  const { errorText, lang, problemLine } = useI18n();
  const { settings } = useSession();
  const { message } = App.useApp();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [restore, setRestore] = useState<RestoreStatus | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [otherFile, setOtherFile] = useState('');
  const [restorePin, setRestorePin] = useState('');
  const [restoring, setRestoring] = useState(false);
  const [keyOpen, setKeyOpen] = useState(false);
  const [keyPin, setKeyPin] = useState('');
  const [form] = Form.useForm<BackupConfig>();
  const when = (iso: string) => formatDateTime(iso, settings.timeZone, lang);

  const load = useCallback(async () => {
    const [s, r] = await Promise.all([call('backup.status', {}), call('restore.status', {})]);
    if (s.ok) {
      setStatus(s.value);
      if (!form.isFieldsTouched()) form.setFieldsValue(s.value.config);
    } else setError(s.error);
    if (r.ok) setRestore(r.value);
  }, [form]);
  useEffect(() => {
    if (active) void load();
  }, [active, load]);
  // While a backup runs, look again every second until it is done.
  useEffect(() => {
    if (!active || !status?.running) return;
    const timer = setInterval(() => void load(), 1000);
    return () => clearInterval(timer);
  }, [active, status?.running, load]);

  const saveConfig = async (v: BackupConfig) => {
    const folder = typeof v.folder === 'string' && v.folder.trim() !== '' ? v.folder.trim() : null;
    const r = await call('backup.configure', { ...v, folder });
    if (!r.ok) return setError(r.error);
    setError(null);
    form.resetFields();
    form.setFieldsValue(r.value);
    void message.success(t('backup.configSaved'));
    void load();
  };

  const runNow = async () => {
    const r = await call('backup.run', {});
    if (!r.ok) return setError(r.error);
    setError(null);
    setStatus((s) => (s ? { ...s, running: true } : s));
    void load();
  };

  const inspect = async (file: string) => {
    const r = await call('backup.inspect', { file });
    if (!r.ok) return setError(r.error);
    setError(null);
    setRestorePin('');
    setPreview(r.value);
  };

  const doRestore = async () => {
    if (!preview) return;
    const r = await call('backup.restore', { file: preview.file, pin: restorePin });
    if (!r.ok) return setError(r.error);
    // The core logs everyone out when it swaps the data in; the login screen follows.
    setRestoring(true);
    setPreview(null);
  };

  const exportKey = async () => {
    const r = await call('backup.exportKey', { pin: keyPin });
    if (!r.ok) return setError(r.error);
    saveDownload(r.value);
    setKeyOpen(false);
    setKeyPin('');
    void message.success(t('backup.keyDone'));
  };

  const last = status?.last;
  return (
    <div data-testid="backup-tab" style={{ display: 'grid', gap: 16, maxWidth: 1100 }}>
      {error && <Alert type="error" showIcon closable title={errorText(error)} onClose={() => setError(null)} data-testid="backup-error" />}
      {restoring && <Alert type="info" showIcon title={t('backup.restoring')} />}
      {restore?.last && (
        <Alert
          type={restore.last.ok ? 'success' : 'error'}
          showIcon
          title={
            restore.last.ok
              ? t('backup.lastRestore', { time: when(restore.last.at), file: base(restore.last.file), safety: restore.last.safetyCopy ?? '-' })
              : t('backup.lastRestoreFailed', { time: when(restore.last.at), error: restore.last.error ?? '' })
          }
        />
      )}
      <Card size="small">
        <Form form={form} name="backup-config" layout="vertical" onFinish={(v) => void saveConfig(v)} data-testid="backup-config">
          <Form.Item name="folder" label={t('backup.folder')} extra={t('backup.folderHelp')}>
            <Input placeholder={t('backup.folderPlaceholder')} data-testid="backup-folder" />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="keepDaily" label={t('backup.keepDaily')}>
              <InputNumber min={1} max={60} precision={0} suffix={t('backup.days')} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="keepMonthly" label={t('backup.keepMonthly')}>
              <InputNumber min={0} max={120} precision={0} suffix={t('backup.months')} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="auto" label={t('backup.auto')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Space wrap>
            <Button htmlType="submit" data-testid="backup-save">
              {t('backup.saveConfig')}
            </Button>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              loading={status?.running}
              disabled={!status?.config.folder}
              onClick={() => void runNow()}
              data-testid="backup-run"
            >
              {status?.running ? t('backup.running') : t('backup.runNow')}
            </Button>
            <Button icon={<KeyOutlined />} onClick={() => setKeyOpen(true)} data-testid="key-export">
              {t('backup.key')}
            </Button>
          </Space>
        </Form>
      </Card>
      {status && (
        <Alert
          data-testid="backup-last"
          type={!last ? 'warning' : last.ok ? 'success' : 'error'}
          showIcon
          title={
            !last
              ? t('backup.never')
              : last.ok
                ? t('backup.lastOk', { time: when(last.at), file: base(last.file ?? ''), size: size(last.bytes) })
                : t('backup.lastFailed', { time: when(last.at), error: last.error ?? '' })
          }
        />
      )}
      {status?.folderProblem && <Alert type="warning" showIcon title={status.folderProblem} />}
      <Card size="small" title={t('backup.files')}>
        <Table<BackupFileView>
          rowKey="path"
          size="middle"
          dataSource={status?.files ?? []}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          locale={{ emptyText: t('backup.noFiles') }}
          data-testid="backup-files"
          columns={[
            { key: 'name', title: t('backup.fileName'), dataIndex: 'name' },
            { key: 'time', title: t('backup.fileTime'), render: (_, f) => when(f.modifiedAt) },
            { key: 'size', title: t('backup.fileSize'), render: (_, f) => size(f.bytes), align: 'right' },
            { key: 'act', title: '', render: (_, f) => <Button onClick={() => void inspect(f.path)}>{t('backup.inspect')}</Button> },
          ]}
        />
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input
            placeholder={t('backup.otherFilePlaceholder')}
            aria-label={t('backup.otherFilePlaceholder')}
            value={otherFile}
            onChange={(e) => setOtherFile(e.target.value)}
            data-testid="backup-other-file"
          />
          <Button onClick={() => void inspect(otherFile.trim())} disabled={otherFile.trim() === ''} data-testid="backup-other-open">
            {t('backup.open')}
          </Button>
        </Space.Compact>
        <Typography.Text type="secondary">{t('backup.otherFile')}</Typography.Text>
      </Card>

      <Modal
        open={preview !== null}
        width={760}
        title={t('backup.previewTitle')}
        onCancel={() => setPreview(null)}
        footer={
          preview && (
            <Space>
              <Button onClick={() => setPreview(null)}>{lang === 'zh' ? '取消' : 'Cancel'}</Button>
              <Button
                danger
                type="primary"
                disabled={!preview.verified.ok || preview.sameKey === false || !/^\d{4,8}$/.test(restorePin)}
                onClick={() => void doRestore()}
                data-testid="restore-confirm"
              >
                {t('backup.restore')}
              </Button>
            </Space>
          )
        }
      >
        {preview && (
          <div data-testid="backup-preview">
            <Descriptions column={1} size="small" bordered styles={{ label: { width: 140 } }}>
              <Descriptions.Item label={t('backup.previewFile')}>
                {base(preview.file)} · {size(preview.bytes)}
              </Descriptions.Item>
              <Descriptions.Item label={t('backup.previewVillage')}>
                {preview.villageName} · {preview.storeName}
              </Descriptions.Item>
              <Descriptions.Item label={t('backup.previewCounts')}>
                {t('backup.previewCountsValue', {
                  households: preview.counts.households,
                  members: preview.counts.members,
                  goods: preview.counts.goods,
                  ledger: preview.counts.ledgerRows,
                  redemptions: preview.counts.redemptions,
                  operators: preview.counts.operators,
                })}
              </Descriptions.Item>
              <Descriptions.Item
                label={t('backup.previewDates')}
              >{`${preview.firstBusinessDate ?? '-'} — ${preview.lastBusinessDate ?? '-'}`}</Descriptions.Item>
              <Descriptions.Item label={t('backup.previewLast')}>{preview.lastActivityAt ? when(preview.lastActivityAt) : '-'}</Descriptions.Item>
              <Descriptions.Item label={t('backup.previewVerify')}>
                {preview.verified.ok ? (
                  <Typography.Text type="success">{t('backup.verifyOk')}</Typography.Text>
                ) : (
                  <Typography.Text type="danger">
                    {t('backup.verifyFailed', { first: preview.verified.problems[0] ? problemLine(preview.verified.problems[0]) : '' })}
                  </Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('backup.previewKey')}>
                {preview.sameKey === true ? (
                  t('backup.keyOk')
                ) : preview.sameKey === false ? (
                  <Typography.Text type="danger">{t('backup.keyOther')}</Typography.Text>
                ) : (
                  t('backup.keyUnknown')
                )}
              </Descriptions.Item>
            </Descriptions>
            <Alert type="warning" showIcon title={t('backup.restoreWarn')} style={{ margin: '16px 0 12px' }} />
            <Form layout="vertical">
              <Form.Item htmlFor="restore-pin-input" label={t('backup.restorePin')} style={{ marginBottom: 0 }}>
                <Input.Password
                  id="restore-pin-input"
                  inputMode="numeric"
                  maxLength={8}
                  value={restorePin}
                  onChange={(e) => setRestorePin(e.target.value)}
                  style={{ width: 200 }}
                  data-testid="restore-pin"
                  autoComplete="off"
                />
              </Form.Item>
            </Form>
          </div>
        )}
      </Modal>

      <Modal
        open={keyOpen}
        title={t('backup.keyTitle')}
        onCancel={() => setKeyOpen(false)}
        okText={t('backup.keyDownload')}
        okButtonProps={{ disabled: !/^\d{4,8}$/.test(keyPin), danger: true }}
        onOk={() => void exportKey()}
      >
        <Alert type="warning" showIcon title={t('backup.keyWarn')} style={{ marginBottom: 16 }} />
        <Form layout="vertical">
          <Form.Item htmlFor="key-pin-input" label={t('backup.keyPin')}>
            <Input.Password
              id="key-pin-input"
              inputMode="numeric"
              maxLength={8}
              value={keyPin}
              onChange={(e) => setKeyPin(e.target.value)}
              style={{ width: 200 }}
              autoComplete="off"
              data-testid="key-pin"
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
