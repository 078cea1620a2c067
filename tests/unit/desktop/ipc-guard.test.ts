import { describe, expect, it } from 'vitest';
import { checkSender } from '../../../hosts/desktop/policy/ipc-guard.js';

const main = { url: 'app://counter/index.html', isTopFrame: true, isMainFrameOfSender: true };

describe('IPC sender check', () => {
  it('accepts the main frame of our page', () => {
    expect(checkSender({ frame: main })).toEqual({ ok: true });
    expect(checkSender({ frame: { ...main, url: 'app://counter/counter/redeem?x=1' } })).toEqual({ ok: true });
  });

  it('refuses a subframe, even one on our origin', () => {
    expect(checkSender({ frame: { ...main, isTopFrame: false } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(checkSender({ frame: { ...main, isMainFrameOfSender: false } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses other origins and a frame that is gone', () => {
    for (const url of ['https://evil.example/', 'app://counter.evil/', 'file:///index.html', 'data:text/html,x', 'about:blank', '']) {
      expect(checkSender({ frame: { ...main, url } }), url).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(checkSender({ frame: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
