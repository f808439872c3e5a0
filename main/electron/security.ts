/**
 * The desktop window's security settings, kept free of Electron imports so unit tests and the
 * static scan can check them without the Electron runtime.
 */
export const IPC_CHANNEL = 'tpw:invoke';
/** The shell's own few actions (open another pilot file, save a file, the start-up screen's buttons). */
export const SHELL_CHANNEL = 'tpw:shell';

export const WEB_PREFERENCES = {
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
  // Middle-click (auxclick) could otherwise open links in new windows.
  disableBlinkFeatures: 'Auxclick',
} as const;

/** The window's pages come from this privileged custom scheme (never file://): see appProtocol.ts. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The window may show only our own pages: app://workbench/… (the renderer or the start-up screen), never a file route. */
export function isOwnPage(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.pathname.startsWith('/files/');
  } catch {
    return false;
  }
}

/** A generated file or an attachment the page links to: saved through a save dialog, never shown in the window. */
export function isFileRoute(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && /^\/files\/(download\/[0-9a-f-]{36}|blob\/[0-9a-f]{64})$/.test(u.pathname);
  } catch {
    return false;
  }
}

/** The only requests the window's session lets through: our own scheme, and data/blob URLs the page made itself. */
export function isAllowedRequest(url: string, devtools = false): boolean {
  return url.startsWith(`${APP_SCHEME}:`) || url.startsWith('data:') || url.startsWith('blob:') || (devtools && url.startsWith('devtools:'));
}

/** Every permission (camera, geolocation, notifications, …) is refused: the app needs none. */
export const denyAllPermissions = (): boolean => false;
