/**
 * The desktop shell: lifecycle, one hardened window on app://, the IPC transports into the same
 * dispatcher that browser mode and the CLI use, and the start-up screen. No domain logic lives here.
 *
 * Run with --cli, the same binary is the `tpw` command line (no window): the installed app carries
 * the CLI, so nobody needs Node.js (build/resources/bin/tpw[.cmd] are the launchers).
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import type { PathPick } from '../../shared/contract/define';
import { fail, type Result } from '../../shared/result';
import { errorShapeFor } from '../api/errors';
import { machinePolicy } from '../core/policy';
import { useNativeBinding } from '../db/native';
import { DB_FILE_NAME, defaultDataDir } from '../db/paths';
import { dialogTransport, rendererTransport } from './allowList';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, handleAppRequest, STARTUP_URL } from './appProtocol';
import { buildMenu } from './menu';
import { PilotSession } from './pilotSession';
import { desktopPlatform } from './platform';
import { recentPilotFiles } from './recentFiles';
import { fileForRoute, saveTo } from './saveFile';
import { IPC_CHANNEL, isOwnPage, SHELL_CHANNEL } from './security';
import type { OpenRequest } from './startup';
import { ACTION_LABELS } from './startupPage';
import { createMainWindow, hardenSession } from './window';

const outDir = path.join(__dirname, '..');

/** The Electron-ABI build of better-sqlite3 (never the Node-ABI one: see README, "Packaging"). */
function nativeBinding(): string {
  return app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(app.getAppPath(), 'build', 'native', 'electron', 'better_sqlite3.node');
}

const cliAt = process.argv.indexOf('--cli');
if (cliAt !== -1) runCli(process.argv.slice(cliAt + 1));
else runApp();

/** `<app> --cli [--] <verb> …`: the tpw command line inside the installed app. */
function runCli(argv: string[]): void {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  useNativeBinding(nativeBinding());
  if (process.platform === 'darwin') app.dock?.hide();
  void import('../cli/tpw')
    .then(({ main }) => main(args))
    .then(
      (code) => app.exit(code),
      (e: unknown) => {
        process.stderr.write(`tpw: ${(e as Error).message}\n`);
        app.exit(2);
      },
    );
}

