/**
 * The renderer's only way to the services: `call(method, input)` typed from the shared contract.
 * In the desktop app it goes through the preload's `window.workbench.invoke` (Electron IPC);
 * in browser mode through HTTP to `tpw serve` with the per-run token.
 */
import type { Input, MethodName, Output } from '../../shared/contract';
import type { Result } from '../../shared/result';

export interface WorkbenchBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  platform: 'desktop';
  /** Desktop only: the local path of a file chosen in an <input type=file> (Electron webUtils). */
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    workbench?: WorkbenchBridge;
  }
}

const TOKEN_KEY = 'tpw.token';

/** Browser mode: the token arrives once in the URL, is kept for this tab, and removed from the address bar. */
export function sessionToken(): string | null {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export const isDesktop = (): boolean => typeof window !== 'undefined' && window.workbench?.platform === 'desktop';

async function httpInvoke(method: string, input: unknown): Promise<Result<unknown>> {
  const token = sessionToken();
  try {
    const res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input ?? {}),
    });
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The workbench server is not responding. Is `tpw serve` still running?' } };
  }
}

export async function call<K extends MethodName>(method: K, input: Input<K>): Promise<Result<Output<K>>> {
  const bridge = window.workbench;
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

/** The URL of a download route in browser mode (token-checked by the host). */
export function fileUrl(pathname: string): string {
  const token = sessionToken();
  return `${pathname}${pathname.includes('?') ? '&' : '?'}token=${encodeURIComponent(token ?? '')}`;
}

/**
 * Browser mode: streams a chosen file to the server and returns its upload id, which methods
 * that import or attach files accept in place of a path.
 */
export async function uploadFile(file: File): Promise<Result<{ uploadId: string; name: string; size: number }>> {
  const bridge = window.workbench;
  if (bridge) return call('upload.fromPath', { path: bridge.pathForFile(file) });
  const token = sessionToken();
  try {
    const res = await fetch(`/files/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
    return (await res.json()) as Result<{ uploadId: string; name: string; size: number }>;
  } catch {
    return { ok: false, error: { code: 'STORAGE', message: 'The file could not be sent to the workbench.' } };
  }
}
