import { IdcardOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import type { ReaderStatusView } from '../../../db/contract/index.js';
import { useHardwareT } from '../i18n/hardware.js';
import { useI18n } from '../i18n/index.js';
import { subscribeReader } from './readerPoll.js';

/** The header's reader state: 未连接 / 请放卡 / 已读卡; nothing for a keyboard reader. */
export function ReaderChip({ active }: { active: boolean }) {
  const t = useHardwareT();
  const { errorText } = useI18n();
  const [status, setStatus] = useState<ReaderStatusView | null>(null);
  useEffect(() => (active ? subscribeReader(setStatus) : undefined), [active]);
  if (!status || status.state === 'keyboard') return null;
  const look = {
    disconnected: { color: 'error', text: t('reader.disconnected') },
    waiting: { color: 'processing', text: t('reader.waiting') },
    read: { color: 'success', text: t('reader.read') },
  }[status.state];
  return (
    <Tooltip title={status.error ? errorText(status.error) : null}>
      <Tag icon={<IdcardOutlined />} color={look.color} style={{ fontSize: 15, padding: '4px 10px', marginInlineEnd: 0 }} data-testid="reader-chip">
        {look.text}
      </Tag>
    </Tooltip>
  );
}
