import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { OperatorAdminView, Role } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useTrustT } from '../../i18n/trust.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../session/SessionContext.js';
import { DialogError, useDialogSubmit } from '../../components/dialog/useDialogSubmit.js';

const ROLE_COLOR: Record<Role, string> = { admin: 'red', accountant: 'blue', keeper: 'green' };

/** A PIN typed twice, checked on the spot (the core checks the format again). */
function PinFields() {
  const t = useTrustT();
  return (
    <>
      <Form.Item name="pin" label={t('ops.pin')} rules={[{ required: true, pattern: /^\d{4,8}$/, message: t('ops.pinFormat') }]}>
        <Input.Password inputMode="numeric" maxLength={8} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="pin2"
        label={t('ops.pin2')}
        dependencies={['pin']}
        rules={[
          { required: true, message: t('ops.pinFormat') },
          ({ getFieldValue }) => ({
            validator: (_r, v) => (v === getFieldValue('pin') ? Promise.resolve() : Promise.reject(new Error(t('ops.pinMismatch')))),
          }),
        ]}
      >
        <Input.Password inputMode="numeric" maxLength={8} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

/** Add operators, reset a forgotten PIN, deactivate (never delete). */
export function OperatorsTab({ active }: { active: boolean }) {
  const t = useTrustT();
  const { t: tt, errorText, lang } = useI18n();
  const { session, settings } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<OperatorAdminView[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<OperatorAdminView | null>(null);
  const [addForm] = Form.useForm<{ name: string; role: Role; pin: string }>();
  const [pinForm] = Form.useForm<{ pin: string }>();
  // Each dialog's own refusal, shown inside it; the dialog keeps what was typed.
  const adder = useDialogSubmit();
  const resetter = useDialogSubmit();

  const load = useCallback(async () => {
    const r = await call('operators.list', {});
    if (r.ok) {
      setRows(r.value);
      setError(null);
    } else setError(r.error);
  }, []);
  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const create = async (v: { name: string; role: Role; pin: string }) => {
    await adder.submit(
      () => call('operators.create', { name: v.name.trim(), role: v.role, pin: v.pin }),
      (o) => {
        setAdding(false);
        addForm.resetFields();
        void message.success(t('ops.created', { name: o.name }));
        void load();
      },
    );
  };

  const resetPin = async (v: { pin: string }) => {
    if (!resetting) return;
    const operatorId = resetting.id;
    await resetter.submit(
      () => call('operators.resetPin', { operatorId, pin: v.pin }),
      (o) => {
        setResetting(null);
        pinForm.resetFields();
        void message.success(t('ops.pinReset', { name: o.name }));
        void load();
      },
    );
  };

  const unlock = async (o: OperatorAdminView) => {
    const r = await call('operators.unlock', { operatorId: o.id });
    if (!r.ok) return setError(r.error);
    void message.success(t('ops.unlocked', { name: o.name }));
    void load();
  };

  const setActive = async (o: OperatorAdminView, active: boolean) => {
    const r = await call('operators.setActive', { operatorId: o.id, active });
    if (!r.ok) return setError(r.error);
    void message.success(t('ops.changed', { name: o.name }));
    void load();
  };

  return (
    <div data-testid="operators-tab">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12, gap: 16 }}>
        <Typography.Text type="secondary">{t('ops.explain')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="operator-add">
          {t('ops.add')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon closable title={errorText(error)} onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
      <Table<OperatorAdminView>
        rowKey="id"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={false}
        rowClassName={(o) => (o.active ? '' : 'inactive-row')}
        columns={[
          {
            key: 'name',
            title: t('ops.name'),
            render: (_, o) => (
              <b style={{ color: o.active ? undefined : '#8c8c8c' }}>
                {o.name} {o.id === session.operator.id && <Typography.Text type="secondary">{t('ops.self')}</Typography.Text>}
              </b>
            ),
          },
          { key: 'role', title: t('ops.role'), render: (_, o) => <Tag color={ROLE_COLOR[o.role]}>{tt(`role.${o.role}`)}</Tag> },
          {
            key: 'status',
            title: t('ops.status'),
            render: (_, o) =>
              !o.active ? (
                <Tag>{t('ops.inactive')}</Tag>
              ) : o.lockedUntil ? (
                <Tag color="orange">{t('ops.lockedUntil', { time: formatDateTime(o.lockedUntil, settings.timeZone, lang).slice(-8, -3) })}</Tag>
              ) : (
                <Tag color="green">{t('ops.active')}</Tag>
              ),
          },
          {
            key: 'last',
            title: t('ops.lastLogin'),
            render: (_, o) => (o.lastLoginAt ? formatDateTime(o.lastLoginAt, settings.timeZone, lang) : t('ops.never')),
          },
          {
            key: 'actions',
            title: t('ops.actions'),
            render: (_, o) => (
              <Space>
                {o.active && o.lockedUntil && (
                  <Button size="middle" onClick={() => void unlock(o)} data-testid="operator-unlock">
                    {t('ops.unlock')}
                  </Button>
                )}
                {o.active && (
                  <Button size="middle" onClick={() => setResetting(o)} data-testid="operator-reset">
                    {t('ops.resetPin')}
                  </Button>
                )}
                {o.active ? (
                  o.id !== session.operator.id && (
                    <Popconfirm
                      title={t('ops.deactivateConfirm', { name: o.name })}
                      onConfirm={() => void setActive(o, false)}
                      okButtonProps={{ danger: true }}
                    >
                      <Button size="middle" danger data-testid="operator-deactivate">
                        {t('ops.deactivate')}
                      </Button>
                    </Popconfirm>
                  )
                ) : (
                  <Button size="middle" onClick={() => void setActive(o, true)}>
                    {t('ops.activate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('ops.add')}
        onCancel={() => {
          adder.setError(null);
          setAdding(false);
        }}
        onOk={() => addForm.submit()}
        confirmLoading={adder.busy}
        okButtonProps={{ 'data-testid': 'operator-add-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form
          form={addForm}
          name="operator-add"
          layout="vertical"
          initialValues={{ role: 'keeper' }}
          onFinish={(v) => void create(v)}
          data-testid="operator-form"
        >
          <Form.Item name="name" label={t('ops.name')} rules={[{ required: true, whitespace: true, message: t('general.required') }]}>
            <Input maxLength={20} autoFocus data-testid="operator-name" />
          </Form.Item>
          <Form.Item name="role" label={t('ops.role')}>
            <Select options={(['keeper', 'accountant', 'admin'] as const).map((r) => ({ value: r, label: tt(`role.${r}`) }))} />
          </Form.Item>
          <PinFields />
        </Form>
        <DialogError error={adder.error} testId="operator-add-error" />
      </Modal>
      <Modal
        open={resetting !== null}
        title={resetting ? t('ops.resetTitle', { name: resetting.name }) : ''}
        onCancel={() => {
          resetter.setError(null);
          setResetting(null);
        }}
        onOk={() => pinForm.submit()}
        confirmLoading={resetter.busy}
        destroyOnHidden
      >
        <Form form={pinForm} name="operator-pin" layout="vertical" onFinish={(v) => void resetPin(v)}>
          <PinFields />
        </Form>
        <DialogError error={resetter.error} testId="operator-reset-error" />
      </Modal>
    </div>
  );
}
