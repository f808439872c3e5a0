/**
 * What only the desktop shell can do for the services: open a file in the system viewer, seal
 * secrets with the OS keychain (safeStorage), and print HTML to PDF with Electron's Chromium.
 */
import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, safeStorage, shell } from 'electron';
import type { PlatformServices } from '../core/context';

export function desktopPlatform(): PlatformServices {
  const platform: PlatformServices = {
    async openPath(file) {
      const error = await shell.openPath(file);
      if (error) throw new Error(error);
    },
    async printToPdf(htmlFile, pdfFile) {
      // A hidden, script-less, sandboxed window: the report is static HTML we generated.
      const win = new BrowserWindow({
        show: false,
        webPreferences: {
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
        const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
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
