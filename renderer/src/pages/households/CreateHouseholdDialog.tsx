import { Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import type { GroupView } from '../../../../db/contract/index.js';
import { call } from '../../api/client.js';
import { usePointsT } from '../../i18n/points.js';
import { DialogError, useDialogSubmit } from '../../components/dialog/useDialogSubmit.js';

/** A new household with its head; more members are added in the household's drawer. */
export function CreateHouseholdDialog({ groups, onClose, onCreated }: { groups: GroupView[]; onClose: () => void; onCreated: (id: number) => void }) {
  const t = usePointsT();
  const [number, setNumber] = useState('');
  const [groupId, setGroupId] = useState<number | undefined>(groups[0]?.id);
  const [newGroup, setNewGroup] = useState('');
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [head, setHead] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [opening, setOpening] = useState<number | null>(0);
  const [openingHonour, setOpeningHonour] = useState(false);
  const { busy, error, submit: send } = useDialogSubmit();

  const submit = async () => {
    let gid = groupId;
    if (newGroup.trim()) {
      const name = newGroup.trim();
      const made = await send(
        () => call('households.createGroup', { name }),
        (g) => {
          gid = g.id;
          // The group now exists: pick it, so a second try does not create it again.
          setGroupId(g.id);
          setNewGroup('');
        },
      );
      if (!made) return;
    }
    if (gid === undefined) return;
    const groupIdNow = gid;
    await send(
      () =>
        call('households.create', {
          number: number.trim(),
          groupId: groupIdNow,
          address: address.trim() || null,
          phone: phone.trim() || null,
          members: [{ name: head.trim(), relation: '户主', idNumber: idNumber.trim() || null }],
          openingPoints: opening ?? 0,
          openingHonour,
        }),
      (h) => onCreated(h.id),
    );
  };

  const ready = number.trim() && head.trim() && (groupId !== undefined || newGroup.trim());
  return (
    <Modal
      open
      title={t('households.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ disabled: !ready, loading: busy, 'data-testid': 'household-create-ok' }}
    >
      <Form layout="vertical">
        <Form.Item label={t('households.number')} required help={t('households.numberHelp')} htmlFor="household-create-number">
          <Input
            id="household-create-number"
            maxLength={12}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            placeholder="03-017"
            data-testid="household-number-input"
          />
        </Form.Item>
        <Form.Item label={t('households.group')} required htmlFor="household-create-group">
          <div style={{ display: 'flex', gap: 8 }}>
            <Select
              id="household-create-group"
              style={{ flex: 1 }}
              value={groupId}
              onChange={setGroupId}
              options={groups.map((g) => ({ value: g.id, label: g.name }))}
              disabled={newGroup.trim() !== ''}
            />
            <Input
              style={{ flex: 1 }}
              maxLength={20}
              value={newGroup}
              onChange={(e) => setNewGroup(e.target.value)}
              placeholder={t('households.newGroup')}
              aria-label={t('households.newGroup')}
            />
          </div>
        </Form.Item>
        <Form.Item label={t('households.headName')} required htmlFor="household-create-head">
          <Input id="household-create-head" value={head} onChange={(e) => setHead(e.target.value)} maxLength={20} data-testid="household-head-input" />
        </Form.Item>
        <Form.Item label={t('households.idNumber')} help={t('households.idHelp')} htmlFor="household-create-id">
          <Input id="household-create-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('households.address')} htmlFor="household-create-address">
          <Input id="household-create-address" value={address} onChange={(e) => setAddress(e.target.value)} maxLength={60} />
        </Form.Item>
        <Form.Item label={t('households.phone')} htmlFor="household-create-phone">
          <Input id="household-create-phone" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={20} />
        </Form.Item>
        <Form.Item label={t('households.opening')} help={t('households.openingHelp')} htmlFor="household-create-opening">
          <InputNumber id="household-create-opening" min={0} max={100000} precision={0} value={opening} onChange={setOpening} />
        </Form.Item>
        <Form.Item help={t('households.openingHonourHelp')}>
          <Checkbox
            checked={openingHonour}
            onChange={(e) => setOpeningHonour(e.target.checked)}
            disabled={(opening ?? 0) === 0}
            data-testid="household-opening-honour"
          >
            {t('households.openingHonour')}
          </Checkbox>
        </Form.Item>
      </Form>
      <DialogError error={error} />
    </Modal>
  );
}
