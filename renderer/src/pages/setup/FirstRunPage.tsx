import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { SessionView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call, setSessionToken } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { LangToggle } from '../../shell/LangToggle.js';

interface AdminForm {
  name: string;
  pin: string;
  pin2: string;
  villageName?: string;
}

const PIN_RULE = /^\d{4,8}$/;

/**
 * First run on an empty data folder: create the first administrator, then offer the demo
 * village so a newcomer sees a working store at once.
 */
export function FirstRunPage({ onDone }: { onDone: (session: SessionView) => void }) {
  const { t, errorText } = useI18n();
  const [session, setSession] = useState<SessionView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const createAdmin = async (v: AdminForm) => {
    setBusy(true);
    setError(null);
    const village = v.villageName?.trim();
    const res = await call('setup.createAdmin', { name: v.name.trim(), pin: v.pin, ...(village ? { villageName: village } : {}) });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    // loadDemo is for administrators only, so the new admin's session is needed right away.
    setSessionToken(res.value.token);
    setSession(res.value);
  };

  const loadDemo = async (s: SessionView) => {
    setBusy(true);
    setError(null);
    const res = await call('setup.loadDemo', {});
    setBusy(false);
    if (!res.ok) return setError(res.error);
    onDone(s);
  };

  return (
    <div style={{ minHeight: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: 32 }}>
      <div style={{ alignSelf: 'stretch', display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('app.title')}
        </Typography.Title>
        <LangToggle />
      </div>
      <Card style={{ width: 560, marginTop: 32 }} title={<span style={{ fontSize: 22 }}>{session ? t('setup.demoTitle') : t('setup.title')}</span>}>
        {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" />}
        {session ? (
          <>
            <Typography.Paragraph style={{ fontSize: 17 }}>{t('setup.demoIntro')}</Typography.Paragraph>
            <Space size="large">
              <Button type="primary" size="large" loading={busy} onClick={() => void loadDemo(session)}>
                {t('setup.loadDemo')}
              </Button>
              <Button size="large" disabled={busy} onClick={() => onDone(session)}>
                {t('setup.startEmpty')}
              </Button>
            </Space>
          </>
        ) : (
          <>
            <Typography.Paragraph style={{ fontSize: 17 }}>{t('setup.intro')}</Typography.Paragraph>
            <Form<AdminForm> layout="vertical" onFinish={(v) => void createAdmin(v)} disabled={busy} requiredMark={false}>
              <Form.Item name="name" label={t('setup.name')} rules={[{ required: true, whitespace: true, message: t('setup.required') }]}>
                <Input maxLength={20} autoFocus />
              </Form.Item>
              <Form.Item name="pin" label={t('setup.pin')} rules={[{ pattern: PIN_RULE, required: true, message: t('setup.pinFormat') }]}>
                <Input.Password inputMode="numeric" maxLength={8} autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="pin2"
                label={t('setup.pin2')}
                dependencies={['pin']}
                rules={[
                  { required: true, message: t('setup.required') },
                  ({ getFieldValue }) => ({
                    validator: (_r, value: string | undefined) =>
                      !value || getFieldValue('pin') === value ? Promise.resolve() : Promise.reject(new Error(t('setup.pinMismatch'))),
                  }),
                ]}
              >
                <Input.Password inputMode="numeric" maxLength={8} autoComplete="new-password" />
              </Form.Item>
              <Form.Item name="villageName" label={t('setup.village')}>
                <Input maxLength={40} placeholder={t('setup.villagePlaceholder')} />
              </Form.Item>
              <Button type="primary" htmlType="submit" size="large" block loading={busy}>
                {t('setup.create')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
