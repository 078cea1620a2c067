import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { DayStatusView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';

/** The accountant's signature: their own PIN, re-entered. The core reconciles again before it closes. */
export function SignDialog({ open, date, onClose, onDone }: { open: boolean; date: string; onClose: () => void; onDone: (s: DayStatusView) => void }) {
  const { t, errorText } = useI18n();
  const [form] = Form.useForm<{ pin: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  const submit = async ({ pin }: { pin: string }) => {
    setBusy(true);
    setError(null);
    const res = await call('dayClose.close', { date, pin });
    setBusy(false);
    form.setFieldValue('pin', '');
    if (res.ok) return onDone(res.value);
    setError(res.error);
  };

  return (
    <Modal
      open={open}
      title={<span style={{ fontSize: 20 }}>{t('dayClose.signTitle', { date })}</span>}
      okText={t('dayClose.signConfirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'close-confirm' }}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      maskClosable={false}
      destroyOnHidden
    >
      <p style={{ color: '#666' }}>{t('dayClose.signExplain')}</p>
      {error && <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Form<{ pin: string }> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} requiredMark={false}>
        <Form.Item name="pin" label={t('dayClose.yourPin')} rules={[{ required: true, pattern: /^\d{4,8}$/, message: t('setup.pinFormat') }]}>
          <Input.Password data-testid="close-pin" inputMode="numeric" maxLength={8} autoComplete="off" autoFocus onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
