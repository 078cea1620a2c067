/**
 * Issue 15, item 9: a villager's claim at the counter (申报), with or without an evidence
 * photo, on a real database file. The keeper may claim only self-claimable items; a photo
 * is a JPEG or PNG of at most 512 KB, judged by its bytes (a renamed PDF is refused), kept
 * in the database with the entry in one transaction (a refusal writes nothing), and shown
 * to the reviewer; the claim then goes through review, notice and posting like any entry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntriesCreated } from '../../../db/contract/index.js';
import { dispatch } from '../../../db/dispatch.js';
import { errorOf } from '../../helpers/core.js';
import { JPEG_8X8, oversizedJpeg, PDF_AS_JPG, pngOf } from '../../helpers/photos.js';
import { pointsEnv, type PointsEnv } from '../../helpers/points.js';

let env: PointsEnv;
beforeEach(() => {
  env = pointsEnv({ households: 6 });
});
afterEach(() => env.close());

const count = (table: string) => env.core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function claim(token: string, householdId: number, photo?: { base64: string; fileName?: string | null }, code = 'B01') {
  return dispatch(env.core, token, 'points.record', {
    requestId: env.rid('claim'),
    ruleItemId: env.item(code).id,
    eventDate: env.today(),
    evidence: '参加防汛值守一晚，村民小组长见证',
    lines: [{ householdId, points: code === 'B01' ? 10 : null }],
    ...(photo ? { photo } : {}),
  });
}

describe('claims at the counter with an evidence photo', () => {
  it('records a claim with a JPEG, one with a PNG and one without; the reviewer reads the photo back byte for byte', () => {
    const [a, b, c] = env.households;
    const withJpeg = claim(env.who.keeper.token, a!, { base64: JPEG_8X8.toString('base64'), fileName: '值守.jpg' });
    expect(withJpeg.ok).toBe(true);
    const png = pngOf(40, 30);
    const withPng = claim(env.who.keeper.token, b!, { base64: png.toString('base64'), fileName: '截图.png' });
    expect(withPng.ok).toBe(true);
    const plain = claim(env.who.keeper.token, c!);
    expect(plain.ok).toBe(true);

    // The keeper's entries are claims, pending review.
    const batches = env.core.db.prepare('SELECT source FROM entry_batches WHERE recorded_by = ? ORDER BY id').pluck().all(env.who.keeper.operatorId);
    expect(batches).toEqual(['claim', 'claim', 'claim']);
    const pending = env.who.accountant.call('points.entries', { status: ['pending'] }).rows;
    const byHousehold = new Map(pending.map((e) => [e.householdId, e]));
    expect(byHousehold.get(a!)!.photo).toEqual({ mime: 'image/jpeg', size: JPEG_8X8.length });
    expect(byHousehold.get(b!)!.photo).toEqual({ mime: 'image/png', size: png.length });
    expect(byHousehold.get(c!)!.photo).toBeNull();

    // The reviewer gets the very bytes, with their type read from the file.
    const photo = env.who.accountant.call('points.entryPhoto', { entryId: byHousehold.get(a!)!.id });
    expect(Buffer.from(photo.base64, 'base64').equals(JPEG_8X8)).toBe(true);
    expect(photo).toMatchObject({ mime: 'image/jpeg', fileName: '值守.jpg', size: JPEG_8X8.length });
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(env.who.admin.call('points.entryPhoto', { entryId: byHousehold.get(b!)!.id }).base64, 'base64').equals(png)).toBe(true);
    expect(errorOf(dispatch(env.core, env.who.accountant.token, 'points.entryPhoto', { entryId: byHousehold.get(c!)!.id })).code).toBe('PHOTO_NOT_FOUND');

    // The photo's fingerprint is in the audit trail of the claim.
    const audited = env.core.db.prepare("SELECT detail FROM audit_log WHERE action = 'points.record' ORDER BY id").pluck().all() as string[];
    expect(audited.filter((d) => d.includes(photo.sha256))).toHaveLength(1);

    // Photos are kept as they were taken: no edit, no removal behind the app's back.
    expect(() => env.core.db.prepare('UPDATE entry_photos SET mime = ? WHERE entry_id = ?').run('image/png', photo.entryId)).toThrow(/append-only/);
    expect(() => env.core.db.prepare('DELETE FROM entry_photos').run()).toThrow(/append-only/);
  });

  it('refuses a file that is not a JPEG or PNG, and one over 512 KB, in Chinese, writing nothing', () => {
    const [a] = env.households;
    const before = { entries: count('point_entries'), batches: count('entry_batches'), photos: count('entry_photos') };

    const pdf = errorOf(claim(env.who.keeper.token, a!, { base64: PDF_AS_JPG.toString('base64'), fileName: '证明.jpg' }));
    expect(pdf.code).toBe('PHOTO_TYPE');
    expect(pdf.message).toBe('“证明.jpg”不是 JPEG 或 PNG 图片，请选择手机或相机拍的照片（.jpg / .png）');

    const big = errorOf(claim(env.who.keeper.token, a!, { base64: oversizedJpeg().toString('base64'), fileName: '大图.jpg' }));
    expect(big.code).toBe('PHOTO_TOO_LARGE');
    expect(big.message).toBe('照片太大（600 KB），上限 512 KB：请用手机“压缩”或截图后再选');

    // Exactly at the limit is accepted.
    const atLimit = claim(env.who.keeper.token, a!, { base64: oversizedJpeg(512 * 1024).toString('base64'), fileName: '刚好.jpg' });
    expect(atLimit.ok).toBe(true);
    expect(count('entry_photos')).toBe(before.photos + 1);

    // A photo goes with one household, not with a sheet.
    const [, b, c] = env.households;
    const sheet = dispatch(env.core, env.who.admin.token, 'points.record', {
      requestId: env.rid('sheet'),
      ruleItemId: env.item('B01').id,
      eventDate: env.today(),
      evidence: '评议小组月度评分',
      lines: [
        { householdId: b!, points: 5 },
        { householdId: c!, points: 5 },
      ],
      photo: { base64: JPEG_8X8.toString('base64') },
    });
    expect(errorOf(sheet).code).toBe('PHOTO_ONE_HOUSEHOLD');
    // Not base64 at all: the schema refuses before the core.
    expect(errorOf(claim(env.who.keeper.token, a!, { base64: '这不是图片' })).code).toBe('BAD_INPUT');

    expect(count('point_entries')).toBe(before.entries + 1);
    expect(count('entry_batches')).toBe(before.batches + 1);
  });

  it('checks roles: a keeper claims only self-claimable items, reviews nothing; a claim is not reviewed by its keeper', () => {
    const [a, b] = env.households;
    // A01 (门前三包) is scored by the committee, not claimed.
    const notClaimable = errorOf(claim(env.who.keeper.token, a!, { base64: JPEG_8X8.toString('base64') }, 'A01'));
    expect(notClaimable.code).toBe('NOT_SELF_CLAIMABLE');
    expect(count('entry_photos')).toBe(0);
    const ok = claim(env.who.keeper.token, b!, { base64: JPEG_8X8.toString('base64') });
    expect(ok.ok).toBe(true);
    const entryId = ok.ok ? (ok.value as EntriesCreated).entries[0]!.id : 0;
    expect(errorOf(dispatch(env.core, env.who.keeper.token, 'points.review', { entryIds: [entryId], decision: 'approved' })).code).toBe('FORBIDDEN');
    // Without a session there is no photo to see.
    expect(errorOf(dispatch(env.core, null, 'points.entryPhoto', { entryId })).code).toBe('NOT_LOGGED_IN');
  });

  it('goes to review, notice and posting like any entry; the photo stays with it', () => {
    const [a] = env.households;
    const before = env.balance(a!);
    const r = claim(env.who.keeper.token, a!, { base64: JPEG_8X8.toString('base64'), fileName: 'a.jpg' });
    if (!r.ok) throw new Error(r.error.message);
    const id = (r.value as EntriesCreated).entries[0]!.id;
    expect(env.who.accountant.call('points.review', { entryIds: [id], decision: 'approved' })).toEqual({ approved: 1, rejected: 0 });
    const notice = env.who.admin.call('notices.create', { requestId: env.rid('n'), periodDays: 1 });
    env.advanceDays(2);
    env.who.accountant.call('notices.post', { noticeId: notice.id });
    const posted = env.who.admin.call('points.entries', { householdId: a!, status: ['posted'] }).rows;
    expect(posted.map((e) => e.id)).toEqual([id]);
    expect(posted[0]!.photo).toEqual({ mime: 'image/jpeg', size: JPEG_8X8.length });
    expect(env.balance(a!)).toBe(before + 10);
  });
});
