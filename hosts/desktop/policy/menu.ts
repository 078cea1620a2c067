import type { MenuItemConstructorOptions } from 'electron';

export interface MenuFacts {
  kiosk: boolean;
  packaged: boolean;
  platform: NodeJS.Platform;
}

/**
 * The application menu: 'default' keeps Electron's (a developer's build), null removes it
 * (with it go its accelerators: reload, DevTools, close). On a Mac text editing shortcuts
 * (copy, paste, undo) live in the Edit menu, so a Mac gets that menu and nothing else.
 */
export function menuTemplate(f: MenuFacts): 'default' | MenuItemConstructorOptions[] | null {
  if (!f.packaged && !f.kiosk) return 'default';
  if (f.platform !== 'darwin') return null;
  const edit: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  if (f.kiosk) return [{ label: '积分超市', submenu: [] }, edit];
  return [{ label: '积分超市', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'quit' }] }, edit];
}
