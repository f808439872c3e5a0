/**
 * The team folder as files: where things live, how names are read back (whatever a sync client
 * did to them), and writes that never leave a half-written file under a real name.
 *
 *   team.json                               the folder's label: team id and founder's public keys (signed)
 *   README.txt                              what this folder is, for whoever opens it
 *   changes/<installation>/<seq>.tpwc       change files, append-only, one sequence per installation
 *   snapshots/<installation>/<seq>.tpws     periodic snapshots, for catching up without replaying everything
 *   blobs/<installation>/<random>.tpwb      attachments, each encrypted with its own key
 *   requests/<fingerprint>.tpwjoin          "please add me": a newcomer's public keys (signed, no name)
 *
 * Sync clients rename files they cannot reconcile ("0000000012 (1).tpwc",
 * "0000000012-DESKTOP-ABC.tpwc", "… (Bob's conflicted copy).tpwc", "….sync-conflict-….tpwc"), leave
 * half-copied files, hidden temporaries and placeholders. Names are therefore only a hint: every
 * file says inside (signed) whose it is and which sequence; a file whose name merely looks right
 * is never trusted for that.
 */
import { randomBytes } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';

export const TEAM_JSON = 'team.json';
export const DIRS = { changes: 'changes', snapshots: 'snapshots', blobs: 'blobs', requests: 'requests' } as const;
export const EXT = { change: '.tpwc', snapshot: '.tpws', blob: '.tpwb', request: '.tpwjoin' } as const;

/**
 * The file operations team sync makes on the folder. Production uses node:fs; tests wrap it to
 * make the folder read-only or vanish at chosen moments (the test machine runs as root, where
 * permissions cannot be used to do that).
 */
export interface FolderIo {
  readdir(dir: string): Promise<Dirent[]>;
  stat(p: string): Promise<Stats>;
  readFile(p: string): Promise<Buffer>;
  mkdir(dir: string): Promise<void>;
  open(p: string, flags: string): Promise<FileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(p: string): Promise<void>;
}

export const nodeIo: FolderIo = {
  readdir: (dir) => fsp.readdir(dir, { withFileTypes: true }),
  stat: (p) => fsp.stat(p),
  readFile: (p) => fsp.readFile(p),
  /** One level: fails (ENOENT) when the parent is gone, EEXIST when it is there already. */
  mkdir: async (dir) => {
    await fsp.mkdir(dir);
  },
  open: (p, flags) => fsp.open(p, flags, 0o644),
  rename: (from, to) => fsp.rename(from, to),
  rm: (p) => fsp.rm(p, { force: true }),
};

export const SEQ_DIGITS = 10;
export const seqName = (seq: number, ext: string): string => `${String(seq).padStart(SEQ_DIGITS, '0')}${ext}`;

const INSTALLATION_DIR = /^([0-9a-f]{16})(?![0-9a-f])/;
const SEQ_FILE = /^(\d{10})(?!\d).*?(\.tpwc|\.tpws)$/i;

/** A change file or snapshot found in the folder; `seq`/`installationId` are what its name suggests. */
export interface FoundFile {
  /** Relative to the team folder, with forward slashes (shown to people, stored as a key). */
  rel: string;
  abs: string;
  kind: 'change' | 'snapshot';
  installationId: string;
  seq: number;
  /** The name carries a sync client's conflict-copy suffix. */
  copy: boolean;
  size: number;
  mtimeMs: number;
}

export const relOf = (...parts: string[]): string => parts.join('/');

/** Lists change files and snapshots; anything else (temporaries, placeholders, stray files) is left alone. */
export async function listTeamFiles(io: FolderIo, folder: string): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  for (const [sub, kind] of [[DIRS.changes, 'change'], [DIRS.snapshots, 'snapshot']] as const) {
    const top = path.join(folder, sub);
    let dirs: Dirent[];
    try {
      dirs = await io.readdir(top);
    } catch (e) {
      if (code(e) === 'ENOENT') continue;
      throw e;
    }
    for (const d of dirs) {
      const inst = INSTALLATION_DIR.exec(d.name);
      if (!inst || !d.isDirectory()) continue;
      let files: Dirent[];
      try {
        files = await io.readdir(path.join(top, d.name));
      } catch (e) {
        if (code(e) === 'ENOENT') continue;
        throw e;
      }
      for (const f of files) {
        if (f.name.startsWith('.') || f.name.startsWith('~')) continue;
        const m = SEQ_FILE.exec(f.name);
        if (!m || (kind === 'change') !== (m[2]!.toLowerCase() === EXT.change)) continue;
        const abs = path.join(top, d.name, f.name);
        let st: Stats;
        try {
          st = await io.stat(abs);
        } catch (e) {
          if (code(e) === 'ENOENT') continue;
          throw e;
        }
        if (!st.isFile()) continue;
        out.push({
          rel: relOf(sub, d.name, f.name),
          abs,
          kind,
          installationId: inst[1]!,
          seq: Number(m[1]),
          copy: f.name.length !== SEQ_DIGITS + m[2]!.length || d.name.length !== 16,
          size: st.size,
          mtimeMs: Math.trunc(st.mtimeMs),
        });
      }
    }
  }
  return out.sort((a, b) => a.installationId.localeCompare(b.installationId) || a.seq - b.seq || a.rel.localeCompare(b.rel));
}

