/**
 * Opening a pilot file the way the desktop window does, as a plain function (no Electron): either an
 * open workbench, or the model of the start-up screen that says in plain words what went wrong and
 * what to do. Every failure ends on that screen — a file from a newer version, one open elsewhere or
 * locked by another program, one that is not a pilot file or is damaged, one the user may not read or
 * change, a full disk, a policy IT got wrong, or a bug (shown by reference) — never on no window.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { openWorkbench, type Workbench } from '../api/workbench';
import { errorLogBeside } from '../core/errorLog';
import { machinePolicy, PolicyError, type Policy } from '../core/policy';
import { companionPaths } from '../db/paths';
import { acquirePilotLock, PilotFileLockedError, type PilotLock } from './pilotLock';
import { recentPilotFiles, rememberPilotFile, type RecentEntry } from './recentFiles';

export type StartupProblem = 'too-new' | 'locked' | 'in-use' | 'unreadable' | 'no-permission' | 'disk-full' | 'policy' | 'refused' | 'unexpected';

/** What the screen offers; the window turns each into a button. */
export type StartupAction = 'retry' | 'open-anyway' | 'open-read-only' | 'open-different' | 'new-file' | 'show-folder' | 'quit';

export interface StartupScreen {
  problem: StartupProblem;
  title: string;
  /** What happened, in plain words. */
  explanation: string;
  /** What to do about it, in order. */
  steps: string[];
  /** The pilot file it was about (null when the problem is not about one file). */
  file: string | null;
  /** The system's own words, for IT ("Details"); never shown as the message itself. */
  detail: string | null;
  /** For an unexpected failure: the error-log reference. */
  reference: string | null;
  actions: StartupAction[];
  /** Other pilot files opened recently, most recent first. */
  recent: RecentEntry[];
}

export interface OpenRequest {
  dbPath: string;
  /** Take over a lock held by another copy of the app ("Open anyway"). */
  force?: boolean;
  /** Open without the right to change anything: no lock, no migration. */
  readOnly?: boolean;
}

export interface StartupDeps {
  /** The app's own config folder (userData): the recent list lives there. */
  configDir: string;
  /** Electron-ABI SQLite driver (packaged app). */
  nativeBinding?: string;
  /** Default: this machine's policy. */
  policy?: () => Policy;
  now?: () => Date;
}

export interface OpenedPilot {
  workbench: Workbench;
  /** Null when opened read-only. */
  lock: PilotLock | null;
  dbPath: string;
  readOnly: boolean;
}

export type OpenOutcome = { ok: true; opened: OpenedPilot } | { ok: false; screen: StartupScreen };

/** Opens a pilot file for the desktop window; never throws. */
export function openPilotFile(req: OpenRequest, deps: StartupDeps): OpenOutcome {
  const dbPath = path.resolve(req.dbPath);
  const readOnly = req.readOnly === true;
  let lock: PilotLock | null = null;
  try {
    const policy = (deps.policy ?? machinePolicy)();
    preflight(dbPath, readOnly);
    if (!readOnly) {
      // A new pilot file's folder is made first (private, like every folder the workbench makes): the lock goes there.
      fs.mkdirSync(path.dirname(dbPath), { recursive: true, mode: 0o700 });
      lock = acquirePilotLock(dbPath, { force: req.force, now: deps.now?.() });
    }
    const workbench = openWorkbench(dbPath, 'desktop', { nativeBinding: deps.nativeBinding, readOnly, policy, now: deps.now });
    try {
      rememberPilotFile(deps.configDir, dbPath, deps.now?.());
    } catch {
      // The recent list is a convenience; failing to write it must not stop the pilot opening.
    }
    return { ok: true, opened: { workbench, lock, dbPath, readOnly } };
  } catch (e) {
    lock?.release();
    return { ok: false, screen: describeStartupFailure(e, dbPath, deps) };
  }
}

