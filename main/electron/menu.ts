import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { RecentEntry } from './recentFiles';

export interface MenuActions {
  newPilotFile(): void;
  openPilotFile(): void;
  openRecent(file: string): void;
  showPilotFile(): void;
  recent(): RecentEntry[];
}

/** Builds (and after each open, rebuilds) the application menu, with the recent pilot files. */
export function buildMenu(actions: MenuActions): void {
  const recent = actions.recent();
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.map((r) => ({ label: r.label, enabled: r.exists, click: () => actions.openRecent(r.path) }))
    : [{ label: 'No recent pilot files', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: '&New pilot file…', accelerator: 'CmdOrCtrl+N', click: () => actions.newPilotFile() },
        { label: '&Open a different pilot file…', accelerator: 'CmdOrCtrl+O', click: () => actions.openPilotFile() },
        { label: 'Open &recent', submenu: recentItems },
        { type: 'separator' },
        { label: '&Show pilot file in its folder', click: () => actions.showPilotFile() },
        { type: 'separator' },
        { role: process.platform === 'darwin' ? 'close' : 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }])],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