export const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/** Errors that mean "the folder is not there right now" (unplugged drive, offline share, moved). */
export const isMissing = (e: unknown): boolean => ['ENOENT', 'ENOTDIR', 'ENODEV', 'EHOSTDOWN', 'ENXIO'].includes(code(e) ?? '');
/** Errors that mean "not writable at the moment" (read-only share, sync client holding a lock, full disk). */
export const isNotWritable = (e: unknown): boolean => ['EACCES', 'EPERM', 'EROFS', 'EBUSY', 'ETXTBSY', 'EAGAIN', 'ENOSPC', 'EDQUOT'].includes(code(e) ?? '');
/** Errors reading one file that a later attempt may not meet (placeholder not downloaded, network hiccup). */
export const isTransient = (e: unknown): boolean => ['EIO', 'ETIMEDOUT', 'EAGAIN', 'EBUSY', 'UNKNOWN', 'ECONNRESET', 'EISDIR', 'EACCES', 'EPERM'].includes(code(e) ?? '');

/**
 * Writes a file under its final name only once it is complete and on disk: first to a hidden
 * temporary beside it, flushed, then renamed (atomic on one volume). A sync client therefore never
 * uploads half a file under a real name, and a crash leaves only a hidden temporary. Folders are
 * made one level at a time below `root`, never `root` itself: if the team folder vanished (a drive
 * unplugged), nothing is written into a local folder of the same name.
 */
export async function writeAtomic(io: FolderIo, root: string, rel: string, write: (fh: FileHandle) => Promise<void>): Promise<void> {
  const parts = rel.split('/');
  let dir = root;
  for (const p of parts.slice(0, -1)) {
    dir = path.join(dir, p);
    try {
      await io.mkdir(dir);
    } catch (e) {
      if (code(e) !== 'EEXIST') throw e;
    }
  }
  const target = path.join(root, ...parts);
  const tmp = path.join(dir, `.${parts.at(-1)!}.${randomBytes(6).toString('hex')}.partial`);
  const fh = await io.open(tmp, 'wx');
  try {
    try {
      await write(fh);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await io.rename(tmp, target);
  } catch (e) {
    await io.rm(tmp).catch(() => undefined);
    throw e;
  }
}

/** Says plainly what went wrong with the folder, for a person. */
export function folderProblem(e: unknown, folder: string): AppError {
  if (isMissing(e)) return new AppError('STORAGE', `The team folder ${folder} cannot be reached (a drive not plugged in, a share offline, or the folder moved). Nothing was lost: your changes are kept here and sent when it is back.`);
  if (code(e) === 'ENOSPC' || code(e) === 'EDQUOT') return new AppError('STORAGE', `The team folder ${folder} is full. Your changes are kept here and sent once there is space.`);
  if (isNotWritable(e)) return new AppError('STORAGE', `The team folder ${folder} cannot be written to at the moment (read-only, or locked by the sync app). Your changes are kept here and sent on the next sync.`);
  return new AppError('STORAGE', `The team folder ${folder} could not be used (${code(e) ?? (e as Error).message}). Nothing was lost; the workbench tries again on the next sync.`);
}

export const README_TEXT = `This folder is a Total Place Workbench team folder.

Each member's workbench keeps its own full copy of the pilot and exchanges changes through here.
Everything in it is encrypted to the team's members and signed by whoever wrote it; nothing here
can be read without a member's key, and nothing here is a database.

Please do not edit, rename or delete files in this folder. Copies made by your sync app
("… (1)", "…-DESKTOP-…") are harmless: the workbench recognises and ignores duplicates.
`;
