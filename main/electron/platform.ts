/**
 * What only the desktop shell can do for the services: open a file in the system viewer, seal
 * secrets with the OS keychain (safeStorage), and print HTML to PDF with Electron's Chromium.
 */
import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, safeStorage, session, shell } from 'electron';
import type { PlatformServices } from '../core/context';

export function desktopPlatform(): PlatformServices {
  const platform: PlatformServices = {
    async openPath(file) {
      const error = await shell.openPath(file);
      if (error) throw new Error(error);
    },
    async printToPdf(htmlFile, pdfFile) {
      // A hidden, script-less, sandboxed window: the report is static HTML we generated. It has a
      // session of its own, because the app's session refuses file:// (its pages come from app://).
      const win = new BrowserWindow({
        show: false,
        webPreferences: {
          session: printSession(),
          javascript: false,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      win.webContents.on('will-navigate', (event) => event.preventDefault());
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      try {
        await win.loadURL(pathToFileURL(htmlFile).toString());
        // The same PDF as the CLI's headless Chromium: the report's own @page size and margin boxes
        // (marking, page n of N), tagged for screen readers, with an outline from the headings.
        const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true, generateTaggedPDF: true, generateDocumentOutline: true });
        await fs.writeFile(pdfFile, pdf);
      } finally {
        win.destroy();
      }
    },
  };
  if (safeStorage.isEncryptionAvailable()) {
    platform.protectSecret = (plain) => safeStorage.encryptString(plain.toString('base64'));
    platform.unprotectSecret = (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64');
  }
  return platform;
}

let printSessionReady = false;

/** In memory only; lets through the local report file and its data: images, nothing else, and grants no permission. */
function printSession(): Electron.Session {
  const ses = session.fromPartition('tpw-print');
  if (!printSessionReady) {
    printSessionReady = true;
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !(details.url.startsWith('file:') || details.url.startsWith('data:')) }));
  }
  return ses;
}
