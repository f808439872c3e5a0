/**
 * "This pilot file is open": a lock file beside the database while the desktop app has it open, so
 * the same file is never opened twice by the app — not by a second copy (a portable one, another
 * Windows account) nor by a colleague's laptop on a shared drive. The single-instance lock only
 * covers one user's one installation.
 *
 * The lock is a small JSON file created with O_EXCL. A lock left by a process that is gone (same
 * computer, pid not running) is taken over; one held elsewhere is reported with who and since when,
 * and the user may take it over deliberately ("Open anyway") when that computer crashed.
 */
import fs from 'node:fs';
import os from 'node:os';

export interface LockHolder {
  pid: number;
  host: string;
  user: string;
  since: string;
}

export interface PilotLock {
  readonly file: string;
  release(): void;
}

/** Another copy of the app has the file open. */
export class PilotFileLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | null,
  ) {
    super(`The pilot file is open in another copy of Total Place Workbench (lock ${lockFile}).`);
    this.name = 'PilotFileLockedError';
  }
}

export const lockFileFor = (dbPath: string): string => `${dbPath}.lock`;

function me(now: Date): LockHolder {
  let user = 'unknown';
  try {
    user = os.userInfo().username || user;
  } catch {
    // No passwd entry (containers): keep "unknown".
  }
  return { pid: process.pid, host: os.hostname(), user, since: now.toISOString() };
}

function readHolder(file: string): LockHolder | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.user === 'string' && typeof v.since === 'string') return v as LockHolder;
  } catch {
    // Unreadable or half-written: treated as held by someone unknown.
  }
  return null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock from this computer whose process has ended (a crash, a power cut) is stale. */
function isStale(holder: LockHolder | null): boolean {
  return holder !== null && holder.host === os.hostname() && holder.pid !== process.pid && !isRunning(holder.pid);
}

/**
 * Takes the lock for `dbPath`, or throws PilotFileLockedError. `force` takes over a lock held
 * elsewhere (the user said the other computer is not using it). Our own lock is simply kept.
 */
export function acquirePilotLock(dbPath: string, opts: { force?: boolean; now?: Date } = {}): PilotLock {
  const file = lockFileFor(dbPath);
  const mine = me(opts.now ?? new Date());
  const body = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, body, { flag: 'wx', mode: 0o600 });
      return lockHandle(file, mine);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readHolder(file);
    if (holder && holder.pid === mine.pid && holder.host === mine.host) return lockHandle(file, holder);
    if (!(opts.force || isStale(holder))) throw new PilotFileLockedError(file, holder);
    fs.rmSync(file, { force: true });
  }
  throw new PilotFileLockedError(file, readHolder(file));
}

function lockHandle(file: string, holder: LockHolder): PilotLock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      // Only remove the lock if it is still ours (someone may have taken it over with "Open anyway").
      const now = readHolder(file);
      if (now && now.pid === holder.pid && now.host === holder.host) fs.rmSync(file, { force: true });
    },
  };
}
