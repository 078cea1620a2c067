import { Alert, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useState } from 'react';
import type { RuleBookView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import { useSession } from '../../session/SessionContext.js';
import { todayIn } from './ui.js';
import { DateInput } from '../../components/DateInput.js';
import { DialogError } from '../../components/dialog/useDialogSubmit.js';

/** Records the meeting that voted a draft; after this the version can never change. */
export function AdoptDialog({ book, onClose, onAdopted }: { book: RuleBookView; onClose: () => void; onAdopted: (b: RuleBookView) => void }) {
  const t = usePointsT();
  const { settings } = useSession();
  const today = todayIn(settings.timeZone);
  const [f, setF] = useState({
    title: book.title,
    meetingDate: today,
    effectiveFrom: today,
    meetingBody: '村民代表大会',
    resolution: '',
    votesFor: null as number | null,
    votesAgainst: null as number | null,
    votesAbstain: null as number | null,
  });
  const [error, setError] = useState<ErrorBody | null>(null);

  const adopt = async () => {
    const r = await call('rules.adopt', { bookId: book.id, ...f, title: f.title.trim(), resolution: f.resolution.trim(), meetingBody: f.meetingBody.trim() });
    if (r.ok) onAdopted(r.value);
    else setError(r.error);
  };

  return (
    <Modal
      open
      width={640}
      title={t('rules.adoptTitle', { version: book.version })}
      okText={t('rules.adoptConfirm')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => void adopt()}
      okButtonProps={{ disabled: !f.resolution.trim() || !f.meetingBody.trim(), 'data-testid': 'adopt-ok' }}
    >
      <Alert type="warning" showIcon title={t('rules.adoptWarning')} style={{ marginBottom: 12 }} />
      <Form layout="vertical">
        <Form.Item htmlFor="adopt-title-input" label={t('rules.bookTitle')}>
          <Input id="adopt-title-input" value={f.title} maxLength={60} onChange={(e) => setF({ ...f, title: e.target.value })} />
        </Form.Item>
        <Space wrap>
          <Form.Item htmlFor="adopt-meeting-date-input" label={t('rules.meetingDate')} required>
            <DateInput
              id="adopt-meeting-date-input"
              value={f.meetingDate}
              onChange={(e) => setF({ ...f, meetingDate: e.target.value })}
              data-testid="adopt-meeting-date"
            />
          </Form.Item>
          <Form.Item htmlFor="adopt-meeting-body-input" label={t('rules.meetingBody')} required>
            <Input id="adopt-meeting-body-input" value={f.meetingBody} maxLength={40} onChange={(e) => setF({ ...f, meetingBody: e.target.value })} />
          </Form.Item>
          <Form.Item htmlFor="adopt-effective-input" label={t('rules.effectiveFromLabel')} required>
            <DateInput
              id="adopt-effective-input"
              value={f.effectiveFrom}
              onChange={(e) => setF({ ...f, effectiveFrom: e.target.value })}
              data-testid="adopt-effective"
            />
          </Form.Item>
        </Space>
        <Form.Item htmlFor="adopt-resolution-input" label={t('rules.resolution')} required>
          <Input.TextArea
            id="adopt-resolution-input"
            rows={3}
            maxLength={500}
            value={f.resolution}
            placeholder={t('rules.resolutionPlaceholder')}
            onChange={(e) => setF({ ...f, resolution: e.target.value })}
            data-testid="adopt-resolution"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item htmlFor="adopt-votes-for-input" label={t('rules.votesFor')}>
            <InputNumber
              id="adopt-votes-for-input"
              min={0}
              precision={0}
              value={f.votesFor}
              onChange={(v) => setF({ ...f, votesFor: v })}
              data-testid="adopt-votes-for"
            />
          </Form.Item>
          <Form.Item htmlFor="adopt-votes-against-input" label={t('rules.votesAgainst')}>
            <InputNumber id="adopt-votes-against-input" min={0} precision={0} value={f.votesAgainst} onChange={(v) => setF({ ...f, votesAgainst: v })} />
          </Form.Item>
          <Form.Item htmlFor="adopt-votes-abstain-input" label={t('rules.votesAbstain')}>
            <InputNumber id="adopt-votes-abstain-input" min={0} precision={0} value={f.votesAbstain} onChange={(v) => setF({ ...f, votesAbstain: v })} />
          </Form.Item>
        </Space>
      </Form>
      <DialogError error={error} testId="dialog-error" />
    </Modal>
  );
}
