import { Alert, Button, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import type { RuleItemView } from '../../../../db/contract/views-points.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useOfficeT } from '../../i18n/office.js';
import { newRequestId } from '../../lib/requestId.js';
import { PhotoPicker, type PickedPhoto } from '../../components/photos/PhotoPicker.js';
import { formatPoints } from '../../lib/format.js';

interface Claimant {
  id: number;
  number: string;
  headName: string;
}

/**
 * 村民申报: the villager on screen claims points for a rule item marked self-claimable;
 * the keeper records it with the facts as the villager tells them. It goes to review like
 * any entry (the core records a keeper's entry as a claim and refuses other items).
 * An optional evidence photo (JPEG/PNG from a file) is stored with the claim and shown
 * to the reviewer. A refusal keeps the dialog with everything chosen and typed.
 */
export function ClaimDialog({ household, onClose }: { household: Claimant; onClose: (recorded: boolean) => void }) {
  const ot = useOfficeT();
  const { errorText } = useI18n();
  const [items, setItems] = useState<RuleItemView[] | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [itemId, setItemId] = useState<number | null>(null);
  const [points, setPoints] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<PickedPhoto | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  // One request id per dialog: a double click or a retry records once.
  const [requestId] = useState(newRequestId);

  useEffect(() => {
    void (async () => {
      const today = await call('dayClose.today', {});
      if (!today.ok) return setError(today.error);
      setDate(today.value.date);
      const book = await call('rules.inForce', { date: today.value.date });
      if (!book.ok) return setError(book.error);
      setItems((book.value?.items ?? []).filter((i) => i.selfClaim));
    })();
  }, []);

  const item = items?.find((i) => i.id === itemId) ?? null;
  const ranged = item !== null && item.minPoints !== item.maxPoints;

  const submit = async () => {
    if (!item || !date) return;
    setBusy(true);
    setError(null);
    const res = await call('points.record', {
      requestId,
      ruleItemId: item.id,
      eventDate: date,
      evidence: note.trim(),
      lines: [{ householdId: household.id, points: ranged ? points : null }],
      photo: photo ? { base64: photo.base64, fileName: photo.fileName } : null,
    });
    setBusy(false);
    // Refused: the dialog stays with what was typed.
    if (!res.ok) return setError(res.error);
    onClose(true);
  };

  return (
    <Modal
      open
      title={ot('claim.title', { number: household.number, name: household.headName })}
      onCancel={() => onClose(false)}
      footer={[
        <Button key="cancel" onClick={() => onClose(false)}>
          {ot('claim.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} disabled={!item || (ranged && points === null)} onClick={() => void submit()} data-testid="claim-ok">
          {ot('claim.submit')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{ot('claim.explain')}</Typography.Paragraph>
      {items !== null && items.length === 0 && <Alert type="info" showIcon title={ot('claim.none')} />}
      <label style={{ display: 'block', marginBottom: 12 }}>
        {ot('claim.item')}
        <Select
          style={{ width: '100%' }}
          data-testid="claim-item"
          value={itemId}
          onChange={(v) => {
            setItemId(v);
            setPoints(null);
          }}
          options={(items ?? []).map((i) => ({
            value: i.id,
            label: `【${i.code}】${i.title}（${i.minPoints === i.maxPoints ? formatPoints(i.minPoints) : `${formatPoints(i.minPoints)}–${formatPoints(i.maxPoints)}`}）`,
          }))}
        />
      </label>
      {item && ranged && (
        <label style={{ display: 'block', marginBottom: 12 }}>
          {ot('claim.points')}{' '}
          <InputNumber data-testid="claim-points" min={item.minPoints} max={item.maxPoints} precision={0} value={points} onChange={(v) => setPoints(v)} />{' '}
          {ot('limits.range', { min: item.minPoints, max: item.maxPoints })}
        </label>
      )}
      <label style={{ display: 'block' }}>
        {ot('claim.note')}
        <Input.TextArea
          data-testid="claim-note"
          rows={3}
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={ot('claim.notePlaceholder')}
        />
      </label>
      <div style={{ marginTop: 12 }}>
        {ot('claim.photo')}
        <PhotoPicker value={photo} onChange={setPhoto} onError={setError} />
      </div>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon role="alert" title={errorText(error)} data-testid="claim-error" />}
    </Modal>
  );
}
