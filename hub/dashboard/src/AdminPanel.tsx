import { Alert, Button, Card, Descriptions, Flex, Table, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { api, ApiError, type ImportOutcome, type RegistrationPreview } from './api.js';
import { t, type Lang, type TextKey } from './i18n.js';

/**
 * The township administrator's screens: register a store from its registration file
 * (checked first, with the fingerprint shown to compare with the one on the store's
 * settings tab, stored only on confirmation), and import report files, one or several,
 * each shown accepted, held, known, forked or refused with its reason. The server checks
 * the role too (a viewer's POST is refused); this panel is shown to administrators only.
 */
export function AdminPanel({ lang }: { lang: Lang }) {
  return (
    <Flex gap={16} wrap>
      <div style={{ flex: 1, minWidth: 420 }}>
        <RegisterStore lang={lang} />
      </div>
      <div style={{ flex: 1, minWidth: 420 }}>
        <ImportReports lang={lang} />
      </div>
    </Flex>
  );
}

function message(e: unknown): string {
  return e instanceof ApiError || e instanceof Error ? e.message : String(e);
}

function RegisterStore({ lang }: { lang: Lang }) {
  const [text, setText] = useState<string | null>(null);
  const [preview, setPreview] = useState<RegistrationPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const choose = (file: File) => {
    setPreview(null);
    setError(null);
    setDone(null);
    file.text().then(
      (body) => {
        setText(body);
        api.previewStore(body).then(setPreview, (e: unknown) => setError(message(e)));
      },
      (e: unknown) => setError(message(e)),
    );
    return false; // read here, not uploaded by antd
  };

  const confirm = () => {
    if (!text) return;
    api.registerStore(text).then(
      (r) => {
        setDone(t(lang, `registered_${r.outcome}` as TextKey));
        setPreview(null);
      },
      (e: unknown) => setError(message(e)),
    );
  };

  return (
    <Card title={t(lang, 'registerStore')} data-testid="register-card">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t(lang, 'registerHelp')}</Typography.Text>
        <Upload accept=".json,application/json" maxCount={1} showUploadList={false} beforeUpload={choose}>
          <Button data-testid="register-choose">{t(lang, 'chooseRegistration')}</Button>
        </Upload>
        {preview && (
          <>
            <Descriptions bordered size="small" column={1} data-testid="register-preview">
              <Descriptions.Item label={t(lang, 'villageCode')}>{preview.registration.villageCode}</Descriptions.Item>
              <Descriptions.Item label={t(lang, 'village')}>
                {preview.registration.villageName} · {preview.registration.townshipName}
              </Descriptions.Item>
              <Descriptions.Item label={t(lang, 'fingerprint')}>
                <Typography.Text code style={{ fontSize: 16 }} data-testid="register-fingerprint">
                  {preview.registration.fingerprint}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t(lang, 'registeredBy')}>
                {preview.registration.registeredBy} · {preview.registration.registeredAt.slice(0, 10)}
              </Descriptions.Item>
            </Descriptions>
            <Alert type="info" showIcon title={t(lang, 'compareFingerprint')} />
            <Button type="primary" onClick={confirm} disabled={preview.outcome === 'known'} data-testid="register-confirm">
              {preview.outcome === 'known' ? t(lang, 'registered_known') : t(lang, 'registerConfirm')}
            </Button>
          </>
        )}
        {done && <Alert type="success" showIcon title={done} data-testid="register-done" />}
        {error && <Alert type="error" showIcon title={error} data-testid="register-error" />}
      </Flex>
    </Card>
  );
}

interface ImportRow {
  file: string;
  result: ImportOutcome;
}

const OUTCOME_COLOR: Record<string, string> = { accepted: 'green', known: 'default', held: 'orange', fork: 'red', refused: 'red' };

function ImportReports({ lang }: { lang: Lang }) {
  const [rows, setRows] = useState<ImportRow[]>([]);
  const [busy, setBusy] = useState(0);

  // Files are sent one at a time in name order (names carry village, date and version),
  // so a store's days arrive oldest first, as a folder import does.
  const queue = useRef<File[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const run = () => {
    const files = queue.current.splice(0).sort((a, b) => a.name.localeCompare(b.name));
    setBusy((n) => n + files.length);
    void (async () => {
      for (const f of files) {
        let result: ImportOutcome;
        try {
          result = await api.importReport(await f.text());
        } catch (e) {
          result = { outcome: 'refused', code: 'ERROR', reason: message(e) };
        }
        setRows((r) => [...r, { file: f.name, result }]);
        setBusy((n) => n - 1);
      }
    })();
  };

  return (
    <Card title={t(lang, 'importReports')} data-testid="import-card">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t(lang, 'importHelp')}</Typography.Text>
        <Upload
          accept=".json"
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            queue.current.push(file);
            if (timer.current) clearTimeout(timer.current);
            // antd calls beforeUpload once per file of one choice: gather them, then send.
            timer.current = setTimeout(run, 0);
            return false;
          }}
        >
          <Button data-testid="import-choose">{t(lang, 'chooseReports')}</Button>
        </Upload>
        {busy > 0 && (
          <Typography.Text data-testid="import-busy">
            {t(lang, 'importing')} {busy}
          </Typography.Text>
        )}
        <Table<ImportRow>
          size="small"
          rowKey={(r) => `${rows.indexOf(r)}`}
          dataSource={rows}
          pagination={false}
          data-testid="import-results"
          columns={[
            { title: t(lang, 'file'), dataIndex: 'file' },
            {
              title: t(lang, 'outcome'),
              render: (_v, r) => (
                <Tag color={OUTCOME_COLOR[r.result.outcome]} data-testid={`outcome-${r.result.outcome}`}>
                  {t(lang, `outcome_${r.result.outcome}` as TextKey)}
                </Tag>
              ),
            },
            {
              title: t(lang, 'reason'),
              render: (_v, r) =>
                r.result.outcome === 'refused' || r.result.outcome === 'fork'
                  ? r.result.reason
                  : r.result.released?.length
                    ? `${t(lang, 'released')} ${r.result.released.length}`
                    : '',
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
