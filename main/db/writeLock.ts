/**
 * The pilot file's write lock as seen across processes. SQLite lets one connection write at a
 * time; a `tpw spend import` in a terminal holds the lock for as long as its one transaction runs
 * (seconds to minutes), and the desktop app or `tpw serve` must then wait for it — visibly, and
 * without stalling its thread in SQLite's busy handler, which would freeze the window's reads.
 *
 *  - `heldElsewhere()` asks SQLite, without waiting, whether another connection holds the lock.
 *  - A marker `<pilot>-tmp/writing-<pid>.json` says who is writing (what, since when, which
 *    program), so the one waiting can say "busy — importing with tpw spend import" instead of
 *    "database is locked". Markers of ended processes are ignored here and removed by prune().
 */
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { privateDir, processIsAlive } from './housekeeping';

export interface LockHolder {
  pid: number;
  /** What it is doing, in plain words ("Importing with “tpw spend import”"). */
  label: string;
  /** When it started (ISO). */
  since: string;
  /** Which program: "tpw", "browser mode", "the desktop app". */
  program: string;
}

export interface WriteLock {
  /** Whether another connection (another process, or another handle here) holds the write lock now. */
  heldElsewhere(): boolean;
  /** Who else says they are writing (live processes only), oldest first. */
  holders(): LockHolder[];
  /** Says, until the returned release is called, that this process is writing. Nested holds keep the outermost label. */
  hold(label: string, since: string): () => void;
}

export const MARKER = /^writing-(\d+)\.json$/;
const isBusy = (e: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: unknown } | null)?.code ?? ''));

export function writeLockFor(sqlite: BetterSqlite3.Database, tempDir: string, program: string): WriteLock {
  const marker = path.join(tempDir, `writing-${process.pid}.json`);
  const held: LockHolder[] = [];
  const write = () => {
    try {
      if (held.length === 0) fs.rmSync(marker, { force: true });
      else {
        privateDir(tempDir);
        fs.writeFileSync(marker, JSON.stringify(held[0]), { mode: 0o600 });
      }
    } catch {
      // The marker only improves a message elsewhere: never a reason for this write to fail.
    }
  };
  return {
    heldElsewhere() {
      // Inside a transaction of our own we hold (or are about to take) the lock ourselves.
      if (!sqlite.open || sqlite.inTransaction) return false;
      const wait = sqlite.pragma('busy_timeout', { simple: true }) as number;
      sqlite.pragma('busy_timeout = 0');
      try {
        sqlite.exec('BEGIN IMMEDIATE');
        sqlite.exec('ROLLBACK');
        return false;
      } catch (e) {
        if (isBusy(e)) return true;
        throw e;
      } finally {
        sqlite.pragma(`busy_timeout = ${wait}`);
      }
    },
    holders: () => readHolders(tempDir),
    hold(label, since) {
      const me: LockHolder = { pid: process.pid, label, since, program };
      held.push(me);
      if (held.length === 1) write();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.splice(held.indexOf(me), 1);
        if (held.length === 0) write();
      };
    },
  };
}

function readHolders(tempDir: string): LockHolder[] {
  let names: string[];
  try {
    names = fs.readdirSync(tempDir).filter((n) => MARKER.test(n));
  } catch {
    return [];
  }
  const out: LockHolder[] = [];
  for (const name of names) {
    const pid = Number(MARKER.exec(name)![1]);
    if (pid === process.pid || !processIsAlive(pid)) continue;
    try {
      const m = JSON.parse(fs.readFileSync(path.join(tempDir, name), 'utf8')) as Partial<LockHolder>;
      if (typeof m.label === 'string' && typeof m.since === 'string') out.push({ pid, label: m.label.slice(0, 200), since: m.since, program: String(m.program ?? 'another program').slice(0, 100) });
    } catch {
      // Being written or removed as we read it: the next look will see it.
    }
  }
  return out.sort((a, b) => a.since.localeCompare(b.since));
}
