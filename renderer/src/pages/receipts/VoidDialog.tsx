import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { OperatorView, ReceiptView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { newRequestId } from '../../lib/requestId.js';

interface Props {
  receipt: ReceiptView;
  onClose: () => void;
  onVoided: (receipt: ReceiptView) => void;
}

interface VoidForm {
  reason: string;
  approverId: number;
  approverPin: string;
}

/**
 * Voiding needs a reason and an administrator's PIN (the keeper may not undo their own
 * sale alone). Mounted fresh for each receipt, so the request id below is made once per
 * dialog: pressing 确认作废 twice, or retrying after a wrong PIN, cannot void twice.
 */
export function VoidDialog({ receipt, onClose, onVoided }: Props) {
  const { t, errorText } = useI18n();
  const [form] = Form.useForm<VoidForm>();
  const [requestId] = useState(newRequestId);
  const [admins, setAdmins] = useState<OperatorView[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void call('session.operators', {}).then((res) => {
      if (!live) return;
      if (!res.ok) return setError(res.error);
      const list = res.value.filter((o) => o.role === 'admin');
      setAdmins(list);
      if (list.length === 1 && list[0]) form.setFieldValue('approverId', list[0].id);
    });
    return () => {
      live = false;
    };
  }, [form]);

  const submit = async (v: VoidForm) => {
    setBusy(true);
    setError(null);
    const res = await call('redemption.void', {
      requestId,
      redemptionId: receipt.id,
      reason: v.reason.trim(),
      approverId: v.approverId,
      approverPin: v.approverPin,
    });
    setBusy(false);
    if (res.ok) return onVoided(res.value);
    setError(res.error);
    form.setFieldValue('approverPin', '');
  };

  return (
    <Modal
      open
      title={<span style={{ fontSize: 20 }}>{t('void.title', { no: receipt.receiptNo })}</span>}
      okText={t('void.confirm')}
      cancelText={t('void.cancel')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'void-confirm' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <p style={{ color: '#666' }}>{t('void.explain')}</p>
      {error && <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Form<VoidForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} requiredMark={false}>
        <Form.Item name="reason" label={t('void.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('void.reasonTooShort') }]}>
          <Input data-testid="void-reason" maxLength={100} placeholder={t('void.reasonPlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item name="approverId" label={t('void.approver')} rules={[{ required: true, message: t('void.noAdmin') }]}>
          <Select
            data-testid="void-approver"
            loading={admins === null}
            options={(admins ?? []).map((a) => ({ value: a.id, label: a.name }))}
            notFoundContent={t('void.noAdmin')}
          />
        </Form.Item>
        <Form.Item name="approverPin" label={t('void.pin')} rules={[{ required: true, pattern: /^\d{4,8}$/, message: t('setup.pinFormat') }]}>
          <Input.Password data-testid="void-pin" inputMode="numeric" maxLength={8} autoComplete="off" onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
