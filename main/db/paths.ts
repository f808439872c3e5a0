import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'Total Place Workbench';
export const DB_FILE_NAME = 'workbench.db';

/**
 * The per-user data folder. It matches Electron's app.getPath('userData') for our productName,
 * so the CLI and the desktop app find the same database without Electron being loaded.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_FOLDER_NAME);
}

/** `--db` wins, then $TPW_DB, then the data folder IT set by policy (`managedDataDir`), then the per-user folder. */
export function resolveDbPath(explicit?: string | null, env: NodeJS.ProcessEnv = process.env, managedDataDir?: string | null): string {
  if (explicit) return path.resolve(explicit);
  if (env.TPW_DB) return path.resolve(env.TPW_DB);
  return path.join(managedDataDir ?? defaultDataDir(env), DB_FILE_NAME);
}

/** Whether resolveDbPath needs the data folder (nothing named a file): lets the CLI skip reading policy. */
export const namesNoFile = (explicit?: string | null, env: NodeJS.ProcessEnv = process.env): boolean => !explicit && !env.TPW_DB;

/** Everything that belongs to one database file lives beside it, named after it. */
export function companionPaths(dbPath: string) {
  const dir = path.dirname(dbPath);
  const base = path.basename(dbPath).replace(/\.(db|sqlite3?)$/i, '');
  return {
    attachmentsDir: path.join(dir, `${base}-attachments`),
    snapshotsDir: path.join(dir, `${base}-snapshots`),
    tempDir: path.join(dir, `${base}-tmp`),
    /** The error log (errors.log and its rotations): stacks of unexpected failures, never shown in the UI. */
    logsDir: path.join(dir, `${base}-logs`),
  };
}
