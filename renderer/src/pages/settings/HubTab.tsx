import { Alert, Button, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import type { HubStatusView } from '../../../../db/contract/views-reporting.js';
import { call } from '../../api/client.js';
import { QrSvg } from '../../components/printing/QrSvg.js';
import { qrModules } from '../../components/printing/qrModules.js';
import { useI18n } from '../../i18n/index.js';
import { useReportingT } from '../../i18n/reporting.js';

interface RegisterValues {
  villageCode: string;
  villageName: string;
  townshipName: string;
}

function saveText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 设置 → 乡镇汇总: register with the township, show the key fingerprint (text and QR), the reporting state. */
export function HubTab({ active }: { active: boolean }) {
  const t = useReportingT();
  const { errorText } = useI18n();
  const [status, setStatus] = useState<HubStatusView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [file, setFile] = useState<string | null>(null);
  const [form] = Form.useForm<RegisterValues>();

  const load = useCallback(() => {
    void call('hub.status', {}).then((r) => {
      if (!r.ok) return setError(r.error);
      setStatus(r.value);
      if (r.value.registration) form.setFieldsValue(r.value.registration);
    });
  }, [form]);

  useEffect(() => {
    if (active) load();
  }, [active, load]);

  const register = async (v: RegisterValues) => {
    const r = await call('hub.register', v);
    if (!r.ok) return setError(r.error);
    setError(null);
    setFile(r.value.file);
    load();
  };

  const reg = status?.registration ?? null;
  return (
    <Space direction="vertical" size="large" style={{ maxWidth: 720 }} data-testid="hub-tab">
      <Typography.Paragraph>{t('hub.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={errorText(error)} />}
      <Form form={form} name="hub-register" layout="vertical" onFinish={(v) => void register(v)}>
        <Form.Item name="villageCode" label={t('hub.villageCode')} extra={t('hub.villageCodeHelp')} rules={[{ required: true, pattern: /^\d{12}$/ }]}>
          <Input maxLength={12} style={{ width: 220 }} data-testid="hub-village-code" />
        </Form.Item>
        <Form.Item name="villageName" label={t('hub.villageName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={40} style={{ width: 300 }} />
        </Form.Item>
        <Form.Item name="townshipName" label={t('hub.townshipName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={40} style={{ width: 300 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="hub-register">
            {t('hub.register')}
          </Button>
          {file && reg && <Button onClick={() => saveText(file, `registration-${reg.villageCode}.json`)}>{t('hub.download')}</Button>}
        </Space>
      </Form>
      {reg ? (
        <Space align="start" size="large">
          <QrSvg modules={qrModules(`${reg.villageCode} ${reg.fingerprint}`)} size="140px" title={reg.fingerprint} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('hub.registered', { village: reg.villageName, code: reg.villageCode, township: reg.townshipName })}>
              {reg.registeredAt.slice(0, 10)}
            </Descriptions.Item>
            <Descriptions.Item label={t('hub.fingerprint')}>
              <Typography.Text code copyable data-testid="hub-fingerprint">
                {reg.fingerprint}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('hub.lastReported')}>{status?.lastReportedDay ?? t('hub.none')}</Descriptions.Item>
            <Descriptions.Item label={t('hub.waiting')}>{status?.waiting ?? 0}</Descriptions.Item>
          </Descriptions>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('hub.notRegistered')}</Typography.Text>
      )}
      {reg && <Typography.Text type="secondary">{t('hub.fingerprintHelp')}</Typography.Text>}
      {status?.push?.lastError && <Alert type="warning" showIcon title={t('hub.pushError', { error: status.push.lastError })} />}
      {reg && (
        <Space.Compact style={{ width: 520 }}>
          <Input
            defaultValue={status?.address ?? ''}
            placeholder={t('hub.address')}
            aria-label={t('hub.address')}
            id="hub-address"
            onPressEnter={(e) =>
              void call('hub.setAddress', { address: e.currentTarget.value || null }).then((r) => (r.ok ? setStatus(r.value) : setError(r.error)))
            }
          />
          <Button
            onClick={() => {
              const el = document.getElementById('hub-address') as HTMLInputElement | null;
              void call('hub.setAddress', { address: el?.value || null }).then((r) => (r.ok ? setStatus(r.value) : setError(r.error)));
            }}
          >
            {t('hub.saveAddress')}
          </Button>
        </Space.Compact>
      )}
    </Space>
  );
}
