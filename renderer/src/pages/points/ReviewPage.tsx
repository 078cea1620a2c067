import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { EntryView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { callAll } from '../../api/callAll.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import { DialogError } from '../../components/dialog/useDialogSubmit.js';
import { EntryPhotoButton } from '../../components/photos/EntryPhotoButton.js';
import { useSession } from '../../session/SessionContext.js';
import type { PageProps } from '../PageProps.js';
import { ErrorLine, PageFrame, PointsTag } from './ui.js';

/** 积分审核: a second person approves or rejects (with a reason) what others recorded. */
export function ReviewPage({ active }: PageProps) {
  const t = usePointsT();
  const { message } = App.useApp();
  const { operator } = useSession().session;
  const me = operator.name;
  const [rows, setRows] = useState<EntryView[] | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');

  const load = useCallback(async () => {
    // Every pending entry, page by page: a cut list would hide entries from review.
    const r = await callAll('points.entries', { status: ['pending'] }, 2000);
    if (!r.ok) return setError(r.error);
    setError(null);
    setRows(r.value.rows);
    setSelected((s) => s.filter((id) => r.value.rows.some((e) => e.id === id)));
  }, []);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const review = async (decision: 'approved' | 'rejected') => {
    const r = await call('points.review', { entryIds: selected, decision, reason: decision === 'rejected' ? reason.trim() : null });
    if (!r.ok) return setError(r.error);
    void message.success(
      decision === 'approved'
        ? t(operator.role === 'admin' ? 'review.approvedMsg' : 'review.approvedMsgAccountant', { n: r.value.approved })
        : t('review.rejectedMsg', { n: r.value.rejected }),
    );
    setSelected([]);
    setRejecting(false);
    setReason('');
    void load();
  };

  return (
    <PageFrame
      title={t('review.title')}
      testId="review-page"
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
          <Button danger icon={<CloseOutlined />} disabled={selected.length === 0} onClick={() => setRejecting(true)} data-testid="review-reject">
            {t('review.reject', { n: selected.length })}
          </Button>
          <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} onClick={() => void review('approved')} data-testid="review-approve">
            {t('review.approve', { n: selected.length })}
          </Button>
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('review.explain')}</Typography.Paragraph>
      <ErrorLine error={error} />
      <Table
        rowKey="id"
        data-testid="review-table"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        locale={{ emptyText: t('review.empty') }}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
          // Your own entries cannot be ticked: someone else must review them.
          getCheckboxProps: (e) => ({ disabled: e.recordedByName === me }),
        }}
        columns={[
          { key: 'hh', title: t('households.number'), render: (_, e) => `${e.householdNumber} ${e.headName}` },
          { key: 'group', title: t('households.group'), dataIndex: 'groupName', width: 90 },
          {
            key: 'rule',
            title: t('rules.item'),
            render: (_, e) => (
              <>
                【{e.ruleCode}】{e.ruleTitle}
              </>
            ),
          },
          { key: 'pts', title: t('rules.points'), width: 90, render: (_, e) => <PointsTag direction={e.direction} points={e.points} /> },
          { key: 'date', title: t('record.date'), dataIndex: 'eventDate', width: 110 },
          {
            key: 'ev',
            title: t('record.evidence'),
            render: (_, e) => (
              <>
                {e.evidence} <EntryPhotoButton entry={e} />
              </>
            ),
          },
          {
            key: 'by',
            title: t('review.recordedBy'),
            width: 140,
            render: (_, e) => (
              <>
                {e.recordedByName} {e.recordedByName === me && <Tag color="orange">{t('review.mine')}</Tag>}
                {e.replacesId && <Tag color="purple">{t('review.replacement')}</Tag>}
              </>
            ),
          },
        ]}
      />
      <Modal
        open={rejecting}
        title={t('review.rejectTitle', { n: selected.length })}
        okText={t('review.rejectConfirm')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(false)}
        onOk={() => void review('rejected')}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          value={reason}
          placeholder={t('review.reasonPlaceholder')}
          aria-label={t('review.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
        />
        {rejecting && <DialogError error={error} testId="reject-error" />}
      </Modal>
    </PageFrame>
  );
}
