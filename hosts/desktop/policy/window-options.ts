import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowFacts {
  kiosk: boolean;
  /** app.isPackaged: an installed build, not a developer's `electron .`. */
  packaged: boolean;
  preload: string;
}

/** The one window's settings: locked down always, DevTools only in a developer's build. */
export function windowOptions(f: WindowFacts): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    kiosk: f.kiosk,
    // In kiosk mode the window covers the screen; its close is refused (main.ts) except
    // for an administrator's PIN-guarded exit.
    minimizable: !f.kiosk,
    autoHideMenuBar: true,
    title: '积分超市',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: f.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !f.packaged,
    },
  };
}

/** Where the customer display (客显) goes: the second monitor's bounds, in screen pixels. */
export interface DisplayWindowFacts {
  packaged: boolean;
  preload: string;
  bounds: { x: number; y: number; width: number; height: number };
}

/**
 * The customer display's window: full screen on the second monitor, never focused (the
 * keeper's keys stay on the counter), and locked down like the counter's own window:
 * the same web preferences, DevTools only in a developer's build.
 */
export function displayWindowOptions(f: DisplayWindowFacts): BrowserWindowConstructorOptions {
  const counter = windowOptions({ kiosk: false, packaged: f.packaged, preload: f.preload });
  return {
    ...f.bounds,
    fullscreen: true,
    frame: false,
    focusable: false,
    autoHideMenuBar: true,
    title: '客显',
    backgroundColor: '#fffdf5',
    webPreferences: { ...counter.webPreferences },
  };
}

/**
 * The monitor for the customer display: the first one that is not the primary (the
 * counter's), or null with one screen only (nobody to face). With three or more, the
 * display goes to the first other one Electron lists.
 */
export function customerDisplayScreen<D extends { id: number }>(displays: readonly D[], primaryId: number): D | null {
  return displays.find((d) => d.id !== primaryId) ?? null;
}
