import { NotificationOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { NoticeSummary } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { callAll } from '../../api/callAll.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import { newRequestId } from '../../lib/requestId.js';
import { useSession } from '../../session/SessionContext.js';
import type { PageProps } from '../PageProps.js';
import { NoticeDrawer } from './NoticeDrawer.js';
import { ErrorLine, NoticeStateTag, PageFrame } from './ui.js';
import { DialogError } from '../../components/dialog/useDialogSubmit.js';
import { formatPoints } from '../../lib/format.js';

/** 公示: gather approved entries into a notice, follow objections, and post when it ends. */
export function NoticesPage({ active }: PageProps) {
  const t = usePointsT();
  const { message } = App.useApp();
  const isAdmin = useSession().session.operator.role === 'admin';
  const [notices, setNotices] = useState<NoticeSummary[] | null>(null);
  const [waiting, setWaiting] = useState(0);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState({ title: '', days: 7, hide: true });
  const [requestId, setRequestId] = useState(newRequestId);

  const load = useCallback(async () => {
    // The count of approved entries comes from the core's total (one row asked for), not from a capped list.
    const [list, approved, settings] = await Promise.all([
      callAll('notices.list', {}, 500),
      call('points.entries', { status: ['approved'], limit: 1 }),
      call('points.settings', {}),
    ]);
    if (!list.ok) return setError(list.error);
    setError(null);
    setNotices(list.value.rows);
    if (approved.ok) setWaiting(approved.value.total);
    if (settings.ok) setForm((f) => ({ ...f, days: settings.value.noticeDays, hide: settings.value.hideDeductionNames }));
  }, []);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const create = async () => {
    const r = await call('notices.create', { requestId, title: form.title.trim() || undefined, periodDays: form.days, hideDeductionNames: form.hide });
    if (!r.ok) return setError(r.error);
    setCreating(false);
    setRequestId(newRequestId());
    void message.success(t('notice.created', { end: r.value.periodEnd }));
    await load();
    setOpen(r.value.id);
  };

  return (
    <PageFrame
      title={t('notice.title')}
      testId="notices-page"
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
          {isAdmin && (
            <Button type="primary" icon={<NotificationOutlined />} disabled={waiting === 0} onClick={() => setCreating(true)} data-testid="notice-create-open">
              {t('notice.create', { n: waiting })}
            </Button>
          )}
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('notice.explain')}</Typography.Paragraph>
      <ErrorLine error={error} />
      <Table
        rowKey="id"
        data-testid="notices-table"
        loading={notices === null && !error}
        dataSource={notices ?? []}
        locale={{ emptyText: t('notice.empty') }}
        onRow={(n) => ({ onClick: () => setOpen(n.id), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'title', title: t('notice.name'), dataIndex: 'title', render: (v: string) => <b>{v}</b> },
          { key: 'period', title: t('notice.period'), render: (_, n) => `${n.periodStart} ~ ${n.periodEnd}` },
          { key: 'state', title: t('notice.stateCol'), render: (_, n) => <NoticeStateTag state={n.state} t={t} /> },
          { key: 'n', title: t('notice.entries'), dataIndex: 'entries', align: 'right' },
          { key: 'plus', title: t('notice.awards'), dataIndex: 'awardPoints', align: 'right', render: (v: number) => formatPoints(v) },
          { key: 'minus', title: t('notice.deductions'), dataIndex: 'deductionPoints', align: 'right', render: (v: number) => formatPoints(v) },
          { key: 'ob', title: t('notice.openObjections'), render: (_, n) => (n.openObjections ? <Tag color="red">{n.openObjections}</Tag> : '—') },
        ]}
      />
      {creating && (
        <Modal
          open
          title={t('notice.createTitle', { n: waiting })}
          okText={t('notice.publish')}
          cancelText={t('common.cancel')}
          onCancel={() => setCreating(false)}
          onOk={() => void create()}
          okButtonProps={{ 'data-testid': 'notice-create-ok' }}
        >
          <Form layout="vertical">
            <Form.Item htmlFor="notice-name-input" label={t('notice.name')} help={t('notice.nameHelp')}>
              <Input id="notice-name-input" value={form.title} maxLength={60} onChange={(e) => setForm({ ...form, title: e.target.value })} />
            </Form.Item>
            <Form.Item htmlFor="notice-days-input" label={t('notice.days')}>
              <InputNumber
                id="notice-days-input"
                min={1}
                max={60}
                precision={0}
                value={form.days}
                onChange={(v) => setForm({ ...form, days: v ?? 7 })}
                data-testid="notice-days"
              />
            </Form.Item>
            <Checkbox checked={form.hide} onChange={(e) => setForm({ ...form, hide: e.target.checked })}>
              {t('notice.hideNames')}
            </Checkbox>
          </Form>
          {/* A refusal (a closed day…) shows here, in the dialog that stays open. */}
          <DialogError error={error} testId="notice-create-error" />
        </Modal>
      )}
      {open !== null && <NoticeDrawer noticeId={open} onClose={() => setOpen(null)} onChanged={() => void load()} />}
    </PageFrame>
  );
}
