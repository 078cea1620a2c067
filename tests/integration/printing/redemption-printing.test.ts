/**
 * The end-to-end promise on the core: a redemption while the printer is off is
 * committed with exactly one queued receipt, which prints once when the printer is back.
 * Uses the core's own queue, wired to its receipt hooks in db/core.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintQueue } from '../../../db/printing/queue.js';
import { writePrinterSettings } from '../../../db/printing/settings.js';
import { freshCore, login, sellCheapest } from '../../helpers/core.js';
import { decode, FakePrinter } from '../../helpers/fake-printer.js';

describe('redemptions print through the queue', () => {
  let env: ReturnType<typeof freshCore>;
  let printer: FakePrinter;
  let queue: PrintQueue;

  beforeEach(async () => {
    env = freshCore({ demo: true, households: 12 });
    printer = await FakePrinter.start();
    writePrinterSettings(env.core.db, { uri: printer.uriWith({ connectTimeout: 1000, writeTimeout: 400 }), width: 58, autoPrint: true });
    queue = env.core.printing;
  });
  afterEach(async () => {
    await printer.stop();
    env.close();
  });

  const sale = (requestId: string) => sellCheapest(env.core, requestId);

  it('printer off (refused) during a redemption: one redemption, one queued receipt, printed once when back', async () => {
    await printer.setMode('refuse');
    const { keeper, r } = sale('print-off-0001');
    // The same request again (a double click) is the same sale and the same receipt job.
    keeper.call('redemption.create', {
      requestId: 'print-off-0001',
      householdId: r.household.id,
      passbookId: 1,
      lines: [{ goodsId: r.lines[0]!.goodsId, quantity: 1 }],
    });
    await queue.drain();
    expect(env.core.db.prepare('SELECT count(*) FROM redemptions').pluck().get()).toBeGreaterThanOrEqual(1);
    expect(env.core.db.prepare("SELECT count(*) FROM print_jobs WHERE ref_id = ? AND kind = 'redemption'").pluck().get(r.id)).toBe(1);
    expect(queue.status()).toMatchObject({ waiting: 1, reachable: false });
    expect(queue.status().lastError).toContain('打印机未连接');
    expect(printer.jobs).toHaveLength(0);

    await printer.setMode('print');
    await queue.drain();
    await queue.drain();
    expect(printer.jobs).toHaveLength(1);
    const d = decode(printer.jobs[0]!);
    expect(d.qrPayloads).toEqual([`VPSR1:${r.receiptNo}`]);
    const text = d.lines.map((l) => l.text).join('\n');
    expect(text).toContain(`单号：${r.receiptNo}`);
    expect(text).toContain(r.household.headName);
    for (const l of d.lines) expect(l.printedColumns).toBeLessThanOrEqual(32);
  });

  it('printer hung (timeout) during a redemption: printed once when back; a void prints a void slip; reprint marked 重印', async () => {
    await printer.setMode('blackhole');
    const { keeper, r } = sale('print-hang-0001');
    await queue.drain();
    expect(queue.status().waiting).toBe(1);
    expect(queue.status().lastError).toContain('打印机无响应');
    await printer.setMode('print');
    await queue.drain();
    expect(printer.jobs).toHaveLength(1);

    const admin = login(env.core, 'admin');
    keeper.call('redemption.void', { requestId: 'print-void-0001', redemptionId: r.id, reason: '顾客退货', approverId: admin.operatorId, approverPin: '9999' });
    await queue.drain();
    expect(printer.jobs).toHaveLength(2);
    expect(
      decode(printer.jobs[1]!)
        .lines.map((l) => l.text)
        .join('\n'),
    ).toContain('作废单');

    queue.reprint(r.id, keeper.operatorId);
    await queue.drain();
    expect(printer.jobs).toHaveLength(3);
    const reprinted = decode(printer.jobs[2]!)
      .lines.map((l) => l.text)
      .join('\n');
    expect(reprinted).toContain('重印');
    expect(reprinted).toContain('已作废');
  });
});
