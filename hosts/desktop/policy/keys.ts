/**
 * Keyboard shortcuts the main process intercepts (webContents 'before-input-event'),
 * decided from the key alone. Removing the application menu already removes Electron's
 * menu accelerators; this also catches the shortcuts Chromium handles by itself and
 * keeps them off whatever menu a platform still shows.
 */
export interface KeyFacts {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

export interface KeyContext {
  packaged: boolean;
  kiosk: boolean;
  platform: NodeJS.Platform;
}

/** The way out of kiosk mode is not a key: it is an administrator's PIN (host.exit). */
export type KeyAction = 'pass' | 'block';

export function keyAction(k: KeyFacts, ctx: KeyContext): KeyAction {
  if (k.type !== 'keyDown' && k.type !== 'rawKeyDown') return 'pass';
  const key = k.key.length === 1 ? k.key.toLowerCase() : k.key;
  const mod = ctx.platform === 'darwin' ? k.meta : k.control;
  // A developer's build keeps every shortcut (DevTools, reload) outside kiosk mode.
  if (!ctx.packaged && !ctx.kiosk) return 'pass';
  // DevTools: F12, Ctrl+Shift+I/J/C, Cmd+Alt+I/J/C.
  if (key === 'F12') return 'block';
  if (mod && (k.shift || (ctx.platform === 'darwin' && k.alt)) && ['i', 'j', 'c'].includes(key)) return 'block';
  // Reload: F5, Ctrl+F5, Ctrl+R, Ctrl+Shift+R (a reload in the middle of a sale loses the cart).
  if (key === 'F5' || key === 'BrowserRefresh') return 'block';
  if (mod && key === 'r') return 'block';
  // Close: Ctrl+W, Ctrl+F4, Ctrl+Q/Cmd+Q, Alt+F4 (the window's close is refused in kiosk mode too).
  if (mod && (key === 'w' || key === 'F4' || key === 'q')) return 'block';
  if (k.alt && key === 'F4') return 'block';
  // Navigation away from the app: Alt+Left/Right, the browser's back/forward keys.
  if (k.alt && (key === 'ArrowLeft' || key === 'ArrowRight')) return 'block';
  if (key === 'BrowserBack' || key === 'BrowserForward') return 'block';
  // Print preview and view-source open windows of their own.
  if (mod && (key === 'p' || key === 'u')) return 'block';
  return 'pass';
}
