import { App as AntApp, Button, Card, ConfigProvider, DatePicker, Flex, Form, Input, Layout, Segmented, Select, Space, Tag, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, type Me } from './api.js';
import { DailyChart } from './DailyChart.js';
import { ALERT_KINDS, t, type Lang } from './i18n.js';
import { ServerTable } from './ServerTable.js';
import { AdminPanel } from './AdminPanel.js';

function Login({ lang, onIn }: { lang: Lang; onIn: (m: Me) => void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Flex justify="center" style={{ paddingTop: 120 }}>
      <Card title={t(lang, 'title')} style={{ width: 360 }}>
        <Form
          layout="vertical"
          onFinish={(v: { name: string; password: string }) => {
            api.login(v.name, v.password).then(onIn, () => setError(t(lang, 'loginFailed')));
          }}
        >
          <Form.Item name="name" label={t(lang, 'name')} rules={[{ required: true }]}>
            <Input data-testid="login-name" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t(lang, 'password')} rules={[{ required: true }]}>
            <Input.Password data-testid="login-password" />
          </Form.Item>
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
          <Button type="primary" htmlType="submit" block data-testid="login-submit">
            {t(lang, 'login')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}

export function App() {
  const [lang, setLang] = useState<Lang>('zh');
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const range = useMemo(() => ({ from, to }), [from, to]);

  useEffect(() => {
    api.me().then(setMe, (e: unknown) => setMe(e instanceof ApiError && e.status === 401 ? null : null));
  }, []);

  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#8c1d18' }}>
            <Typography.Title level={4} style={{ color: '#fff', margin: 0, flex: 1 }}>
              {t(lang, 'title')}
            </Typography.Title>
            <Segmented
              size="small"
              value={lang}
              onChange={(v) => setLang(v as Lang)}
              options={[
                { label: '中文', value: 'zh' },
                { label: 'English', value: 'en' },
              ]}
            />
            {me && (
              <Space>
                <Tag data-testid="who">
                  {me.name} · {t(lang, `role_${me.role}`)}
                </Tag>
                <Button size="small" onClick={() => void api.logout().then(() => setMe(null))}>
                  {t(lang, 'logout')}
                </Button>
              </Space>
            )}
          </Layout.Header>
          <Layout.Content style={{ padding: 16 }}>
            {me === null && <Login lang={lang} onIn={setMe} />}
            {me && (
              <Flex vertical gap={16}>
                <Space>
                  {/* Labels tied to their fields (htmlFor/id), so a screen reader and a test find each by its name. */}
                  <label htmlFor="hub-range-from">{t(lang, 'from')}</label>
                  <DatePicker id="hub-range-from" data-testid="range-from" onChange={(d) => setFrom(d ? d.format('YYYY-MM-DD') : null)} />
                  <label htmlFor="hub-range-to">{t(lang, 'to')}</label>
                  <DatePicker id="hub-range-to" data-testid="range-to" onChange={(d) => setTo(d ? d.format('YYYY-MM-DD') : null)} />
                </Space>
                {/* Registering stores and importing files: administrators only (the server checks too). */}
                {me.role === 'administrator' && (
                  <div data-testid="admin-panel">
                    <Typography.Title level={5}>{t(lang, 'admin')}</Typography.Title>
                    <AdminPanel lang={lang} />
                  </div>
                )}
                <ServerTable name="villages" title={t(lang, 'villages')} lang={lang} range={range} />
                <ServerTable name="totals" title={t(lang, 'totals')} lang={lang} range={range} pageSize={50} />
                <DailyChart lang={lang} range={range} />
                <Flex gap={16} wrap>
                  <div style={{ flex: 1, minWidth: 420 }}>
                    <ServerTable name="rules" title={t(lang, 'rules')} lang={lang} range={range} />
                  </div>
                  <div style={{ flex: 1, minWidth: 420 }}>
                    <ServerTable name="honour" title={t(lang, 'honour')} lang={lang} range={range} />
                  </div>
                </Flex>
                <Space>
                  <label htmlFor="hub-alert-kind">{t(lang, 'alertKind')}</label>
                  <Select
                    id="hub-alert-kind"
                    style={{ width: 240 }}
                    value={kind ?? ''}
                    onChange={(v: string) => setKind(v === '' ? null : v)}
                    options={[{ value: '', label: t(lang, 'allKinds') }, ...Object.entries(ALERT_KINDS).map(([k, v]) => ({ value: k, label: v[lang] }))]}
                  />
                </Space>
                <ServerTable name="alerts" title={t(lang, 'alerts')} lang={lang} range={range} extra={{ kind }} />
                <ServerTable name="daily" title={t(lang, 'daily')} lang={lang} range={range} />
              </Flex>
            )}
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
