import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_FILE, LOG_FOLDER, logDesktopEvent, MAX_BYTES } from '../../../hosts/desktop/event-log.js';
import { MAX_RELOADS, RecoveryPolicy, WINDOW_MS } from '../../../hosts/desktop/policy/recovery.js';

describe('a crashed or hung page', () => {
  it('is reloaded with a message in Chinese and English', () => {
    const p = new RecoveryPolicy();
    const a = p.onGone('crashed', 0);
    expect(a.kind).toBe('reload');
    expect(a.kind === 'reload' && a.message).toMatch(/已重新载入[\s\S]*reloaded/);
    expect(p.onHung(1000).kind).toBe('reload');
  });

  it('a clean exit (the window closing) is not a crash', () => {
    expect(new RecoveryPolicy().onGone('clean-exit', 0)).toEqual({ kind: 'ignore' });
  });

  it('stops reloading a page that keeps dying, and starts again after a quiet spell', () => {
    const p = new RecoveryPolicy();
    for (let i = 0; i < MAX_RELOADS; i++) expect(p.onGone(i % 2 ? 'oom' : 'crashed', i * 1000).kind).toBe('reload');
    const gaveUp = p.onGone('crashed', MAX_RELOADS * 1000);
    expect(gaveUp.kind).toBe('give-up');
    expect(p.onHung(MAX_RELOADS * 1000 + 1).kind).toBe('give-up');
    expect(p.onGone('crashed', WINDOW_MS + MAX_RELOADS * 1000).kind).toBe('reload');
  });
});

describe('the desktop event log', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('appends one JSON line per event, private to the user, and rolls over at its size cap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vps-log-'));
    dirs.push(dir);
    logDesktopEvent(dir, { event: 'renderer-gone', reason: 'crashed', exitCode: 5 }, new Date('2026-01-02T03:04:05Z'));
    logDesktopEvent(dir, { event: 'renderer-gone', action: 'reload' });
    const file = join(dir, LOG_FOLDER, LOG_FILE);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ at: '2026-01-02T03:04:05.000Z', event: 'renderer-gone', reason: 'crashed', exitCode: 5 });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, 'x'.repeat(MAX_BYTES));
    logDesktopEvent(dir, { event: 'after-rollover' });
    expect(readFileSync(file, 'utf8')).toMatch(/^\{"at":".*","event":"after-rollover"\}\n$/);
    expect(statSync(file + '.1').size).toBe(MAX_BYTES);
  });
});
