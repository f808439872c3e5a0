import path from 'node:path';
import { BrowserWindow, session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { APP_ORIGIN, denyAllPermissions, isAllowedRequest, isFileRoute, isOwnPage } from './security';

/** Locks the session down once: CSP on every response, no permissions, nothing but our own scheme. */
export function hardenSession(opts: { devtools: boolean }): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(denyAllPermissions()));
  ses.setPermissionCheckHandler(denyAllPermissions);
  // Spell-checking uses the system's dictionaries on Windows and macOS; elsewhere Chromium would
  // download Hunspell ones from Google. Point it at our own scheme, which has none: nothing leaves.
  ses.setSpellCheckerDictionaryDownloadURL(`${APP_ORIGIN}/no-dictionaries/`);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // The app is offline by promise, and pages come from app:// only: file:// and the network are refused.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, opts.devtools) });
  });
}

export interface WindowHooks {
  /** The page followed a link to a file route (a download): the shell saves it through a dialog. */
  onFileRoute(url: string): void;
}

export function createMainWindow(outDir: string, firstUrl: string, hooks: WindowHooks): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Total Place Workbench',
    backgroundColor: '#f3f2f1',
    // Written out literally (not spread from security.ts) so the static scanner can read it;
    // a unit test checks it equals WEB_PREFERENCES.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      preload: path.join(outDir, 'preload', 'index.cjs'),
    },
  });
  win.once('ready-to-show', () => win.show());

  // No new windows of any kind: the app has no reason to open one, and it is offline by promise.
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (isOwnPage(url)) return;
    event.preventDefault();
    if (isFileRoute(url)) hooks.onFileRoute(url);
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(firstUrl);
  return win;
}
