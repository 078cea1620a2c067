import { PictureOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { EntryPhotoView, EntryView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { photoSizeText } from '../../../../db/contract/photos.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useOfficeT } from '../../i18n/office.js';

/** The reviewer's look at a claim's evidence photo: fetched when asked, shown whole. */
export function EntryPhotoButton({ entry }: { entry: EntryView }) {
  const ot = useOfficeT();
  const { errorText } = useI18n();
  const [photo, setPhoto] = useState<EntryPhotoView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [open, setOpen] = useState(false);
  if (!entry.photo) return null;

  const show = async () => {
    setOpen(true);
    if (photo) return;
    const r = await call('points.entryPhoto', { entryId: entry.id });
    if (r.ok) setPhoto(r.value);
    else setError(r.error);
  };

  return (
    <>
      <Button size="small" icon={<PictureOutlined />} onClick={() => void show()} data-testid="entry-photo-open">
        {ot('review.photo')}
      </Button>
      {open && (
        <Modal
          open
          footer={null}
          width={720}
          title={ot('review.photoTitle', { entry: `${entry.householdNumber} ${entry.headName} · ${entry.ruleTitle}` })}
          onCancel={() => setOpen(false)}
        >
          {error && <Alert type="error" showIcon title={errorText(error)} />}
          {photo && (
            <>
              <img
                src={`data:${photo.mime};base64,${photo.base64}`}
                alt={photo.fileName ?? ''}
                style={{ maxWidth: '100%', maxHeight: '60vh', display: 'block', margin: '0 auto' }}
                data-testid="entry-photo"
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {photo.fileName ?? ''} · {photoSizeText(photo.size)} · SHA-256 {photo.sha256.slice(0, 16)}…
              </Typography.Paragraph>
            </>
          )}
        </Modal>
      )}
    </>
  );
}
