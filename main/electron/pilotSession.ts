/**
 * The pilot file the window is showing, and switching to another one ("Open a different pilot
 * file…", the recent list, "Try again" on the start-up screen). The new file is opened before the
 * old one is closed, so a failed switch leaves the user where they were; the same file is never
 * opened twice. No Electron here: tests drive it directly.
 */
import path from 'node:path';
import { openPilotFile, type OpenedPilot, type OpenOutcome, type OpenRequest, type StartupDeps, type StartupScreen } from './startup';

const samePath = (a: string, b: string) => (process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b);

export class PilotSession {
  private opened: OpenedPilot | null = null;
  private failed: { request: OpenRequest; screen: StartupScreen } | null = null;

  constructor(private readonly deps: StartupDeps) {}

  /** The open pilot, if any. */
  get current(): OpenedPilot | null {
    return this.opened;
  }

  /** The start-up screen to show when no pilot is open. */
  get screen(): StartupScreen | null {
    return this.opened ? null : (this.failed?.screen ?? null);
  }

  /** What the last failed attempt asked for ("Try again" repeats it). */
  get lastFailedRequest(): OpenRequest | null {
    return this.failed?.request ?? null;
  }

  /**
   * Opens `req.dbPath`. On success the previous pilot (if another file) is closed and released.
   * On failure the previous pilot stays open, and the screen describes the failure.
   */
  async open(req: OpenRequest): Promise<OpenOutcome> {
    const dbPath = path.resolve(req.dbPath);
    const cur = this.opened;
    if (cur && samePath(cur.dbPath, dbPath) && cur.readOnly === (req.readOnly === true)) return { ok: true, opened: cur };
    // The same file in another mode (read-only ↔ normal): close first, or it would be open twice.
    if (cur && samePath(cur.dbPath, dbPath)) await this.close();
    const outcome = openPilotFile({ ...req, dbPath }, this.deps);
    if (!outcome.ok) {
      this.failed = { request: { ...req, dbPath }, screen: outcome.screen };
      return outcome;
    }
    const previous = this.opened;
    this.opened = outcome.opened;
    this.failed = null;
    if (previous) await release(previous);
    return outcome;
  }

  async close(): Promise<void> {
    const cur = this.opened;
    this.opened = null;
    if (cur) await release(cur);
  }
}

async function release(p: OpenedPilot): Promise<void> {
  try {
    await p.workbench.close();
  } finally {
    p.lock?.release();
  }
}
