import { ScanOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import type { RefObject } from 'react';
import { useI18n } from '../../i18n/index.js';
import { NARROW_SCREEN, useMediaQuery } from '../../lib/useMediaQuery.js';

interface Props {
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  busy: boolean;
}

/**
 * The counter's one input. Scanners, ID-card readers and people all type here and end
 * with Enter; the core decides what the text is (ID number, card QR, barcode, name).
 */
export function ScanBox({ inputRef, value, onChange, onSubmit, busy }: Props) {
  const { t } = useI18n();
  const narrow = useMediaQuery(NARROW_SCREEN);
  return (
    <Input
      ref={(r) => {
        inputRef.current = r?.input ?? null;
      }}
      data-testid="scan-input"
      size="large"
      value={value}
      prefix={<ScanOutlined style={{ fontSize: 22, color: '#999' }} />}
      placeholder={t(narrow ? 'scan.placeholderShort' : 'scan.placeholder')}
      aria-label={t('scan.placeholder')}
      onChange={(e) => onChange(e.target.value)}
      onPressEnter={(e) => {
        // A composing IME sends Enter to commit its text, not to search.
        if (e.nativeEvent.isComposing) return;
        onSubmit(value);
      }}
      autoComplete="off"
      spellCheck={false}
      allowClear
      style={{ height: 56, fontSize: 20, opacity: busy ? 0.85 : 1 }}
    />
  );
}
