/**
 * Keeping the pilot file and its companions private and tidy:
 *  - what the workbench creates is readable by the user alone: folders 0700, files 0600 (the
 *    database, its WAL and shared-memory files, snapshots, identity, staging, uploads, exports);
 *    a database or folder from before this rule is tightened when it is opened;
 *  - snapshots are pruned to the newest KEEP_SNAPSHOTS (they are taken before every migration and
 *    every bundle import, and each is a full copy of the database);
 *  - what an interrupted process left behind is removed: an import's staging folder once the
 *    process that made it has ended, and uploads, exports, opened copies and half-written
 *    attachments a day old.
 * Modes are a POSIX notion: on Windows, chmod only toggles read-only, and the profile folder's
 * ACL keeps the files private.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { companionPaths } from './paths';

/** How many snapshots are kept (README: "Snapshots"). */
export const KEEP_SNAPSHOTS = 10;
/** Uploads, exports, opened copies and half-written blobs older than this are leftovers. */
export const LEFTOVER_AGE_MS = 24 * 3600 * 1000;

const POSIX = process.platform !== 'win32';

/** Creates a folder (and its parents) only the user can enter. */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Creates an empty file only the user can read, failing if it exists. */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
}

/** Takes group and other permissions away from an existing file or folder we own. */
export function tighten(target: string, mode: 0o600 | 0o700): void {
  if (!POSIX) return;
  try {
    const st = fs.statSync(target);
    if ((st.mode & 0o077) !== 0 && typeof process.getuid === 'function' && st.uid === process.getuid()) fs.chmodSync(target, mode);
  } catch {
    // Gone, or not ours: nothing to tighten.
  }
}

/** The database and its companions, made private (files that predate the rule included). */
export function tightenAll(dbPath: string, paths: ReturnType<typeof companionPaths>): void {
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`]) tighten(f, 0o600);
  for (const d of [paths.attachmentsDir, paths.snapshotsDir, paths.tempDir, paths.logsDir]) tighten(d, 0o700);
  if (fs.existsSync(paths.snapshotsDir)) for (const f of fs.readdirSync(paths.snapshotsDir)) tighten(path.join(paths.snapshotsDir, f), 0o600);
}

export function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const olderThan = (file: string, ms: number, now: number): boolean => {
  try {
    return now - fs.statSync(file).mtimeMs > ms;
  } catch {
    return false;
  }
};

/** Removes a leftover; one still held open elsewhere (Windows) is left for next time. */
const remove = (target: string) => {
  try {
    fs.rmSync(target, { recursive: true, force: true });
  } catch {
    // In use: tried again at the next open.
  }
};

/** Keeps the newest KEEP_SNAPSHOTS snapshots; returns the names removed. */
export function pruneSnapshots(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  // Snapshot names start with their ISO time, so the name order is the time order.
  const snaps = fs.readdirSync(dir).filter((f) => f.endsWith('.db')).sort();
  const old = snaps.slice(0, Math.max(0, snaps.length - KEEP_SNAPSHOTS));
  for (const f of old) remove(path.join(dir, f));
  return old;
}

export interface PruneReport {
  snapshots: string[];
  leftovers: string[];
}

/** Prunes snapshots beyond the newest KEEP_SNAPSHOTS and removes leftovers of ended processes. */
export function prune(paths: ReturnType<typeof companionPaths>, now = Date.now()): PruneReport {
  const report: PruneReport = { snapshots: pruneSnapshots(paths.snapshotsDir), leftovers: [] };
  const drop = (target: string) => {
    remove(target);
    report.leftovers.push(target);
  };
  if (fs.existsSync(paths.tempDir)) {
    for (const name of fs.readdirSync(paths.tempDir)) {
      const full = path.join(paths.tempDir, name);
      // import-<pid>-<id>: an import's staging folder, kept while its process runs.
      const staging = /^import-(\d+)-/.exec(name);
      if (staging) {
        if (!processIsAlive(Number(staging[1]))) drop(full);
      } else if (/^writing-(\d+)\.json$/.test(name)) {
        // writing-<pid>.json: who holds the write lock (writeLock.ts), stale once its process ended.
        if (!processIsAlive(Number(/\d+/.exec(name)![0]))) drop(full);
      } else if (name.startsWith('import-')) {
        // A staging folder from before folders named their process.
        if (olderThan(full, 3600 * 1000, now)) drop(full);
      } else if (['uploads', 'exports', 'open'].includes(name)) {
        for (const entry of fs.readdirSync(full)) {
          const item = path.join(full, entry);
          if (olderThan(item, LEFTOVER_AGE_MS, now)) drop(item);
        }
      }
    }
  }
  const blobTmp = path.join(paths.attachmentsDir, 'tmp');
  if (fs.existsSync(blobTmp)) {
    for (const entry of fs.readdirSync(blobTmp)) {
      const item = path.join(blobTmp, entry);
      if (olderThan(item, LEFTOVER_AGE_MS, now)) drop(item);
    }
  }
  return report;
}
