import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { GroupView, HouseholdDetail } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { call } from '../../api/client.js';
import { PrintCardButton } from '../../components/printing/PrintCardButton.js';
import { usePointsT } from '../../i18n/points.js';
import { useSession } from '../../session/SessionContext.js';
import { ErrorLine } from '../points/ui.js';
import { StatementDialog } from './StatementDialog.js';
import { TransferPointsButton } from './TransferPointsButton.js';
import { formatPoints } from '../../lib/format.js';
import { DialogError } from '../../components/dialog/useDialogSubmit.js';

type Member = HouseholdDetail['members'][number];
type Pending = { kind: 'status' | 'card' } | { kind: 'remove'; member: Member };

/** One household: its details, members (ID numbers masked), status, card and statement. */
export function HouseholdDrawer({
  householdId,
  groups,
  onClose,
  onChanged,
}: {
  householdId: number;
  groups: GroupView[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const t = usePointsT();
  const { message } = App.useApp();
  const isAdmin = useSession().session.operator.role === 'admin';
  const [h, setH] = useState<HouseholdDetail | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [form, setForm] = useState({ number: '', groupId: 0, address: '', phone: '' });
  const [memberEdit, setMemberEdit] = useState<{ member: Member | null; name: string; relation: string; idNumber: string } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [statement, setStatement] = useState(false);

  const show = useCallback((d: HouseholdDetail) => {
    setH(d);
    setForm({ number: d.number, groupId: d.groupId, address: d.address ?? '', phone: d.phone ?? '' });
  }, []);

  useEffect(() => {
    void call('households.detail', { householdId }).then((r) => (r.ok ? show(r.value) : setError(r.error)));
  }, [householdId, show]);

  /** Runs a write; on success shows the fresh household and tells the list. */
  const run = async (p: Promise<{ ok: true; value: HouseholdDetail } | { ok: false; error: ErrorBody }>, done?: string) => {
    const r = await p;
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setError(null);
    show(r.value);
    onChanged();
    if (done) void message.success(done);
    return true;
  };

  const saveFields = () =>
    run(
      call('households.update', {
        householdId,
        number: form.number.trim(),
        groupId: form.groupId,
        address: form.address.trim() || null,
        phone: form.phone.trim() || null,
      }),
      t('common.saved'),
    );

  const saveMember = async () => {
    if (!memberEdit) return;
    const idNumber = memberEdit.idNumber.trim() || undefined;
    const p = memberEdit.member
      ? call('households.updateMember', { memberId: memberEdit.member.id, name: memberEdit.name.trim(), relation: memberEdit.relation.trim(), idNumber })
      : call('households.addMember', { householdId, name: memberEdit.name.trim(), relation: memberEdit.relation.trim(), idNumber: idNumber ?? null });
    // A refusal (a duplicate ID number…) keeps the dialog open with what was typed.
    if (await run(p, t('common.saved'))) setMemberEdit(null);
  };

  const confirmPending = async () => {
    if (!pending || !h) return;
    if (pending.kind === 'remove') {
      await run(call('households.removeMember', { memberId: pending.member.id, reason: reason.trim() }), t('common.saved'));
    } else if (pending.kind === 'card') {
      const r = await call('households.issueCard', { householdId, reason: reason.trim() });
      if (!r.ok) return setError(r.error);
      void message.success(t('households.cardIssued', { version: r.value.cardVersion }));
      const d = await call('households.detail', { householdId });
      if (d.ok) show(d.value);
    } else {
      await run(call('households.setStatus', { householdId, status: h.status === 'active' ? 'moved' : 'active', reason: reason.trim() }), t('common.saved'));
    }
    setPending(null);
    setReason('');
  };

  return (
    <Drawer open width={760} onClose={onClose} title={h ? `${h.number} ${h.members.find((m) => m.isHead)?.name ?? ''}` : ''} data-testid="household-drawer">
      <ErrorLine error={error} />
      {h && (
        <>
          {h.status === 'moved' && <Alert type="warning" showIcon title={t('households.movedNotice')} style={{ marginBottom: 12 }} />}
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            {h.accounts.map((a) => (
              <Descriptions.Item key={a.passbookId} label={a.passbookName}>
                <b data-testid="drawer-balance">{formatPoints(a.balance)}</b>&nbsp;{t('households.honourShort', { n: formatPoints(a.honourTotal) })}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('households.cardVersion')}>{h.cardVersion}</Descriptions.Item>
          </Descriptions>
          <Form layout="vertical" disabled={!isAdmin}>
            <Space wrap align="end">
              <Form.Item label={t('households.number')} htmlFor="household-edit-number">
                <Input
                  id="household-edit-number"
                  maxLength={12}
                  value={form.number}
                  onChange={(e) => setForm({ ...form, number: e.target.value })}
                  style={{ width: 110 }}
                />
              </Form.Item>
              <Form.Item label={t('households.group')} htmlFor="household-edit-group">
                <Select
                  id="household-edit-group"
                  value={form.groupId}
                  onChange={(v: number) => setForm({ ...form, groupId: v })}
                  style={{ width: 120 }}
                  options={groups.map((g) => ({ value: g.id, label: g.name }))}
                />
              </Form.Item>
              <Form.Item label={t('households.address')} htmlFor="household-edit-address">
                <Input
                  id="household-edit-address"
                  value={form.address}
                  onChange={(e) => setForm({ ...form, address: e.target.value })}
                  style={{ width: 180 }}
                  maxLength={60}
                />
              </Form.Item>
              <Form.Item label={t('households.phone')} htmlFor="household-edit-phone">
                <Input
                  id="household-edit-phone"
                  value={form.phone}
                  onChange={(e) => setForm({ ...form, phone: e.target.value })}
                  style={{ width: 150 }}
                  maxLength={20}
                />
              </Form.Item>
              {isAdmin && (
                <Form.Item>
                  <Button type="primary" onClick={() => void saveFields()}>
                    {t('common.save')}
                  </Button>
                </Form.Item>
              )}
            </Space>
          </Form>
          <Typography.Title level={5}>{t('households.memberList')}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={h.members}
            data-testid="members-table"
            columns={[
              {
                key: 'name',
                title: t('households.memberName'),
                render: (_, m) => (
                  <>
                    {m.name} {m.isHead && <Tag color="blue">{t('households.headTag')}</Tag>}
                  </>
                ),
              },
              { key: 'rel', title: t('households.relation'), dataIndex: 'relation' },
              {
                key: 'id',
                title: t('households.idNumber'),
                render: (_, m) => m.idMasked ?? <Typography.Text type="secondary">{t('households.noId')}</Typography.Text>,
              },
              ...(isAdmin
                ? [
                    {
                      key: 'act',
                      title: '',
                      render: (_: unknown, m: Member) => (
                        <Space size={4}>
                          <Button size="small" onClick={() => setMemberEdit({ member: m, name: m.name, relation: m.relation, idNumber: '' })}>
                            {t('common.edit')}
                          </Button>
                          {!m.isHead && (
                            <>
                              <Button
                                size="small"
                                onClick={() => void run(call('households.makeHead', { memberId: m.id, previousHeadRelation: '家庭成员' }), t('common.saved'))}
                              >
                                {t('households.makeHead')}
                              </Button>
                              <Button size="small" danger onClick={() => setPending({ kind: 'remove', member: m })}>
                                {t('households.removeMember')}
                              </Button>
                            </>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <Space wrap style={{ marginTop: 16 }}>
            {isAdmin && (
              <>
                <Button onClick={() => setMemberEdit({ member: null, name: '', relation: '', idNumber: '' })}>{t('households.addMember')}</Button>
                <Button onClick={() => setPending({ kind: 'card' })} data-testid="issue-card">
                  {t('households.issueCard')}
                </Button>
                {h.status === 'active' && <PrintCardButton householdId={householdId} />}
                <TransferPointsButton household={h} onDone={() => void run(call('households.detail', { householdId }))} />
                <Button danger={h.status === 'active'} onClick={() => setPending({ kind: 'status' })}>
                  {h.status === 'active' ? t('households.markMoved') : t('households.markReturned')}
                </Button>
              </>
            )}
            <Button type="primary" onClick={() => setStatement(true)} data-testid="statement-open">
              {t('statement.open')}
            </Button>
          </Space>
        </>
      )}
      {memberEdit && (
        <Modal
          open
          title={memberEdit.member ? t('households.editMember') : t('households.addMember')}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          onCancel={() => setMemberEdit(null)}
          onOk={() => void saveMember()}
          okButtonProps={{ disabled: !memberEdit.name.trim() || !memberEdit.relation.trim() }}
        >
          <Form layout="vertical">
            <Form.Item label={t('households.memberName')} required htmlFor="member-name">
              <Input id="member-name" value={memberEdit.name} maxLength={20} onChange={(e) => setMemberEdit({ ...memberEdit, name: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('households.relation')} required htmlFor="member-relation">
              <Input
                id="member-relation"
                value={memberEdit.relation}
                maxLength={10}
                placeholder={t('households.relationPlaceholder')}
                onChange={(e) => setMemberEdit({ ...memberEdit, relation: e.target.value })}
              />
            </Form.Item>
            <Form.Item
              label={t('households.idNumber')}
              help={memberEdit.member?.idMasked ? t('households.idKeep', { masked: memberEdit.member.idMasked }) : t('households.idHelp')}
              htmlFor="member-id"
            >
              <Input
                id="member-id"
                value={memberEdit.idNumber}
                maxLength={18}
                autoComplete="off"
                onChange={(e) => setMemberEdit({ ...memberEdit, idNumber: e.target.value })}
              />
            </Form.Item>
          </Form>
          <DialogError error={error} testId="member-error" />
        </Modal>
      )}
      {pending && h && (
        <Modal
          open
          title={
            pending.kind === 'card'
              ? t('households.issueCard')
              : pending.kind === 'remove'
                ? t('households.removeTitle', { name: pending.member.name })
                : h.status === 'active'
                  ? t('households.markMoved')
                  : t('households.markReturned')
          }
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onCancel={() => setPending(null)}
          onOk={() => void confirmPending()}
          okButtonProps={{ disabled: reason.trim().length < 2 }}
        >
          {pending.kind === 'card' && <Typography.Paragraph>{t('households.cardExplain')}</Typography.Paragraph>}
          <Form layout="vertical">
            <Form.Item htmlFor="household-pending-reason" label={t('common.reason')} required>
              <Input
                id="household-pending-reason"
                value={reason}
                maxLength={100}
                onChange={(e) => setReason(e.target.value)}
                placeholder={t('common.reasonPlaceholder')}
              />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {statement && <StatementDialog householdId={householdId} onClose={() => setStatement(false)} />}
    </Drawer>
  );
}