/** The screen for a failure to open `dbPath`. Unexpected errors are logged beside the file and shown by reference. */
export function describeStartupFailure(e: unknown, dbPath: string, deps: Pick<StartupDeps, 'configDir'>): StartupScreen {
  const recent = safeRecent(deps.configDir).filter((r) => r.path !== dbPath);
  const name = path.basename(dbPath);
  const folder = path.dirname(dbPath);
  const code = errorCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  // Read-only needs the file readable and its folder writable (SQLite keeps a -shm file beside a WAL database).
  const readOnlyPossible = canRead(dbPath) && canWrite(path.dirname(dbPath));
  const base = { file: dbPath, detail, reference: null, recent };
  const elsewhere: StartupAction[] = ['open-different', 'new-file', 'quit'];

  if (e instanceof PolicyError) {
    return {
      ...base,
      problem: 'policy',
      title: 'The settings from your IT department cannot be used',
      explanation: `Your IT department manages some of this app's settings, and the ones in ${e.source} have a mistake, so the app has not opened any pilot file.`,
      steps: [`Tell your IT department: "${detail}"`, 'Once they have corrected the settings, choose Try again.'],
      file: null,
      actions: ['retry', 'quit'],
    };
  }
  if (e instanceof PilotFileLockedError) {
    const h = e.holder;
    const who = h ? `on ${h.host === os.hostname() ? 'this computer' : `the computer ${h.host}`}, by ${h.user}, since ${formatWhen(h.since)}` : 'on another computer';
    return {
      ...base,
      problem: 'locked',
      title: 'This pilot file is already open',
      explanation: `"${name}" is open in Total Place Workbench ${who}. Opening it twice could lose someone's changes, so it has not been opened here.`,
      steps: [
        'Close the pilot file there (or ask whoever has it open to close it), then choose Try again.',
        ...(readOnlyPossible ? ['To look without changing anything, choose Open read-only.'] : []),
        'If that computer crashed or is switched off and nobody is using the file, choose Open anyway.',
      ],
      detail: `Lock file: ${e.lockFile}`,
      actions: ['retry', ...(readOnlyPossible ? (['open-read-only'] as const) : []), 'open-anyway', ...elsewhere],
    };
  }
  if (e instanceof AppError && e.code === 'DB_TOO_NEW') {
    return {
      ...base,
      problem: 'too-new',
      title: 'This pilot file was saved by a newer version of the workbench',
      explanation: `"${name}" has been opened with a newer version of Total Place Workbench than this one, which cannot read it safely. Nothing in it has been changed.`,
      steps: ['Install the newer version of Total Place Workbench (if your IT department installs software for you, ask them for it), then open the file again.', 'Or open a different pilot file.'],
      actions: elsewhere,
    };
  }
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') {
    return {
      ...base,
      problem: 'disk-full',
      title: 'The disk is full',
      explanation: `There is no room left on the disk that holds "${name}", so the workbench cannot open it safely. Nothing has been changed.`,
      steps: [`Free some space on the disk that holds ${folder} (empty the Recycle Bin, move large files elsewhere).`, 'Then choose Try again.'],
      actions: ['retry', ...elsewhere],
    };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'EBUSY') {
    return {
      ...base,
      problem: 'in-use',
      title: 'Another program is using this pilot file',
      explanation: `"${name}" is locked by another program — often a backup, antivirus or file-sync tool (OneDrive, SharePoint), or the tpw command line in the middle of a long job. Nothing has been changed.`,
      steps: ['Wait a minute, or close the other program, then choose Try again.', 'If it keeps happening, ask your IT department which program holds the file.'],
      actions: ['retry', ...elsewhere],
    };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return {
      ...base,
      problem: 'no-permission',
      title: 'You do not have permission to use this pilot file',
      explanation: canRead(dbPath)
        ? `Your account may read "${name}" but not change it (or not create the files the workbench keeps beside it in ${folder}).`
        : `Your account is not allowed to open "${name}" in ${folder}.`,
      steps: [
        `Ask your IT department to give your account permission to read and change files in ${folder}.`,
        ...(readOnlyPossible ? ['To look without changing anything, choose Open read-only.'] : []),
        'Or copy the file somewhere you can write to (for example your Documents folder) and open the copy.',
      ],
      actions: [...(readOnlyPossible ? (['open-read-only'] as const) : []), 'retry', ...elsewhere],
    };
  }
  if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_CANTOPEN' || code === 'EISDIR' || code === 'ENOTDIR' || (e instanceof AppError && e.code === 'NOT_FOUND')) {
    const snapshots = companionPaths(dbPath).snapshotsDir;
    return {
      ...base,
      problem: 'unreadable',
      title: 'This file cannot be read as a pilot file',
      explanation:
        code === 'EISDIR'
          ? `"${dbPath}" is a folder, not a pilot file.`
          : code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT')
            ? `"${name}" is not a pilot file the workbench can read: it is either a different kind of file or it has been damaged. It has not been changed.`
            : `"${name}" could not be opened.`,
      steps: [
        'Open a different pilot file, or a backup of this one (made with "tpw backup").',
        ...(fs.existsSync(snapshots) ? [`Copies taken before each update and import are in ${snapshots}: open the most recent one.`] : []),
        'If the file is on a network or synced drive, check that it has finished downloading, then choose Try again.',
      ],
      actions: ['retry', ...elsewhere, 'show-folder'],
    };
  }
  if (e instanceof AppError) {
    return {
      ...base,
      problem: 'refused',
      title: 'This pilot file was not opened',
      explanation: e.message,
      steps: ['Open a different pilot file, or start a new one.'],
      actions: elsewhere,
    };
  }
  const reference = errorLogBeside(dbPath).record('desktop: open pilot file', e);
  return {
    ...base,
    problem: 'unexpected',
    title: 'Something went wrong opening this pilot file',
    explanation: `The workbench could not open "${name}" because of a fault in the app. Nothing has been changed.`,
    steps: ['Choose Try again.', `If it happens again, tell your IT department the reference ${reference}; the details are in the error log beside the pilot file.`],
    detail: null,
    reference,
    actions: ['retry', ...elsewhere],
  };
}

/**
 * Checks the file and its folder before SQLite does, so permission problems are named as such
 * (SQLite would only say "unable to open database file").
 */
function preflight(dbPath: string, readOnly: boolean): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dbPath);
  } catch (e) {
    if (errorCode(e) !== 'ENOENT') throw e;
    if (readOnly) throw new AppError('NOT_FOUND', `There is no pilot file at ${dbPath}.`);
    // A new pilot file: its folder (or the nearest one that exists) must be writable.
    fs.accessSync(nearestExisting(path.dirname(dbPath)), fs.constants.W_OK);
    return;
  }
  if (stat.isDirectory()) throw Object.assign(new Error(`${dbPath} is a folder`), { code: 'EISDIR' });
  fs.accessSync(dbPath, readOnly ? fs.constants.R_OK : fs.constants.R_OK | fs.constants.W_OK);
  // WAL, the lock, snapshots and attachments live beside the file.
  if (!readOnly) fs.accessSync(path.dirname(dbPath), fs.constants.W_OK);
}

function nearestExisting(dir: string): string {
  let d = dir;
  while (!fs.existsSync(d)) {
    const up = path.dirname(d);
    if (up === d) return d;
    d = up;
  }
  return d;
}

function canWrite(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function canRead(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function safeRecent(configDir: string): RecentEntry[] {
  try {
    return recentPilotFiles(configDir);
  } catch {
    return [];
  }
}

function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
