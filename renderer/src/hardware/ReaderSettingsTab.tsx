import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ReaderSettingsView, ReaderStatusView } from '../../../db/contract/index.js';
import type { ErrorBody } from '../../../db/contract/errors.js';
import { call } from '../api/client.js';
import { useHardwareT } from '../i18n/hardware.js';
import { useI18n } from '../i18n/index.js';
import { displayAddress } from './openDisplay.js';

/**
 * 设置 → 读卡器与客显, for the administrator: which reader (keyboard, or a maker's library
 * with its path and port) and the reader's state once saved; and the customer display.
 */
export function ReaderSettingsTab({ active }: { active: boolean }) {
  const t = useHardwareT();
  const { errorText } = useI18n();
  const { message } = App.useApp();
  const [form, setForm] = useState<ReaderSettingsView | null>(null);
  const [status, setStatus] = useState<ReaderStatusView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [s, st] = await Promise.all([call('reader.settings', {}), call('reader.status', {})]);
    if (!s.ok) return setError(s.error);
    setForm(s.value);
    if (st.ok) setStatus(st.value);
  }, []);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  if (!form) return error ? <Alert type="error" title={errorText(error)} /> : null;

  const save = async () => {
    setBusy(true);
    const r = await call('reader.saveSettings', form);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setStatus(r.value);
    void message.success(t('reader.saved'));
    // The host opens the library on its next poll; show what it made of it.
    window.setTimeout(() => void load(), 1200);
  };

  const openCustomer = async () => {
    const a = await displayAddress('customer');
    if (!a.ok) return setError(a.error);
    window.open(a.url, '_blank', 'noopener');
  };

  const stateText = (s: ReaderStatusView) =>
    s.state === 'keyboard'
      ? t('reader.keyboardState')
      : s.state === 'disconnected'
        ? t('reader.disconnected')
        : t(s.state === 'read' ? 'reader.read' : 'reader.waiting');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 820 }}>
      <Card title={t('reader.tab')} data-testid="reader-settings">
        <Form layout="vertical" onFinish={() => void save()}>
          <Form.Item label={t('reader.profile')} htmlFor="reader-profile">
            <Radio.Group
              id="reader-profile"
              aria-label={t('reader.profile')}
              value={form.profile}
              onChange={(e) => setForm({ ...form, profile: e.target.value as ReaderSettingsView['profile'] })}
            >
              <Space orientation="vertical">
                <Radio value="keyboard">{t('reader.keyboard')}</Radio>
                <Radio value="cvr">{t('reader.cvr')}</Radio>
                <Radio value="sdtapi">{t('reader.sdtapi')}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          {form.profile !== 'keyboard' && (
            <>
              <Form.Item label={t('reader.libraryPath')} htmlFor="reader-library" extra={t('reader.libraryHint')}>
                <Input id="reader-library" value={form.libraryPath} onChange={(e) => setForm({ ...form, libraryPath: e.target.value })} />
              </Form.Item>
              <Form.Item label={t('reader.port')} htmlFor="reader-port" extra={t('reader.portHint')}>
                <InputNumber id="reader-port" min={0} max={9999} value={form.port} onChange={(v) => setForm({ ...form, port: v ?? 1001 })} />
              </Form.Item>
            </>
          )}
          {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
          {status && (
            <Alert
              type={status.state === 'disconnected' ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              title={t('reader.state', { state: stateText(status) })}
              description={status.error ? errorText(status.error) : undefined}
              data-testid="reader-state"
            />
          )}
          <Typography.Paragraph type="secondary">{t('reader.privacy')}</Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('reader.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('display.customerTitle')}>
        <Typography.Paragraph>{t('display.customerHint')}</Typography.Paragraph>
        <Button onClick={() => void openCustomer()} disabled={window.pointsStore !== undefined}>
          {t('display.openCustomer')}
        </Button>
      </Card>
    </Space>
  );
}
