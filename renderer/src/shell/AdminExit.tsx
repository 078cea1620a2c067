import { PoweroffOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../api/client.js';
import { useI18n } from '../i18n/index.js';

/**
 * The administrator's exit from the desktop app (host.exit): in kiosk mode the window
 * cannot be closed from the keyboard, so this is the way out, with the PIN typed again.
 * Shown only in the desktop app (the browser host has no window.pointsStore) and only to
 * an administrator; the core checks both again.
 */
export function AdminExit() {
  const { t, errorText } = useI18n();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [going, setGoing] = useState(false);
  if (!window.pointsStore) return null;

  const submit = async () => {
    setError(null);
    const r = await call('host.exit', { pin });
    setPin('');
    if (r.ok) setGoing(true);
    else setError(errorText(r.error));
  };

  return (
    <>
      <Tooltip title={t('shell.exitApp')}>
        <Button type="text" icon={<PoweroffOutlined />} onClick={() => setOpen(true)} aria-label={t('shell.exitApp')} data-testid="admin-exit" />
      </Tooltip>
      <Modal
        open={open}
        title={t('shell.exitAppTitle')}
        okText={t('shell.exitApp')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, disabled: !/^\d{4,8}$/.test(pin) || going }}
        onOk={() => void submit()}
        onCancel={() => {
          setOpen(false);
          setPin('');
          setError(null);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('shell.exitAppHint')}</Typography.Paragraph>
        <Input.Password
          autoFocus
          inputMode="numeric"
          maxLength={8}
          placeholder={t('shell.exitAppPin')}
          aria-label={t('shell.exitAppPin')}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          onPressEnter={() => void submit()}
        />
        {error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} />}
        {going && <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('shell.exitAppGoing')} />}
      </Modal>
    </>
  );
}
