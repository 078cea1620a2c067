import { describe, expect, it } from 'vitest';
import { keyAction, type KeyFacts } from '../../../hosts/desktop/policy/keys.js';
import { menuTemplate } from '../../../hosts/desktop/policy/menu.js';
import { devicePermissionAllowed, permissionAllowed } from '../../../hosts/desktop/policy/permissions.js';
import { customerDisplayScreen, displayWindowOptions, windowOptions } from '../../../hosts/desktop/policy/window-options.js';

const key = (k: string, mods: Partial<KeyFacts> = {}): KeyFacts => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});
const packagedWin = { packaged: true, kiosk: false, platform: 'win32' as const };
const kioskDev = { packaged: false, kiosk: true, platform: 'linux' as const };
const devWin = { packaged: false, kiosk: false, platform: 'win32' as const };

describe('window options', () => {
  it('are locked down in every build', () => {
    for (const packaged of [true, false]) {
      const w = windowOptions({ kiosk: false, packaged, preload: '/app/preload.cjs' }).webPreferences!;
      expect(w).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        webviewTag: false,
        allowRunningInsecureContent: false,
      });
      expect(w.preload).toBe('/app/preload.cjs');
    }
  });
  it('have no DevTools in a packaged build', () => {
    expect(windowOptions({ kiosk: false, packaged: true, preload: 'p' }).webPreferences!.devTools).toBe(false);
    expect(windowOptions({ kiosk: false, packaged: false, preload: 'p' }).webPreferences!.devTools).toBe(true);
  });
  it('are kiosk when asked', () => {
    expect(windowOptions({ kiosk: true, packaged: true, preload: 'p' })).toMatchObject({ kiosk: true, minimizable: false });
    expect(windowOptions({ kiosk: false, packaged: true, preload: 'p' }).kiosk).toBe(false);
  });
  it('the customer display: full screen on the second monitor, never focused, locked down alike, no DevTools when packaged', () => {
    const bounds = { x: 1920, y: 0, width: 1280, height: 1024 };
    for (const packaged of [true, false]) {
      const d = displayWindowOptions({ packaged, preload: '/app/preload.cjs', bounds });
      expect(d).toMatchObject({ ...bounds, fullscreen: true, focusable: false, frame: false });
      expect(d.webPreferences).toEqual(windowOptions({ kiosk: false, packaged, preload: '/app/preload.cjs' }).webPreferences);
      expect(d.webPreferences!.devTools).toBe(!packaged);
    }
  });
  it('the customer display goes to a monitor other than the counter’s, and nowhere with one screen', () => {
    const counter = { id: 7, bounds: { x: 0, y: 0, width: 1366, height: 768 } };
    const facing = { id: 3, bounds: { x: 1366, y: 0, width: 1280, height: 1024 } };
    expect(customerDisplayScreen([counter], 7)).toBeNull();
    expect(customerDisplayScreen([counter, facing], 7)).toBe(facing);
    expect(customerDisplayScreen([facing, counter], 7)).toBe(facing);
  });
});

describe('shortcuts', () => {
  const devtools = [key('F12'), key('I', { control: true, shift: true }), key('j', { control: true, shift: true }), key('C', { control: true, shift: true })];
  const reload = [key('F5'), key('F5', { control: true }), key('r', { control: true }), key('R', { control: true, shift: true })];
  const close = [key('w', { control: true }), key('F4', { control: true }), key('F4', { alt: true }), key('q', { control: true })];

  it('DevTools, reload and close are blocked in a packaged build', () => {
    for (const k of [...devtools, ...reload, ...close]) expect(keyAction(k, packagedWin), JSON.stringify(k)).toBe('block');
  });
  it('and in kiosk mode, even in a developer build', () => {
    for (const k of [...devtools, ...reload, ...close]) expect(keyAction(k, kioskDev), JSON.stringify(k)).toBe('block');
  });
  it('a developer build outside kiosk keeps them', () => {
    for (const k of [...devtools, ...reload, ...close]) expect(keyAction(k, devWin)).toBe('pass');
  });
  it('the Mac spellings are blocked too', () => {
    const mac = { packaged: true, kiosk: true, platform: 'darwin' as const };
    for (const k of [key('i', { meta: true, alt: true }), key('r', { meta: true }), key('w', { meta: true }), key('q', { meta: true })])
      expect(keyAction(k, mac)).toBe('block');
  });
  it('typing, scanning and editing pass', () => {
    for (const k of [
      key('a'),
      key('1'),
      key('Enter'),
      key('Backspace'),
      key('c', { control: true }),
      key('v', { control: true }),
      key('x', { control: true }),
      key('a', { control: true }),
      key('z', { control: true }),
      key('Tab', { shift: true }),
    ]) {
      expect(keyAction(k, packagedWin), JSON.stringify(k)).toBe('pass');
    }
    expect(keyAction({ ...key('F5'), type: 'keyUp' }, packagedWin)).toBe('pass');
  });
});

describe('application menu', () => {
  it('is removed in kiosk mode and in a packaged build on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(menuTemplate({ kiosk: true, packaged: true, platform })).toBeNull();
      expect(menuTemplate({ kiosk: true, packaged: false, platform })).toBeNull();
      expect(menuTemplate({ kiosk: false, packaged: true, platform })).toBeNull();
    }
    expect(menuTemplate({ kiosk: false, packaged: false, platform: 'win32' })).toBe('default');
  });
  it('on a Mac keeps only editing (and, outside kiosk, quit)', () => {
    const roles = (t: ReturnType<typeof menuTemplate>) =>
      JSON.stringify(t)
        .match(/"role":"(\w+)"/g)!
        .map((s) => s.slice(8, -1));
    const kiosk = roles(menuTemplate({ kiosk: true, packaged: true, platform: 'darwin' }));
    expect(kiosk).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(roles(menuTemplate({ kiosk: false, packaged: true, platform: 'darwin' }))).toContain('quit');
    for (const r of ['reload', 'forceReload', 'toggleDevTools', 'close']) expect(kiosk).not.toContain(r);
  });
});

describe('permissions', () => {
  const own = 'app://counter/index.html';
  it('refuses everything a counter page does not need', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'midi',
      'hid',
      'usb',
      'serial',
      'clipboard-read',
      'display-capture',
      'openExternal',
      'fileSystem',
      'unknown',
    ]) {
      expect(permissionAllowed({ permission, requestingUrl: own, isMainFrame: true, mediaTypes: [] }), permission).toBe(false);
    }
    expect(devicePermissionAllowed({ deviceType: 'usb', origin: 'app://counter' })).toBe(false);
    expect(devicePermissionAllowed({ deviceType: 'hid', origin: 'app://counter' })).toBe(false);
  });
  it('allows the camera (video only) to our own main frame, for card QR codes', () => {
    expect(permissionAllowed({ permission: 'media', requestingUrl: own, isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
    expect(permissionAllowed({ permission: 'media', requestingUrl: own, isMainFrame: true, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(permissionAllowed({ permission: 'media', requestingUrl: own, isMainFrame: true, mediaTypes: [] })).toBe(false);
    expect(permissionAllowed({ permission: 'media', requestingUrl: own, isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
    expect(permissionAllowed({ permission: 'media', requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
  });
});
