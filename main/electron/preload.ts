/**
 * The only bridge between the sandboxed page and the app: one typed `invoke` over one IPC
 * channel. No Node, no ipcRenderer, no other API reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';

const IPC_CHANNEL = 'tpw:invoke'; // same value as security.ts; a sandboxed preload cannot import local modules

contextBridge.exposeInMainWorld('workbench', {
  platform: 'desktop',
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input),
  // The path of a file the user chose in a file input; lets the services stream it from disk.
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});
