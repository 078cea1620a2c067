import { CheckSquareOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { EntryStatus, EntryView, NoticeView, ObjectionView } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useOfficeT } from '../../i18n/office.js';
import { usePointsT } from '../../i18n/points.js';
import { useSession } from '../../session/SessionContext.js';
import { EntryPhotoButton } from '../../components/photos/EntryPhotoButton.js';
import { NoticeDoc, PaperDialog } from './docs.js';
import { ErrorLine, NoticeStateTag, PointsTag } from './ui.js';

const ENTRY_COLORS: Record<EntryStatus, string> = {
  pending: 'gold',
  approved: 'cyan',
  rejected: 'default',
  published: 'blue',
  cancelled: 'default',
  posted: 'green',
};

/** One notice: its entries by group, objections and their resolution, print and posting. */
export function NoticeDrawer({ noticeId, onClose, onChanged }: { noticeId: number; onClose: () => void; onChanged: () => void }) {
  const t = usePointsT();
  const { errorText } = useI18n();
  const { message } = App.useApp();
  const role = useSession().session.operator.role;
  const [n, setN] = useState<NoticeView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [objecting, setObjecting] = useState<EntryView | null>(null);
  const [objection, setObjection] = useState({ raisedBy: '', content: '' });
  const [resolving, setResolving] = useState<ObjectionView | null>(null);
  const [resolution, setResolution] = useState({ outcome: 'dismissed' as 'upheld' | 'dismissed', reason: '', change: false, points: 0, evidence: '' });
  const [printing, setPrinting] = useState(false);
  /** A refusal from the core while a dialog is open: shown in the dialog, which stays open. */
  const [dialogError, setDialogError] = useState<ErrorBody | null>(null);
  const o = useOfficeT();

  const load = useCallback(async () => {
    const r = await call('notices.get', { noticeId });
    if (r.ok) setN(r.value);
    else setError(r.error);
  }, [noticeId]);

  useEffect(() => {
    void load();
  }, [load]);

  const after = async (r: { ok: boolean; error?: ErrorBody }, done: string) => {
    if (!r.ok) return setError(r.error ?? null);
    setError(null);
    void message.success(done);
    await load();
    onChanged();
  };

  const recordObjection = async () => {
    if (!objecting) return;
    const r = await call('notices.object', { entryId: objecting.id, raisedBy: objection.raisedBy.trim(), content: objection.content.trim() });
    // A refusal keeps the dialog open with what was typed; the reason shows inside it.
    if (!r.ok) return setDialogError(r.error);
    setDialogError(null);
    setObjecting(null);
    setObjection({ raisedBy: '', content: '' });
    await after(r, t('notice.objectionRecorded'));
  };

  const resolve = async () => {
    if (!resolving) return;
    const r = await call('notices.resolve', {
      objectionId: resolving.id,
      outcome: resolution.outcome,
      reason: resolution.reason.trim(),
      replacement:
        resolution.outcome === 'upheld' && resolution.change
          ? { points: resolution.points, evidence: resolution.evidence.trim() || resolution.reason.trim() }
          : null,
    });
    // A refusal (e.g. a new value outside the rule's range) keeps the dialog, the reason and
    // the evidence as typed, and says why inside the dialog.
    if (!r.ok) return setDialogError(r.error);
    setDialogError(null);
    setResolving(null);
    await after(r, t('notice.resolved'));
  };

  const post = async () => {
    const r = await call('notices.post', { noticeId });
    if (!r.ok) return setError(r.error);
    setN(r.value);
    onChanged();
    void message.success(r.value.postedNow ? t('notice.postedMsg', { n: r.value.posting?.entries ?? 0 }) : t('notice.alreadyPosted'));
  };

  const entries = n?.groups.flatMap((g) => g.entries) ?? [];
  const resolvingEntry = resolving ? entries.find((x) => x.id === resolving.entryId) : undefined;
  const entryLabel = (id: number) => {
    const e = entries.find((x) => x.id === id);
    return e ? `${e.householdNumber} ${e.headName} · ${e.ruleTitle}` : `#${id}`;
  };
  const canPost = n?.state === 'ended' && n.openObjections === 0 && role !== 'keeper';

  return (
    <Drawer open width={1040} onClose={onClose} title={n?.title} data-testid="notice-drawer">
      <ErrorLine error={error} />
      {n && (
        <>
          <Descriptions size="small" column={4} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('notice.period')}>
              {n.periodStart} ~ {n.periodEnd}
            </Descriptions.Item>
            <Descriptions.Item label={t('notice.stateCol')}>
              <span data-testid="notice-state">
                <NoticeStateTag state={n.state} t={t} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('notice.entries')}>{n.entries}</Descriptions.Item>
            <Descriptions.Item label={t('notice.openObjections')}>{n.openObjections}</Descriptions.Item>
          </Descriptions>
          {n.posting && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="notice-posted"
              title={t('notice.postingDone', {
                who: n.posting.postedByName,
                date: n.posting.businessDate,
                entries: n.posting.entries,
                awarded: n.posting.pointsAwarded,
                deducted: n.posting.pointsDeducted,
              })}
              description={n.posting.pointsUndeducted > 0 ? t('notice.undeducted', { n: n.posting.pointsUndeducted }) : undefined}
            />
          )}
          <Space style={{ marginBottom: 12 }} wrap>
            <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="notice-print">
              {t('notice.print')}
            </Button>
            {!n.posting && role !== 'keeper' && (
              <Popconfirm
                title={t('notice.postConfirm')}
                onConfirm={() => void post()}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                disabled={!canPost}
              >
                <Button type="primary" icon={<CheckSquareOutlined />} disabled={!canPost} data-testid="notice-post">
                  {t('notice.post')}
                </Button>
              </Popconfirm>
            )}
            {!n.posting && !canPost && (
              <Typography.Text type="secondary">
                {n.state === 'open'
                  ? t('notice.postAfter', { end: n.periodEnd })
                  : n.openObjections > 0
                    ? t('notice.resolveFirst', { n: n.openObjections })
                    : ''}
              </Typography.Text>
            )}
          </Space>
          <Table
            size="small"
            rowKey="id"
            data-testid="notice-entries"
            dataSource={entries}
            pagination={{ pageSize: 100, hideOnSinglePage: true }}
            rowClassName={(e) => (e.status === 'cancelled' ? 'struck' : '')}
            columns={[
              { key: 'group', title: t('households.group'), dataIndex: 'groupName', width: 80 },
              { key: 'hh', title: t('households.head'), render: (_, e) => `${e.householdNumber} ${e.headName}` },
              {
                key: 'rule',
                title: t('rules.item'),
                render: (_, e) => (
                  <>
                    【{e.ruleCode}】{e.ruleTitle}
                  </>
                ),
              },
              { key: 'pts', title: t('rules.points'), width: 80, render: (_, e) => <PointsTag direction={e.direction} points={e.points} /> },
              {
                key: 'ev',
                title: t('record.evidence'),
                render: (_, e) => (
                  <>
                    {e.evidence} <EntryPhotoButton entry={e} />
                  </>
                ),
              },
              { key: 'rev', title: t('notice.reviewedBy'), width: 200, render: (_, e) => `${e.recordedByName} / ${e.review?.reviewedByName ?? ''}` },
              {
                key: 'st',
                title: t('notice.entryState'),
                className: 'keep-unstruck',
                width: 150,
                render: (_, e) => (
                  <Space size={4}>
                    <Tag color={ENTRY_COLORS[e.status]}>{t(`entry.${e.status}`)}</Tag>
                    {e.posting && e.posting.undeductedPoints > 0 && <Tag color="orange">{t('notice.undeductedShort', { n: e.posting.undeductedPoints })}</Tag>}
                    {e.openObjections > 0 && <Tag color="red">{t('notice.objected')}</Tag>}
                    {n.state === 'open' && e.status === 'published' && role === 'admin' && (
                      <Button size="small" onClick={() => setObjecting(e)} data-testid="objection-open">
                        {t('notice.object')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('notice.objections')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            data-testid="objections-table"
            dataSource={n.objections}
            pagination={false}
            locale={{ emptyText: t('notice.noObjections') }}
            columns={[
              { key: 'entry', title: t('notice.objectionEntry'), render: (_, o) => entryLabel(o.entryId) },
              { key: 'by', title: t('notice.raisedBy'), dataIndex: 'raisedBy', width: 100 },
              { key: 'content', title: t('notice.content'), dataIndex: 'content' },
              {
                key: 'res',
                title: t('notice.resolution'),
                render: (_, o) =>
                  o.resolution ? (
                    <span data-testid="objection-resolution">
                      <Tag color={o.resolution.outcome === 'upheld' ? 'red' : 'green'}>{t(`notice.${o.resolution.outcome}`)}</Tag>
                      {o.resolution.reason}（{o.resolution.resolvedByName}）
                    </span>
                  ) : role === 'admin' ? (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => {
                        const e = entries.find((x) => x.id === o.entryId);
                        setResolution({ outcome: 'dismissed', reason: '', change: false, points: e?.points ?? 0, evidence: '' });
                        setResolving(o);
                      }}
                      data-testid="objection-resolve-open"
                    >
                      {t('notice.resolve')}
                    </Button>
                  ) : (
                    <Tag color="red">{t('notice.unresolved')}</Tag>
                  ),
              },
            ]}
          />
          {printing && (
            <PaperDialog title={t('notice.print')} onClose={() => setPrinting(false)}>
              <NoticeDoc notice={n} />
            </PaperDialog>
          )}
        </>
      )}
      {objecting && (
        <Modal
          open
          title={t('notice.objectTitle', { entry: `${objecting.householdNumber} ${objecting.headName} · ${objecting.ruleTitle}` })}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          onCancel={() => {
            setDialogError(null);
            setObjecting(null);
          }}
          onOk={() => void recordObjection()}
          okButtonProps={{ disabled: !objection.raisedBy.trim() || objection.content.trim().length < 2, 'data-testid': 'objection-ok' }}
        >
          {dialogError && <Alert type="error" showIcon title={errorText(dialogError)} style={{ marginBottom: 12 }} data-testid="objection-error" />}
          <Form layout="vertical">
            <Form.Item htmlFor="objection-by-input" label={t('notice.raisedBy')} required help={t('notice.raisedByHelp')}>
              <Input
                id="objection-by-input"
                value={objection.raisedBy}
                maxLength={20}
                onChange={(e) => setObjection({ ...objection, raisedBy: e.target.value })}
                data-testid="objection-by"
              />
            </Form.Item>
            <Form.Item htmlFor="objection-content-input" label={t('notice.content')} required>
              <Input.TextArea
                id="objection-content-input"
                rows={3}
                maxLength={300}
                value={objection.content}
                onChange={(e) => setObjection({ ...objection, content: e.target.value })}
                data-testid="objection-content"
              />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {resolving && (
        <Modal
          open
          title={t('notice.resolveTitle')}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          onCancel={() => {
            setDialogError(null);
            setResolving(null);
          }}
          onOk={() => void resolve()}
          okButtonProps={{ disabled: resolution.reason.trim().length < 2, 'data-testid': 'resolve-ok' }}
        >
          <Typography.Paragraph>
            {entryLabel(resolving.entryId)}：{resolving.content}（{resolving.raisedBy}）
          </Typography.Paragraph>
          <Form layout="vertical">
            <Form.Item label={t('notice.outcome')}>
              <Radio.Group
                aria-label={t('notice.outcome')}
                value={resolution.outcome}
                onChange={(e) => setResolution({ ...resolution, outcome: e.target.value as 'upheld' | 'dismissed' })}
              >
                <Radio value="dismissed" data-testid="resolve-dismissed">
                  {t('notice.dismissedLong')}
                </Radio>
                <Radio value="upheld" data-testid="resolve-upheld">
                  {t('notice.upheldLong')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item htmlFor="resolve-reason-input" label={t('notice.reason')} required>
              <Input.TextArea
                id="resolve-reason-input"
                rows={2}
                maxLength={200}
                value={resolution.reason}
                onChange={(e) => setResolution({ ...resolution, reason: e.target.value })}
                data-testid="resolve-reason"
              />
            </Form.Item>
            {resolution.outcome === 'upheld' && (
              <>
                <Checkbox checked={resolution.change} onChange={(e) => setResolution({ ...resolution, change: e.target.checked })}>
                  {t('notice.changeValue')}
                </Checkbox>
                {resolution.change && (
                  <Space style={{ marginTop: 8 }}>
                    <InputNumber
                      min={resolvingEntry?.ruleMinPoints ?? 1}
                      max={resolvingEntry?.ruleMaxPoints}
                      precision={0}
                      value={resolution.points}
                      onChange={(v) => setResolution({ ...resolution, points: v ?? resolvingEntry?.ruleMinPoints ?? 1 })}
                      addonAfter={
                        resolvingEntry ? o('limits.range', { min: resolvingEntry.ruleMinPoints, max: resolvingEntry.ruleMaxPoints }) : t('common.pointsUnit')
                      }
                      data-testid="resolve-points"
                      aria-label={t('notice.newPoints')}
                    />
                    <Input
                      value={resolution.evidence}
                      maxLength={200}
                      placeholder={t('record.evidence')}
                      aria-label={t('record.evidence')}
                      onChange={(e) => setResolution({ ...resolution, evidence: e.target.value })}
                    />
                  </Space>
                )}
              </>
            )}
          </Form>
          {dialogError && <Alert type="error" showIcon title={errorText(dialogError)} style={{ marginTop: 12 }} data-testid="resolve-error" />}
        </Modal>
      )}
    </Drawer>
  );
}
