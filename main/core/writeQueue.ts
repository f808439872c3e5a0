/**
 * One write at a time, in the order asked. A long write (a spend import holds the database's
 * write lock for seconds) makes the others wait here, visibly — `activity()` says what is running
 * and how many wait, for the window's "busy" notice — instead of failing with SQLITE_BUSY or
 * stalling the thread in SQLite's busy handler. Reads never queue: they have their own connection.
 *
 * Across processes (a `tpw spend import` in a terminal while the app or `tpw serve` runs), the
 * queue's turn also waits, off the thread, until SQLite's write lock is free (`WriteLock`), and
 * `activity()` names what the other process is doing, from its marker.
 */
import { AppError } from '../../shared/errors';
import type { LockHolder, WriteLock } from '../db/writeLock';

export interface Activity {
  /** What the running write is doing, in plain words ("Importing a spend file"). */
  label: string;
  /** When it started (ISO). */
  since: string;
  /** Writes waiting behind it. */
  waiting: number;
}

export interface WriteQueue {
  run<T>(label: string, write: () => Promise<T>): Promise<T>;
  /** The running write, or null when none is. */
  activity(): Activity | null;
  /**
   * Says to other processes, until the returned release is called, that this one is writing (for
   * a CLI verb that writes without the queue, such as `tpw spend import`).
   */
  mark(label: string): () => void;
}

export interface WriteQueueOptions {
  /** The pilot file's lock across processes; without it only this process's writes are ordered. */
  lock?: WriteLock;
  /** How often a waiting write looks again (ms). */
  pollMs?: number;
  /** How long a write waits for another process before it gives up, saying who holds the file (ms). */
  maxWaitMs?: number;
}

/** An import of millions of lines takes minutes; a process holding the file longer is stuck. */
export const MAX_WAIT_MS = 30 * 60 * 1000;
const POLL_MS = 200;

const elsewhere = (h: LockHolder | undefined): string =>
  h ? `${h.label} — in another window or program (${h.program}, process ${h.pid})` : 'Another window or program is writing to the pilot file';

export function createWriteQueue(now: () => Date = () => new Date(), opts: WriteQueueOptions = {}): WriteQueue {
  const { lock } = opts;
  const pollMs = opts.pollMs ?? POLL_MS;
  const maxWaitMs = opts.maxWaitMs ?? MAX_WAIT_MS;
  let tail: Promise<unknown> = Promise.resolve();
  let running: { label: string; since: string } | null = null;
  let external: { label: string; since: string } | null = null;
  let waiting = 0;

  /** Waits, without blocking the thread, until no other process holds the pilot file's write lock. */
  async function lockFree(): Promise<void> {
    if (!lock) return;
    const started = Date.now();
    try {
      while (lock.heldElsewhere()) {
        const holder = lock.holders()[0];
        external = { label: elsewhere(holder), since: holder?.since ?? new Date(started).toISOString() };
        if (Date.now() - started >= maxWaitMs) {
          throw new AppError(
            'STORAGE',
            `The pilot file is still busy after ${Math.round(maxWaitMs / 60000)} minutes: ${external.label.charAt(0).toLowerCase()}${external.label.slice(1)}. ` +
              'Nothing was saved; try again when it has finished.',
          );
        }
        await new Promise((r) => setTimeout(r, pollMs));
      }
    } finally {
      external = null;
    }
  }

  return {
    run<T>(label: string, write: () => Promise<T>): Promise<T> {
      waiting++;
      const turn = tail.then(async () => {
        try {
          await lockFree();
        } finally {
          waiting--;
        }
        const since = now().toISOString();
        running = { label, since };
        const release = lock?.hold(label, since);
        try {
          return await write();
        } finally {
          running = null;
          release?.();
        }
      });
      // The next write waits for this one to settle, whether it succeeded or not.
      tail = turn.catch(() => undefined);
      return turn;
    },
    activity() {
      if (running) return { ...running, waiting };
      if (external) return { ...external, waiting };
      // Nothing of ours runs or waits: another process may still be busy with the file (an
      // import in a terminal), which the window says before anyone tries to save.
      const holder = lock?.holders()[0];
      return holder && lock!.heldElsewhere() ? { label: elsewhere(holder), since: holder.since, waiting } : null;
    },
    mark: (label) => lock?.hold(label, now().toISOString()) ?? (() => undefined),
  };
}
