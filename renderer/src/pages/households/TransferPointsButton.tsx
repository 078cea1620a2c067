import { Alert, App, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { HouseholdDetail, HouseholdView } from '../../../../db/contract/index.js';
import { formatPoints } from '../../lib/format.js';
import { call } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { newRequestId } from '../../lib/requestId.js';

/**
 * Merging or splitting households (分户/合户): the committee moves points from this
 * household to another as two ledger rows, with a reason, never by editing a balance.
 * The other household is named by its number (户号), as on the committee's papers.
 */
export function TransferPointsButton({ household, onDone }: { household: HouseholdDetail; onDone: () => void }) {
  const { lang, errorText } = useI18n();
  const zh = lang === 'zh';
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [toNumber, setToNumber] = useState('');
  const [passbookId, setPassbookId] = useState(household.accounts[0]?.passbookId ?? 0);
  const [points, setPoints] = useState<number | null>(null);
  const [honour, setHonour] = useState<number | null>(0);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One id per dialog: a double click or a retry after a timeout moves the points once.
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const account = household.accounts.find((a) => a.passbookId === passbookId);
  const fromName = `${household.number} ${household.members.find((m) => m.isHead)?.name ?? ''}`.trim();
  // The receiving household, looked up as the number is typed, so the dialog names it
  // before anything moves.
  const [target, setTarget] = useState<HouseholdView | null>(null);
  useEffect(() => {
    const q = toNumber.trim();
    setTarget(null);
    if (!/^\d{1,3}-\d{1,4}$/.test(q)) return;
    let live = true;
    void call('counter.lookup', { query: q }).then((found) => {
      if (!live) return;
      if (!found.ok) return setError(errorText(found.error));
      if (found.value.kind !== 'household' || found.value.via !== 'number') return setError(zh ? `没有户号为 ${q} 的农户` : `No household numbered ${q}`);
      if (found.value.household.id === household.id) return setError(zh ? '不能转给本户' : 'Pick another household');
      setError(null);
      setTarget(found.value.household);
    });
    return () => {
      live = false;
    };
  }, [toNumber, household.id, zh, errorText]);
  const toName = target ? `${target.number} ${target.headName}` : '';

  const start = () => {
    setToNumber('');
    setPoints(null);
    setHonour(0);
    setReason('');
    setError(null);
    setRequestId(newRequestId());
    setOpen(true);
  };

  const submit = async () => {
    const to = target;
    if (!to) return;
    setBusy(true);
    try {
      const r = await call('households.transferPoints', {
        requestId,
        fromHouseholdId: household.id,
        toHouseholdId: to.id,
        passbookId,
        points: points ?? 0,
        honour: honour ?? 0,
        reason: reason.trim(),
      });
      if (!r.ok) return setError(errorText(r.error));
      void message.success(
        zh
          ? `已转出 ${formatPoints(r.value.points)} 分到 ${to.number} ${to.headName}`
          : `Moved ${formatPoints(r.value.points)} points to ${to.number} ${to.headName}`,
      );
      setOpen(false);
      onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button onClick={start} data-testid="transfer-open" disabled={household.accounts.every((a) => a.balance === 0)}>
        {zh ? '转出积分（分户/合户）' : 'Move points (merge/split)'}
      </Button>
      <Modal
        open={open}
        title={<span data-testid="transfer-title">{zh ? `从 ${fromName} 转出积分` : `Move points from ${fromName}`}</span>}
        okText={
          target && points ? (zh ? `确认转出 ${formatPoints(points)} 分给 ${toName}` : `Move ${formatPoints(points)} to ${toName}`) : zh ? '确认转出' : 'Move'
        }
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ loading: busy, disabled: !target || !points || reason.trim().length < 2, danger: true }}
        // At 1366×768 the whole dialog, title included, stays on screen; the form scrolls inside.
        style={{ top: 16 }}
        styles={{ body: { maxHeight: 'calc(100vh - 200px)', overflowY: 'auto' } }}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item
            label={zh ? '转入户号' : 'To household number'}
            required
            htmlFor="transfer-to"
            help={
              target ? (
                <span data-testid="transfer-target">{zh ? `转入：${toName}（${target.groupName}）` : `To: ${toName} (${target.groupName})`}</span>
              ) : undefined
            }
          >
            <Input id="transfer-to" value={toNumber} onChange={(e) => setToNumber(e.target.value)} placeholder="03-017" data-testid="transfer-to" />
          </Form.Item>
          <Form.Item label={zh ? '存折' : 'Passbook'} htmlFor="transfer-passbook">
            <Select
              id="transfer-passbook"
              value={passbookId}
              onChange={setPassbookId}
              options={household.accounts.map((a) => ({
                value: a.passbookId,
                label: `${a.passbookName}（${zh ? '余额' : 'balance'} ${formatPoints(a.balance)}）`,
              }))}
            />
          </Form.Item>
          <Form.Item label={zh ? '转出积分' : 'Points'} required htmlFor="transfer-points">
            <InputNumber
              id="transfer-points"
              min={1}
              max={account?.balance ?? 1}
              precision={0}
              value={points}
              onChange={setPoints}
              style={{ width: 200 }}
              data-testid="transfer-points"
            />
          </Form.Item>
          <Form.Item label={zh ? '同时转出的荣誉积分（村委决定，可为 0）' : 'Honour points moved too (committee decides; may be 0)'} htmlFor="transfer-honour">
            <InputNumber
              id="transfer-honour"
              min={0}
              max={account?.honourTotal ?? 0}
              precision={0}
              value={honour}
              onChange={setHonour}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item label={zh ? '原因（如：分户，依村民代表会议决定）' : 'Reason (e.g. household split, per the meeting)'} required htmlFor="transfer-reason">
            <Input.TextArea
              id="transfer-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={100}
              rows={2}
              data-testid="transfer-reason"
            />
          </Form.Item>
        </Form>
        {target && points ? (
          <Alert
            type="warning"
            showIcon
            data-testid="transfer-summary"
            title={zh ? `从 ${fromName} 转出 ${formatPoints(points)} 分，转入 ${toName}` : `${formatPoints(points)} points move from ${fromName} to ${toName}`}
          />
        ) : null}
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  );
}
