/**
 * The desktop window's security settings, kept free of Electron imports so unit tests and the
 * static scan can check them without the Electron runtime.
 */
export const IPC_CHANNEL = 'tpw:invoke';

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

/** The only page the window may show is our own renderer, loaded from disk. */
export function isOwnPage(url: string, rendererIndexUrl: string): boolean {
  try {
    const u = new URL(url);
    const own = new URL(rendererIndexUrl);
    return u.protocol === 'file:' && u.pathname === own.pathname;
  } catch {
    return false;
  }
}

/** Every permission (camera, geolocation, notifications, …) is refused: the app needs none. */
export const denyAllPermissions = (): boolean => false;