function runApp(): void {
  // Before "ready": app:// is a standard, secure scheme (a real origin, so the CSP's 'self' works).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  // Date fields show day/month/year (en-GB) whatever language the computer is set to, like every date the app writes.
  app.commandLine.appendSwitch('lang', 'en-GB');
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  useNativeBinding(nativeBinding());
  app.enableSandbox();
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const configDir = app.getPath('userData');
  const pilots = new PilotSession({ configDir });
  const platform = desktopPlatform;
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  /** The managed data folder, if IT set one (a policy error is shown by the start-up screen instead). */
  const managedDataDir = (): string | null => {
    try {
      return machinePolicy().dataFolder;
    } catch {
      return null;
    }
  };
  const dataDir = () => managedDataDir() ?? (pilots.current ? path.dirname(pilots.current.dbPath) : defaultDataDir());

  /** TPW_DB, else the pilot file open last time, else the default file in the (managed) data folder. */
  function firstFile(): string {
    if (process.env.TPW_DB) return path.resolve(process.env.TPW_DB);
    const last = recentPilotFiles(configDir).find((r) => r.exists);
    return last?.path ?? path.join(managedDataDir() ?? defaultDataDir(), DB_FILE_NAME);
  }

  function refreshMenu(): void {
    buildMenu({
      newPilotFile: () => void newPilotFile(),
      openPilotFile: () => void chooseAndOpen(),
      openRecent: (file) => void switchTo({ dbPath: file }),
      showPilotFile: () => pilots.current && shell.showItemInFolder(pilots.current.dbPath),
      recent: () => recentPilotFiles(configDir),
    });
  }

  function showTitle(): void {
    const cur = pilots.current;
    win?.setTitle(cur ? `${path.basename(cur.dbPath)}${cur.readOnly ? ' (read-only)' : ''} — Total Place Workbench` : 'Total Place Workbench');
  }

  /** Opens a pilot file; on failure either the start-up screen (nothing open) or a message (staying where we were). */
  async function switchTo(req: OpenRequest): Promise<{ ok: boolean; message?: string }> {
    const outcome = await pilots.open(req);
    if (outcome.ok) {
      outcome.opened.workbench.ctx.platform = platform();
      app.addRecentDocument(outcome.opened.dbPath);
      refreshMenu();
      showTitle();
      await win?.loadURL(APP_INDEX_URL);
      return { ok: true };
    }
    const s = outcome.screen;
    if (pilots.current && win) {
      await dialog.showMessageBox(win, { type: 'warning', title: s.title, message: s.title, detail: `${s.explanation}\n\n${s.steps.join('\n')}`, buttons: ['OK'] });
      return { ok: false, message: s.title };
    }
    showTitle();
    await win?.loadURL(STARTUP_URL);
    return { ok: false, message: s.title };
  }

  const PILOT_FILTERS = [
    { name: 'Pilot files', extensions: ['db', 'sqlite', 'sqlite3'] },
    { name: 'All files', extensions: ['*'] },
  ];

  async function chooseAndOpen(): Promise<{ ok: boolean; message?: string }> {
    if (!win) return { ok: false };
    const r = await dialog.showOpenDialog(win, { title: 'Open a pilot file', defaultPath: dataDir(), properties: ['openFile'], filters: PILOT_FILTERS });
    const file = r.filePaths[0];
    return r.canceled || !file ? { ok: false } : switchTo({ dbPath: file });
  }

  async function newPilotFile(): Promise<{ ok: boolean; message?: string }> {
    if (!win) return { ok: false };
    // Choosing an existing file opens it as it is: nothing is ever replaced.
    const r = await dialog.showSaveDialog(win, { title: 'Start a new pilot file', buttonLabel: 'Create', defaultPath: path.join(dataDir(), 'pilot.db'), filters: PILOT_FILTERS, properties: ['createDirectory'] });
    return r.canceled || !r.filePath ? { ok: false } : switchTo({ dbPath: r.filePath });
  }

  async function saveFile(href: unknown): Promise<{ ok: boolean; message?: string }> {
    const cur = pilots.current;
    const file = cur && typeof href === 'string' ? fileForRoute(href, cur.workbench.ctx) : null;
    if (!win || !file) return { ok: false, message: 'That file is no longer available. Make it again.' };
    const r = await dialog.showSaveDialog(win, { title: 'Save', defaultPath: path.join(app.getPath('downloads'), file.name) });
    if (r.canceled || !r.filePath) return { ok: false };
    try {
      await saveTo(file, r.filePath);
      return { ok: true, message: `Saved ${path.basename(r.filePath)}` };
    } catch (e) {
      return { ok: false, message: errorShapeFor(e, 'desktop: save file', cur?.workbench.errorLog).message };
    }
  }

  /** A method whose path the user gives with a dialog here (MethodSpec.pick): the page never names it. */
  async function choosePath(pick: PathPick): Promise<string | null> {
    if (!win) return null;
    const r =
      pick.kind === 'save-file'
        ? await dialog.showSaveDialog(win, { title: pick.title, properties: ['createDirectory', 'showOverwriteConfirmation'] })
        : await dialog.showOpenDialog(win, { title: pick.title, properties: pick.kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile'] });
    const chosen = 'filePaths' in r ? r.filePaths[0] : r.filePath;
    return r.canceled || !chosen ? null : chosen;
  }

  async function invokeWithDialog(request: unknown): Promise<Result<unknown>> {
    const cur = pilots.current;
    return cur ? dialogTransport(cur.workbench.dispatch, choosePath)(request) : fail('NOT_FOUND', 'No pilot file is open.');
  }

  /** The shell's actions: the start-up screen's buttons, saving a linked file, and dialog-backed calls. */
  async function shellAction(action: unknown, arg: unknown): Promise<{ ok: boolean; message?: string } | Result<unknown>> {
    const failed = pilots.lastFailedRequest;
    switch (action) {
      case 'retry':
        return failed ? switchTo({ ...failed, force: false }) : { ok: false };
      case 'open-anyway':
        return failed ? switchTo({ ...failed, force: true, readOnly: false }) : { ok: false };
      case 'open-read-only':
        return failed ? switchTo({ dbPath: failed.dbPath, readOnly: true }) : { ok: false };
      case 'open-different':
        return chooseAndOpen();
      case 'new-file':
        return newPilotFile();
      case 'open-recent': {
        const list = pilots.screen?.recent ?? recentPilotFiles(configDir);
        const entry = typeof arg === 'number' && Number.isInteger(arg) ? list[arg] : undefined;
        return entry ? switchTo({ dbPath: entry.path }) : { ok: false };
      }
      case 'show-folder': {
        const file = pilots.screen?.file ?? pilots.current?.dbPath;
        if (file) shell.showItemInFolder(file);
        return { ok: Boolean(file) };
      }
      case 'save-file':
        return saveFile(arg);
      case 'invoke-with-dialog':
        return invokeWithDialog(arg);
      case 'quit':
        app.quit();
        return { ok: true };
      default:
        return { ok: false, message: `Unknown action. The actions are ${Object.keys(ACTION_LABELS).join(', ')}, open-recent, save-file, invoke-with-dialog.` };
    }
  }

  const fromOwnPage = (event: IpcMainInvokeEvent): boolean => isOwnPage(event.senderFrame?.url ?? '');

  void app.whenReady().then(async () => {
    hardenSession({ devtools: !app.isPackaged });
    protocol.handle(APP_SCHEME, (req) =>
      handleAppRequest(req, {
        rendererDir: path.join(outDir, 'renderer'),
        context: () => (pilots.current ? { ctx: pilots.current.workbench.ctx, errorLog: pilots.current.workbench.errorLog } : null),
        startupScreen: () => pilots.screen,
      }),
    );
    // Anything Chromium itself decides to download still goes through a save dialog.
    session.defaultSession.on('will-download', (_e, item) => item.setSaveDialogOptions({ title: 'Save', defaultPath: path.join(app.getPath('downloads'), item.getFilename()) }));

    const invoke = (method: unknown, input: unknown) => {
      const cur = pilots.current;
      return cur ? rendererTransport(cur.workbench.dispatch)(method, input) : Promise.resolve(fail('NOT_FOUND', 'No pilot file is open.'));
    };
    ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) => {
      if (!fromOwnPage(event)) return fail('UNAUTHORISED', 'Unexpected sender');
      try {
        return await invoke(method, input);
      } catch (e) {
        return { ok: false, error: errorShapeFor(e, String(method), pilots.current?.workbench.errorLog) };
      }
    });
    ipcMain.handle(SHELL_CHANNEL, async (event, action: unknown, arg: unknown) => {
      if (!fromOwnPage(event)) return { ok: false, message: 'Unexpected sender' };
      return shellAction(action, arg);
    });

    const outcome = await pilots.open({ dbPath: firstFile() });
    if (outcome.ok) {
      outcome.opened.workbench.ctx.platform = platform();
      app.addRecentDocument(outcome.opened.dbPath);
    }
    refreshMenu();
    win = createMainWindow(outDir, outcome.ok ? APP_INDEX_URL : STARTUP_URL, { onFileRoute: (url) => void saveFile(url) });
    showTitle();
    win.on('closed', () => (win = null));
  });

  app.on('window-all-closed', () => {
    void pilots.close().finally(() => app.quit());
  });
}
