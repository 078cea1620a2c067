import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { DayStatusView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';

/** An administrator reopens a closed day; the reason is kept in the record for good. */
export function ReopenDialog({ open, date, onClose, onDone }: { open: boolean; date: string; onClose: () => void; onDone: (s: DayStatusView) => void }) {
  const { t, errorText } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    const res = await call('dayClose.reopen', { date, reason: reason.trim() });
    setBusy(false);
    if (res.ok) return onDone(res.value);
    setError(res.error);
  };

  return (
    <Modal
      open={open}
      title={<span style={{ fontSize: 20 }}>{t('dayClose.reopenTitle', { date })}</span>}
      okText={t('dayClose.reopenConfirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'reopen-confirm' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <p style={{ color: '#666' }}>{t('dayClose.reopenExplain')}</p>
      {error && <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Form<{ reason: string }> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} requiredMark={false}>
        <Form.Item name="reason" label={t('dayClose.reason')} rules={[{ required: true, min: 2, whitespace: true, message: t('void.reasonTooShort') }]}>
          <Input.TextArea data-testid="reopen-reason" maxLength={200} rows={3} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
