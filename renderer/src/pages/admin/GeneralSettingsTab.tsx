import { Alert, App, Button, Form, Input, InputNumber, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useTrustT } from '../../i18n/trust.js';

interface Values {
  villageName: string;
  storeName: string;
  receiptFooter: string;
  idleLockSeconds: number;
  pointValueFen: number;
  exportsKeepDays: number;
}

/** Village and store names, receipt footer, idle lock, point value. */
export function GeneralSettingsTab({ active }: { active: boolean }) {
  const t = useTrustT();
  const { errorText } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const fen = Form.useWatch('pointValueFen', form);

  useEffect(() => {
    if (!active) return;
    void call('settings.get', {}).then((r) => {
      if (r.ok) form.setFieldsValue(r.value);
      else setError(r.error);
    });
  }, [active, form]);

  const save = async (v: Values) => {
    setSaving(true);
    const r = await call('settings.update', v);
    setSaving(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    form.setFieldsValue(r.value);
    void message.success(t('general.saved'));
  };

  const required = { required: true, whitespace: true, message: t('general.required') };
  return (
    <Form form={form} name="general-settings" layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => void save(v)} data-testid="general-settings">
      {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
      <Form.Item name="villageName" label={t('general.villageName')} rules={[required]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="storeName" label={t('general.storeName')} rules={[required]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="receiptFooter" label={t('general.receiptFooter')}>
        <Input maxLength={80} showCount />
      </Form.Item>
      <Form.Item
        name="idleLockSeconds"
        label={t('general.idleLock')}
        extra={t('general.idleLockHelp')}
        rules={[{ required: true, message: t('general.required') }]}
      >
        <InputNumber min={30} max={3600} precision={0} step={30} suffix={t('general.idleLockUnit')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="exportsKeepDays"
        label={t('general.exportsKeep')}
        extra={t('general.exportsKeepHelp')}
        rules={[{ required: true, message: t('general.required') }]}
      >
        <InputNumber min={1} max={3650} precision={0} suffix={t('general.exportsKeepUnit')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="pointValueFen"
        label={t('general.pointValue')}
        extra={t('general.pointValueHelp', { yuan: typeof fen === 'number' ? (fen / 100).toFixed(2) : '-' })}
        rules={[{ required: true, message: t('general.required') }]}
      >
        <InputNumber min={1} max={100000} precision={0} suffix={t('general.pointValueUnit')} style={{ width: 200 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="general-save">
          {t('general.save')}
        </Button>
      </Space>
    </Form>
  );
}
