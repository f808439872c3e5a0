/**
 * A stand-in for OneDrive / SharePoint / Dropbox between several laptops' copies of a team folder,
 * doing what those clients do: each laptop writes into its own local copy; the client uploads what
 * the laptop wrote and downloads others' files — late, out of order, half-written first, as empty
 * placeholders first, or twice (conflict copies "name (1).ext", "name-DESKTOP-ABC.ext"). Files a
 * laptop deletes disappear from the others in time. Driven by a seeded random generator, so a
 * failure can be replayed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FolderIo } from '../../main/team/folder';
import { nodeIo } from '../../main/team/folder';
import { mulberry32 } from '../../shared/calc/montecarlo';

export interface Faults {
  /** Chance a file is not delivered on this pass (arrives later: out of order). */
  delay: number;
  /** Chance a file first arrives truncated (completed on a later pass). */
  partial: number;
  /** Chance a file first arrives empty (a placeholder not yet downloaded). */
  placeholder: number;
  /** Chance a delivered file also appears under a conflict-copy name. */
  copy: number;
}

export const NO_FAULTS: Faults = { delay: 0, partial: 0, placeholder: 0, copy: 0 };

/** A seeded generator (the simulations' own), so a failing schedule can be replayed. */
export const seeded = (seed: number): (() => number) => mulberry32(seed);

function walk(root: string, rel = ''): string[] {
  const dir = path.join(root, rel);
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    if (d.name.startsWith('.')) continue;
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...walk(root, r));
    else if (d.isFile()) out.push(r);
  }
  return out;
}

const COPY_STYLES = [(n: string) => `${n} (1)`, (n: string) => `${n}-DESKTOP-7F3K2Q`, (n: string) => `${n} (Bob's conflicted copy 2026-11-27)`, (n: string) => `${n}.sync-conflict-20261127-101010-ABCDEF`];

export class SyncClientSim {
  readonly cloud = new Map<string, Buffer>();
  private readonly owner = new Map<string, number>();
  private readonly placed: Set<string>[];
  private readonly copies: Set<string>[];
  private readonly incomplete: Map<string, number>[];
  log: string[] = [];

  constructor(
    readonly locals: string[],
    readonly rng: () => number,
    public faults: Faults,
  ) {
    this.placed = locals.map(() => new Set());
    this.copies = locals.map(() => new Set());
    this.incomplete = locals.map(() => new Map());
  }

  /** Uploads what laptop i wrote itself (never what the client placed there), and its deletions. */
  upload(i: number): void {
    const local = this.locals[i]!;
    if (!fs.existsSync(local)) return;
    const present = new Set(walk(local));
    for (const rel of present) {
      if (this.placed[i]!.has(rel) || this.copies[i]!.has(rel)) continue;
      const content = fs.readFileSync(path.join(local, rel));
      const cur = this.cloud.get(rel);
      if (cur && cur.equals(content)) continue;
      if (cur && this.owner.get(rel) !== i) {
        // Two laptops wrote the same name: the client keeps both, renaming the later one.
        const copy = rel.replace(/(\.[a-z]+)$/i, `-DESKTOP-L${i}$1`);
        this.cloud.set(copy, content);
        this.owner.set(copy, i);
        continue;
      }
      this.cloud.set(rel, content);
      this.owner.set(rel, i);
    }
    for (const [rel, who] of this.owner) {
      if (who === i && !present.has(rel)) {
        this.cloud.delete(rel);
        this.owner.delete(rel);
      }
    }
  }

  /** Downloads others' files to laptop j, with faults unless `complete`. */
  download(j: number, complete = false): void {
    const local = this.locals[j]!;
    if (!fs.existsSync(local)) return;
    const rels = [...this.cloud.keys()];
    for (let k = rels.length - 1; k > 0; k--) {
      const x = Math.floor(this.rng() * (k + 1));
      [rels[k], rels[x]] = [rels[x]!, rels[k]!];
    }
    const f = complete ? NO_FAULTS : this.faults;
    for (const rel of rels) {
      if (this.owner.get(rel) === j) continue;
      const content = this.cloud.get(rel)!;
      const target = path.join(local, ...rel.split('/'));
      const half = this.incomplete[j]!.has(rel);
      if (!half && fs.existsSync(target) && fs.readFileSync(target).equals(content)) continue;
      if (this.rng() < f.delay) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (!half && content.length > 1 && this.rng() < f.partial) {
        fs.writeFileSync(target, content.subarray(0, Math.max(1, Math.floor(content.length * this.rng()))));
        this.incomplete[j]!.set(rel, 1);
        this.placed[j]!.add(rel);
        this.log.push(`partial ${j} ${rel}`);
        continue;
      }
      if (!half && this.rng() < f.placeholder) {
        fs.writeFileSync(target, Buffer.alloc(0));
        this.incomplete[j]!.set(rel, 1);
        this.placed[j]!.add(rel);
        this.log.push(`placeholder ${j} ${rel}`);
        continue;
      }
      fs.writeFileSync(target, content);
      this.incomplete[j]!.delete(rel);
      this.placed[j]!.add(rel);
      if (this.rng() < f.copy) {
        const base = path.basename(rel).replace(/(\.[a-z]+)$/i, '');
        const ext = path.extname(rel);
        const copyName = COPY_STYLES[Math.floor(this.rng() * COPY_STYLES.length)]!(base) + ext;
        const copyRel = `${path.posix.dirname(rel)}/${copyName}`;
        fs.writeFileSync(path.join(local, ...copyRel.split('/')), content);
        this.copies[j]!.add(copyRel);
        this.log.push(`copy ${j} ${copyRel}`);
      }
    }
    for (const rel of [...this.placed[j]!]) {
      if (!this.cloud.has(rel)) {
        fs.rmSync(path.join(local, ...rel.split('/')), { force: true });
        this.placed[j]!.delete(rel);
        this.incomplete[j]!.delete(rel);
      }
    }
  }

  /** Everything everywhere, whole (the sync clients have caught up). */
  settle(): void {
    this.locals.forEach((_, i) => this.upload(i));
    this.locals.forEach((_, j) => this.download(j, true));
  }
}

/** The folder operations with faults switched on at will: read-only, or the folder vanishing after some operations. */
export function faultyIo(base: FolderIo = nodeIo) {
  const state = { mode: 'ok' as 'ok' | 'readonly' | 'vanish', after: 0, ops: 0 };
  const err = (code: string) => Object.assign(new Error(`${code} (injected)`), { code });
  const check = (write: boolean) => {
    state.ops++;
    if (state.mode === 'vanish' && state.ops > state.after) throw err('ENOENT');
    if (state.mode === 'readonly' && write) throw err('EROFS');
  };
  const io: FolderIo = {
    readdir: async (d) => (check(false), base.readdir(d)),
    stat: async (p) => (check(false), base.stat(p)),
    readFile: async (p) => (check(false), base.readFile(p)),
    mkdir: async (d) => (check(true), base.mkdir(d)),
    open: async (p, flags) => (check(flags !== 'r'), base.open(p, flags)),
    rename: async (a, b) => (check(true), base.rename(a, b)),
    rm: async (p) => (check(true), base.rm(p)),
  };
  return {
    io,
    state,
    set(mode: 'ok' | 'readonly' | 'vanish', after = 0) {
      state.mode = mode;
      state.after = after;
      state.ops = 0;
    },
  };
}
