/**
 * Which build of the SQLite driver to load. Node (tests, `npx tpw`, browser mode) uses the one
 * `npm install` compiled; the desktop app, and `tpw` run from the installed app, must use the
 * Electron-ABI build it ships (resources/native/better_sqlite3.node). The Electron entry sets it
 * once for the whole process, so every file opened there uses the right one.
 */
let processDefault: string | undefined;

export function useNativeBinding(file: string | undefined): void {
  processDefault = file;
}

/** The binding to pass to better-sqlite3: the caller's, else the process default, else the driver's own. */
export const nativeBindingFor = (explicit?: string): string | undefined => explicit ?? processDefault;
