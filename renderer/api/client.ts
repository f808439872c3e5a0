/**
 * The renderer's only way to the services: `call(method, input)` typed from the shared contract.
 * In the desktop app it goes through the preload's `window.workbench.invoke` (Electron IPC);
 * in browser mode through HTTP to `tpw serve`, signed in by its session cookie.
 */
import { contract, type Input, type MethodName, type Output } from '../../shared/contract';
import type { AnySpec } from '../../shared/contract/define';
import type { Result } from '../../shared/result';

export interface WorkbenchBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  platform: 'desktop';
  /**
   * Desktop only: the shell's own actions, e.g. 'save-file' with a /files/… link (main asks where to
   * save it) or 'open-different' (another pilot file). The page never names a path.
   */
  shell(action: string, arg?: unknown): Promise<{ ok: boolean; message?: string }>;
}

declare global {
  interface Window {
    workbench?: WorkbenchBridge;
  }
}

/**
 * Browser mode signs in by cookie: `tpw serve` exchanges the one-time link it printed for an
 * HttpOnly session cookie and redirects to the bare address, so this page never sees a secret. If
 * the address still carries the link (an old bookmark), it is removed from the address bar and
 * the history entry.
 */
export function forgetSignInLink(): void {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('token')) return;
  params.delete('token');
  const rest = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
}

export const isDesktop = (): boolean => typeof window !== 'undefined' && window.workbench?.platform === 'desktop';

async function httpInvoke(method: string, input: unknown): Promise<Result<unknown>> {
  try {
    // The session cookie goes with same-origin requests; nothing else authenticates a page.
    const res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The workbench server is not responding. Is `tpw serve` still running?' } };
  }
}

export async function call<K extends MethodName>(method: K, input: Input<K>): Promise<Result<Output<K>>> {
  const bridge = window.workbench;
  // Desktop: a method whose file or folder the user picks is sent with a dialog in the main process.
  if (bridge && (contract[method] as AnySpec).pick) return (await bridge.shell('invoke-with-dialog', { method, input })) as Result<Output<K>>;
  const r = bridge ? await bridge.invoke(method, input) : await httpInvoke(method, input);
  return r as Result<Output<K>>;
}

/** A failed Result as an Error, for react-query: keeps the code and field messages. */
export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

/**
 * Anything caught in the page as a CallError. Server failures already are one; anything else is a
 * fault in this window, whose raw text means nothing to a user: it goes to the console and the user
 * gets a plain sentence instead.
 */
export function asCallError(e: unknown): CallError {
  if (e instanceof CallError) return e;
  console.error(e);
  return new CallError('INTERNAL', 'Something unexpected happened in this window. Reload the page and try again; nothing was saved from this step.');
}

export async function callOrThrow<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
  const r = await call(method, input);
  if (!r.ok) throw new CallError(r.error.code, r.error.message, r.error.fields);
  return r.value;
}

/**
 * The URL of a download route in browser mode. The session cookie authorises it, so no secret is
 * ever part of a link (nor of the browser's download list).
 */
export function fileUrl(pathname: string): string {
  return pathname;
}

/**
 * Streams a chosen file to the workbench and returns its upload id, which methods that import or
 * attach files accept in place of a path.
 */
export async function uploadFile(file: File): Promise<Result<{ uploadId: string; name: string; size: number }>> {
  // Desktop and browser mode alike: the page streams the chosen file; the desktop app serves the
  // route from app://workbench (main/electron/appProtocol.ts) and takes no paths from the page.
  // Browser mode: signed in by the session cookie (same-origin requests carry it).
  try {
    const res = await fetch(`/files/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    });
    if (res.status === 401) return { ok: false, error: { code: 'UNAUTHORISED', message: await res.text() } };
    return (await res.json()) as Result<{ uploadId: string; name: string; size: number }>;
  } catch {
    return { ok: false, error: { code: 'STORAGE', message: 'The file could not be sent to the workbench.' } };
  }
}
