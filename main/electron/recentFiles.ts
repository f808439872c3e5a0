/**
 * The recent pilot files: a small JSON file in the app's own config folder (userData), never in a
 * pilot database — it is about this user on this computer, not about the pilot. A damaged file is
 * treated as an empty list: it is a convenience, and losing it must never stop the app.
 */
import fs from 'node:fs';
import path from 'node:path';

export const RECENT_FILE_NAME = 'recent-pilot-files.json';
export const MAX_RECENT = 10;

export interface RecentPilotFile {
  path: string;
  openedAt: string;
}

export interface RecentEntry extends RecentPilotFile {
  /** What a menu shows: the file name and, in brackets, its folder. */
  label: string;
  exists: boolean;
}

const listFile = (configDir: string) => path.join(configDir, RECENT_FILE_NAME);
const samePath = (a: string, b: string) => (process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b);

function readList(configDir: string): RecentPilotFile[] {
  try {
    const v = JSON.parse(fs.readFileSync(listFile(configDir), 'utf8')) as { files?: unknown };
    if (!Array.isArray(v.files)) return [];
    return v.files
      .filter((f): f is RecentPilotFile => typeof f === 'object' && f !== null && typeof (f as RecentPilotFile).path === 'string' && path.isAbsolute((f as RecentPilotFile).path) && typeof (f as RecentPilotFile).openedAt === 'string')
      .slice(0, MAX_RECENT);
  } catch {
    return [];
  }
}

function writeList(configDir: string, files: RecentPilotFile[]): void {
  fs.mkdirSync(configDir, { recursive: true });
  const file = listFile(configDir);
  // Write then rename: a crash mid-write leaves the old list, not half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ version: 1, files }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function labelFor(file: string): string {
  return `${path.basename(file)} (${path.dirname(file)})`;
}

/** Most recent first, each marked with whether the file is still there. */
export function recentPilotFiles(configDir: string): RecentEntry[] {
  return readList(configDir).map((f) => ({ ...f, label: labelFor(f.path), exists: fs.existsSync(f.path) }));
}

/** Puts `file` at the top of the list (once), keeping at most MAX_RECENT. */
export function rememberPilotFile(configDir: string, file: string, now = new Date()): void {
  const abs = path.resolve(file);
  const rest = readList(configDir).filter((f) => !samePath(f.path, abs));
  writeList(configDir, [{ path: abs, openedAt: now.toISOString() }, ...rest].slice(0, MAX_RECENT));
}

export function forgetPilotFile(configDir: string, file: string): void {
  const abs = path.resolve(file);
  const list = readList(configDir);
  const rest = list.filter((f) => !samePath(f.path, abs));
  if (rest.length !== list.length) writeList(configDir, rest);
}
