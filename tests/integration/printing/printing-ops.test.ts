/**
 * The printing operations the UI leans on: one receipt's jobs (the receipt screen shows
 * whether its paper waits), the reprint preview (the keeper sees 重印 before asking),
 * settings round trip with an audit row, and the roles.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCore, login, sellCheapest } from '../../helpers/core.js';
import { FakePrinter } from '../../helpers/fake-printer.js';

describe('printing operations for the screens', () => {
  let env: ReturnType<typeof freshCore>;
  let printer: FakePrinter;

  beforeEach(async () => {
    env = freshCore({ demo: true, households: 12 });
    printer = await FakePrinter.start('refuse');
  });
  afterEach(async () => {
    await printer.stop();
    env.close();
  });

  const sale = (requestId: string) => sellCheapest(env.core, requestId);

  it('saves settings (admin only, audited) and lists one receipt’s jobs', async () => {
    const admin = login(env.core, 'admin');
    const keeper = login(env.core, 'keeper');
    expect(keeper.call.raw('printer.saveSettings', { uri: printer.uri, width: 80, autoPrint: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const bad = admin.call.raw('printer.saveSettings', { uri: 'http://nope', width: 58, autoPrint: true });
    expect(bad.ok).toBe(false);
    const st = admin.call('printer.saveSettings', { uri: printer.uri, width: 80, autoPrint: true });
    expect(st).toMatchObject({ configured: true, width: 80, autoPrint: true });
    expect(admin.call('printer.settings', {})).toEqual({ uri: printer.uri, width: 80, autoPrint: true });
    expect(env.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'printer.settings'").pluck().get()).toBe(1);

    const first = sale('ops-jobs-0001').r;
    const second = sale('ops-jobs-0002').r;
    await env.core.printing.drain();
    keeper.call('receipt.reprint', { redemptionId: first.id, of: 'receipt' });
    const jobs = keeper.call('printer.jobs', { limit: 50, redemptionId: first.id });
    expect(jobs.map((j) => j.kind).sort()).toEqual(['redemption', 'reprint']);
    expect(jobs.every((j) => j.refId === first.id)).toBe(true);
    // Titles name the receipt as the keeper knows it.
    expect(jobs.map((j) => j.title).sort()).toEqual([`兑换单 ${first.receiptNo}`, `重印兑换单 ${first.receiptNo}`]);
    expect(keeper.call('printer.jobs', { limit: 50, redemptionId: second.id }).map((j) => j.kind)).toEqual(['redemption']);
    expect(keeper.call('printer.jobs', { limit: 50, redemptionId: second.id, status: 'done' })).toEqual([]);
    // A card job of household #first.id must not show up as that receipt's job.
    const hh = env.core.db.prepare('SELECT id FROM households WHERE id = ?').pluck().get(first.id) as number | undefined;
    if (hh !== undefined) {
      admin.call('card.print', { householdId: hh });
      expect(keeper.call('printer.jobs', { limit: 50, redemptionId: first.id }).some((j) => j.kind === 'card')).toBe(false);
    }
  });

  it('previews the receipt, its reprint (marked 重印) and its void slip at the set width', () => {
    const admin = login(env.core, 'admin');
    admin.call('printer.saveSettings', { uri: '', width: 58, autoPrint: false });
    const { keeper, r } = sale('ops-prev-0001');
    const text = (p: { lines: Array<{ kind: string; text?: string }> }) => p.lines.map((l) => (l.kind === 'text' ? (l.text ?? '') : '')).join('\n');
    const original = keeper.call('receipt.preview', { redemptionId: r.id, of: 'redemption', reprint: false });
    expect(original).toMatchObject({ width: 58, columns: 32 });
    expect(text(original)).not.toContain('重印');
    expect(original.lines.some((l) => l.kind === 'qr')).toBe(true);
    expect(original.lines.at(-1)).toEqual({ kind: 'cut' });
    const again = keeper.call('receipt.preview', { redemptionId: r.id, of: 'redemption', reprint: true });
    expect(text(again)).toContain('*** 重印 ***');
    for (const l of again.lines) if (l.kind === 'text') expect(l.columns).toBeLessThanOrEqual(32);

    keeper.call('redemption.void', { requestId: 'ops-prev-void-1', redemptionId: r.id, reason: '拿错了', approverId: admin.operatorId, approverPin: '9999' });
    admin.call('printer.saveSettings', { uri: '', width: 80, autoPrint: false });
    const slip = keeper.call('receipt.preview', { redemptionId: r.id, of: 'void', reprint: false });
    expect(slip).toMatchObject({ width: 80, columns: 48 });
    expect(text(slip)).toContain('作废单');
    expect(text(slip)).toContain('拿错了');
  });
});
