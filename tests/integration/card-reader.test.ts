/**
 * The ID card reader through the real adapter: a fake maker's library compiled from C
 * with the same exported functions as 华视 CVR-100's termb and as SDTAPI (精伦 iDR210…),
 * loaded with koffi by the hosts' loader, polled by the core, and a card read opening the
 * household through counter.lookup exactly as the typed number does.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Core } from '../../db/core.js';
import { demoPlan } from '../../db/demo/village.js';
import { initDemoIfEmpty } from '../../db/setup.js';
import { koffiReaderLoader } from '../../hosts/shared/card-readers/index.js';
import { buildFakeReader, type FakeReader } from '../helpers/fake-reader/build.js';
import { errorOf, login, tempDir, TestClock } from '../helpers/core.js';
import type { ReaderStatusView } from '../../db/contract/index.js';

const plan = demoPlan({ households: 12 });
const member = plan.households[0]!.members[0]!;
const other = plan.households[1]!;

let dir: ReturnType<typeof tempDir>;
let fake: FakeReader;
let core: Core;
let clock: TestClock;
let admin: ReturnType<typeof login>;
let keeper: ReturnType<typeof login>;

beforeAll(() => {
  dir = tempDir('vps-reader-');
  fake = buildFakeReader(dir.dir);
  clock = new TestClock();
  core = new Core({ dataDir: join(dir.dir, 'data'), clock, secret: Buffer.alloc(32, 7), readerLoader: koffiReaderLoader });
  initDemoIfEmpty(core, { households: 12 });
  admin = login(core, 'admin');
  keeper = login(core, 'keeper');
}, 60_000);

afterAll(() => {
  core?.close();
  dir?.cleanup();
});

async function status(): Promise<ReaderStatusView> {
  await core.reader.pollOnce();
  return keeper.call('reader.status', {});
}

function configure(profile: 'keyboard' | 'cvr' | 'sdtapi', libraryPath = fake.libraryPath, port = 1001): ReaderStatusView {
  fake.remove();
  clock.advance(10_000); // past any retry delay of an earlier failure
  return admin.call('reader.saveSettings', { profile, libraryPath: profile === 'keyboard' ? '' : libraryPath, port });
}

describe.each(['cvr', 'sdtapi'] as const)('the %s profile', (profile) => {
  it('waits for a card, reads it once, and the ticket opens the household as the typed number does', async () => {
    configure(profile);
    expect((await status()).state).toBe('waiting');

    fake.place({ name: '测试', idNumber: member.idNumber });
    const read = await status();
    expect(read.state).toBe('read');
    expect(read.ticket).toMatch(/^card:/);
    // The number itself never reaches the page.
    expect(JSON.stringify(read)).not.toContain(member.idNumber);

    const viaCard = keeper.call('counter.lookup', { query: read.ticket! });
    const typed = keeper.call('counter.lookup', { query: member.idNumber });
    expect(viaCard).toEqual(typed);
    expect(viaCard).toMatchObject({ kind: 'household', via: 'id', household: { number: plan.households[0]!.number } });

    // A ticket is good once.
    expect(errorOf(keeper.call.raw('counter.lookup', { query: read.ticket! })).code).toBe('READER_CARD_EXPIRED');
    // The card left lying on the reader is not read again and again.
    expect((await status()).ticket).toBeNull();

    // Taken off and another household's card placed: read again.
    fake.remove();
    expect((await status()).state).toBe('waiting');
    fake.place({ name: '测试', idNumber: other.members[0]!.idNumber });
    const second = await status();
    expect(keeper.call('counter.lookup', { query: second.ticket! })).toMatchObject({ household: { number: other.number } });
  });

  it('an unknown card gets the same refusal as the same number typed', async () => {
    configure(profile);
    await status();
    const stranger = demoPlan({ households: 30, seed: 99 }).households[25]!.members[0]!.idNumber;
    fake.place({ name: '路人', idNumber: stranger });
    const read = await status();
    const viaCard = errorOf(keeper.call.raw('counter.lookup', { query: read.ticket! }));
    const typed = errorOf(keeper.call.raw('counter.lookup', { query: stranger }));
    expect(viaCard).toEqual(typed);
    expect(viaCard.code).toBe('ID_NOT_FOUND');
  });

  it('a ticket not taken within 30 seconds is forgotten', async () => {
    configure(profile);
    await status();
    fake.place({ name: '测试', idNumber: member.idNumber });
    const read = await status();
    clock.advance(31_000);
    expect(keeper.call('reader.status', {}).ticket).toBeNull();
    expect(errorOf(keeper.call.raw('counter.lookup', { query: read.ticket! })).code).toBe('READER_CARD_EXPIRED');
  });
});

describe('a member no longer in the register', () => {
  it('their card gets the same refusal as their number typed, in both ways ID_NOT_FOUND', async () => {
    const h = plan.households.find((x, i) => i > 1 && x.members.length >= 2)!;
    const gone = h.members[1]!;
    const memberId = core.db
      .prepare('SELECT m.id FROM members m JOIN households h ON h.id = m.household_id WHERE h.number = ? AND m.name = ?')
      .pluck()
      .get(h.number, gone.name) as number;
    configure('cvr');
    await status();
    // Known while in the register…
    fake.place({ name: '测试', idNumber: gone.idNumber });
    const before = await status();
    expect(keeper.call('counter.lookup', { query: before.ticket! })).toMatchObject({ household: { number: h.number } });
    fake.remove();
    await status();
    // …then removed from it (moved away, deceased): the card opens nothing, exactly as typing.
    admin.call('households.removeMember', { memberId, reason: '迁出' });
    fake.place({ name: '测试', idNumber: gone.idNumber });
    const read = await status();
    const viaCard = errorOf(keeper.call.raw('counter.lookup', { query: read.ticket! }));
    const typed = errorOf(keeper.call.raw('counter.lookup', { query: gone.idNumber }));
    expect(viaCard).toEqual(typed);
    expect(viaCard.code).toBe('ID_NOT_FOUND');
  });
});

describe('a reader that cannot be used', () => {
  it('a missing library says so in Chinese, and the typed number still opens the household', async () => {
    configure('cvr', join(dir.dir, 'nowhere', 'termb.dll'));
    const s = await status();
    expect(s.state).toBe('disconnected');
    expect(s.error?.code).toBe('READER_LIBRARY_MISSING');
    expect(s.error?.message).toContain('找不到读卡器库文件');
    expect(s.error?.message).toContain('身份证号仍可手工输入');
    expect(keeper.call('counter.lookup', { query: member.idNumber })).toMatchObject({ kind: 'household', via: 'id' });
  });

  it('a file that is not a library, or a library without the profile’s functions, is refused clearly', async () => {
    const junk = join(dir.dir, 'junk.so');
    writeFileSync(junk, 'this is not a shared library');
    configure('cvr', junk);
    const s = await status();
    expect(s.state).toBe('disconnected');
    expect(s.error?.code).toBe('READER_LIBRARY_BROKEN');

    const empty = join(dir.dir, 'libempty.so');
    writeFileSync(join(dir.dir, 'empty.c'), 'int unrelated(void) { return 0; }\n');
    execFileSync('cc', ['-shared', '-fPIC', '-o', empty, join(dir.dir, 'empty.c')]);
    configure('sdtapi', empty);
    const t = await status();
    expect(t.error?.code).toBe('READER_LIBRARY_BROKEN');
    expect(t.error?.message).toContain('请确认型号与库文件相符');
  });

  it('no reader on the port says 未连接 with the port', async () => {
    configure('cvr', fake.libraryPath, 1002);
    const s = await status();
    expect(s.state).toBe('disconnected');
    expect(s.error).toMatchObject({ code: 'READER_NOT_CONNECTED', params: { port: 1002 } });
  });

  it('settings are refused without a full path, and only an administrator may change them', () => {
    expect(errorOf(admin.call.raw('reader.saveSettings', { profile: 'cvr', libraryPath: '', port: 1001 })).code).toBe('BAD_INPUT');
    expect(errorOf(admin.call.raw('reader.saveSettings', { profile: 'cvr', libraryPath: 'termb.dll', port: 1001 })).code).toBe('BAD_INPUT');
    expect(errorOf(keeper.call.raw('reader.saveSettings', { profile: 'cvr', libraryPath: fake.libraryPath, port: 1001 })).code).toBe('FORBIDDEN');
  });

  it('keyboard mode: nothing is loaded, the chip has nothing to say', async () => {
    configure('keyboard');
    expect(await status()).toEqual({ state: 'keyboard', error: null, ticket: null });
  });
});

describe('what is kept', () => {
  it('the number is in no file of the store and in nothing logged; the address and photo were never asked for', async () => {
    // Everything this process says while the card is read and looked up (the hosts log to the console).
    const said: string[] = [];
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
        vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void said.push(a.map(String).join(' '))),
      ),
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => said.push(String(chunk)) > 0),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => said.push(String(chunk)) > 0),
    ];
    try {
      configure('cvr');
      await status();
      fake.place({ name: '测试', idNumber: member.idNumber });
      const read = await status();
      expect(read.state).toBe('read');
      const opened = keeper.call('counter.lookup', { query: read.ticket! }) as { kind: string };
      expect(opened.kind).toBe('household');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(said.filter((line) => line.includes(member.idNumber))).toEqual([]);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    // Every file under the data folder, subfolders (logs, backups, exports) included.
    const files = readdirSync(join(dir.dir, 'data'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = readFileSync(join(f.parentPath, f.name));
      expect(bytes.includes(Buffer.from(member.idNumber)), f.name).toBe(false);
    }
    // The fake counts every call for the address or the photo.
    const koffi = (await import('koffi')).default;
    const lib = koffi.load(fake.libraryPath);
    expect(lib.func('int Fake_PrivateReads()')()).toBe(0);
  });
});
