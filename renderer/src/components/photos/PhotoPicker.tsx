import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Image, Space, Typography } from 'antd';
import { useRef } from 'react';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { PHOTO_MAX_BYTES, photoSizeText, sniffPhoto, type PhotoMime } from '../../../../db/contract/photos.js';
import { useOfficeT } from '../../i18n/office.js';

export interface PickedPhoto {
  base64: string;
  fileName: string;
  mime: PhotoMime;
  size: number;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  // In slices: String.fromCharCode(...all) overflows the call stack on a large file.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * An evidence photo from a file (the keeper's PC has the villager's phone picture copied
 * over, or a scan). Checked here by the same rule as the core (type from the bytes, size),
 * so a wrong file is refused at once, in Chinese, without losing anything else typed.
 */
export function PhotoPicker({
  value,
  onChange,
  onError,
}: {
  value: PickedPhoto | null;
  onChange: (p: PickedPhoto | null) => void;
  onError: (e: ErrorBody | null) => void;
}) {
  const ot = useOfficeT();
  const input = useRef<HTMLInputElement>(null);

  const picked = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    if (file.size > PHOTO_MAX_BYTES) {
      return onError({ code: 'PHOTO_TOO_LARGE', message: '照片太大', params: { size: photoSizeText(file.size), max: photoSizeText(PHOTO_MAX_BYTES) } });
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const mime = sniffPhoto(bytes);
    if (!mime) return onError({ code: 'PHOTO_TYPE', message: '不是 JPEG 或 PNG 图片', params: { name: file.name } });
    onError(null);
    onChange({ base64: toBase64(bytes), fileName: file.name, mime, size: bytes.length });
  };

  return (
    <div data-testid="photo-picker">
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png"
        style={{ display: 'none' }}
        data-testid="photo-input"
        onChange={(e) => void picked(e.target.files?.[0])}
      />
      <Space align="start" wrap>
        {value ? (
          <>
            <Image width={96} src={`data:${value.mime};base64,${value.base64}`} alt={value.fileName} data-testid="photo-preview" />
            <Space direction="vertical" size={4}>
              <Typography.Text data-testid="photo-name">
                {value.fileName}（{photoSizeText(value.size)}）
              </Typography.Text>
              <Button size="small" icon={<DeleteOutlined />} onClick={() => onChange(null)} data-testid="photo-remove">
                {ot('claim.photoRemove')}
              </Button>
            </Space>
          </>
        ) : (
          <Button icon={<CameraOutlined />} onClick={() => input.current?.click()} data-testid="photo-pick">
            {ot('claim.photoPick')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
        {ot('claim.photoHelp', { max: photoSizeText(PHOTO_MAX_BYTES) })}
      </Typography.Paragraph>
    </div>
  );
}
