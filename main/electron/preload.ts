/**
 * The only bridge between the sandboxed page and the app: `invoke` over one IPC channel (the main
 * process lets through only the methods on its allow-list) and `shell` over another (the shell's own
 * few actions: open another pilot file, save a file through a save dialog, the start-up screen's
 * buttons). No Node, no paths, no other API reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';

// Same values as security.ts; a sandboxed preload cannot import local modules.
const IPC_CHANNEL = 'tpw:invoke';
const SHELL_CHANNEL = 'tpw:shell';

contextBridge.exposeInMainWorld('workbench', {
  platform: 'desktop',
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input),
  shell: (action: string, arg?: unknown) => ipcRenderer.invoke(SHELL_CHANNEL, action, arg),
});
