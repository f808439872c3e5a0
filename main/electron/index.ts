/**
 * The desktop shell: lifecycle, one hardened window, and the IPC transport into the same
 * dispatcher that browser mode and the CLI use. No domain logic lives here.
 */
import path from 'node:path';
import { app, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { ERROR_HEADINGS } from '../../shared/errors';
import { openWorkbench, type Workbench } from '../api/workbench';
import { DB_FILE_NAME } from '../db/paths';
import { errorShapeFor } from '../api/errors';
import { errorLogBeside } from '../core/errorLog';
import { buildMenu } from './menu';
import { desktopPlatform } from './platform';
import { IPC_CHANNEL, isOwnPage } from './security';
import { createMainWindow, hardenSession, rendererIndexUrl } from './window';

const outDir = path.join(__dirname, '..');
let workbench: Workbench | null = null;

/** The Electron-ABI build of better-sqlite3 (never the Node-ABI one: see README, "Packaging"). */
function nativeBinding(): string {
  return app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(app.getAppPath(), 'build', 'native', 'electron', 'better_sqlite3.node');
}

function checkSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return isOwnPage(url, rendererIndexUrl(outDir));
}

if (!app.requestSingleInstanceLock()) app.quit();

app.enableSandbox();
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  hardenSession();
  buildMenu();
  const dbPath = process.env.TPW_DB ?? path.join(app.getPath('userData'), DB_FILE_NAME);
  try {
    workbench = openWorkbench(dbPath, 'desktop', { nativeBinding: nativeBinding() });
  } catch (e) {
    // No window without a database: say why in plain words (a newer file, a full disk, or by reference).
    const err = errorShapeFor(e, 'open database', errorLogBeside(dbPath));
    dialog.showErrorBox(ERROR_HEADINGS[err.code], err.message);
    app.quit();
    return;
  }
  // What only the shell can do: open files, print to PDF, seal secrets (the bundle keys) with the OS keychain.
  workbench.ctx.platform = desktopPlatform();
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!checkSender(event)) return { ok: false, error: { code: 'UNAUTHORISED', message: 'Unexpected sender' } };
    try {
      return await workbench!.dispatch(String(method), input);
    } catch (e) {
      return { ok: false, error: errorShapeFor(e, String(method), workbench?.errorLog) };
    }
  });
  const win = createMainWindow(outDir);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
});

app.on('window-all-closed', () => {
  void workbench?.close().finally(() => app.quit());
});
