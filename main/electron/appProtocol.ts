/**
 * app://workbench/ — the privileged custom scheme the window loads from instead of file:// (Electron
 * security checklist, item 18). A plain function from Request to Response, kept free of Electron so
 * tests call it directly; index.ts registers it with protocol.handle().
 *
 *   GET  /…                        the built renderer (client-side routes get index.html), with the CSP
 *   GET  /startup, /startup.js|css the start-up screen (when no pilot file could be opened)
 *   POST /files/upload?name=…      a file the user chose in the page, streamed to the upload folder
 *   GET  /files/blob/<sha256>      an attachment, verified against its hash as it streams
 *   GET  /files/download/<id>      a generated file (report, extract, bundle)
 *
 * Only our own page may ask: requests from any other origin are refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { fail, ok } from '../../shared/result';
import { errorShapeFor } from '../api/errors';
import { readBlob } from '../core/attachmentStore';
import type { ServiceContext } from '../core/context';
import type { ErrorLog } from '../core/errorLog';
import { contentDisposition, lookupDownload, receiveUpload } from '../core/transfers';
import { TYPES } from '../host/server';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './security';
import type { StartupScreen } from './startup';
import { renderStartupPage, STARTUP_SCRIPT, STARTUP_STYLES } from './startupPage';

export { APP_HOST, APP_ORIGIN, APP_SCHEME };
export const APP_INDEX_URL = `${APP_ORIGIN}/`;
export const STARTUP_URL = `${APP_ORIGIN}/startup`;

/**
 * Standard and secure (so the page is a secure context with an origin and 'self' in the CSP means
 * app://workbench), fetch for uploads, streamed responses. Never bypassCSP, never CORS, no service
 * workers — checked by the security scan.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  codeCache: true,
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
  allowExtensions: false,
} as const;

export interface AppRequestDeps {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The open pilot's services, or null while none is open. */
  context(): { ctx: ServiceContext; errorLog: ErrorLog } | null;
  /** The start-up screen to show, or null. */
  startupScreen(): StartupScreen | null;
}

const PAGE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const text = (status: number, body: string) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } });
const stream = (s: Readable) => Readable.toWeb(s) as unknown as ReadableStream<Uint8Array>;

/** Electron sets initiatorOrigin on requests a page made (absent for the window's own navigation). */
function fromElsewhere(req: Request): boolean {
  const initiator = (req as Request & { initiatorOrigin?: string }).initiatorOrigin;
  if (initiator !== undefined && initiator !== APP_ORIGIN) return true;
  const origin = req.headers.get('origin');
  return origin !== null && origin !== APP_ORIGIN;
}

export async function handleAppRequest(req: Request, deps: AppRequestDeps): Promise<Response> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return text(400, 'Bad request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return text(404, 'Not found');
  if (fromElsewhere(req)) return text(403, 'Forbidden: only the workbench window may ask for this');

  if (url.pathname.startsWith('/files/')) return fileRoute(req, url, deps);
  if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'Method not allowed');
  if (url.pathname === '/startup') {
    const screen = deps.startupScreen();
    if (!screen) return new Response(null, { status: 302, headers: { Location: APP_INDEX_URL } });
    return new Response(renderStartupPage(screen), { headers: { ...PAGE_HEADERS, 'Content-Type': TYPES['.html']! } });
  }
  if (url.pathname === '/startup.js') return new Response(STARTUP_SCRIPT, { headers: { ...PAGE_HEADERS, 'Content-Type': TYPES['.js']! } });
  if (url.pathname === '/startup.css') return new Response(STARTUP_STYLES, { headers: { ...PAGE_HEADERS, 'Content-Type': TYPES['.css']! } });
  return staticFile(url.pathname, deps.rendererDir);
}

function staticFile(urlPath: string, rendererDir: string): Response {
  const root = path.resolve(rendererDir);
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return text(400, 'Bad request');
  }
  let file = path.resolve(root, rel || 'index.html');
  if (file !== root && !file.startsWith(root + path.sep)) return text(403, 'Forbidden');
  // Client-side routes (no file of that name) get the app shell.
  if (!isFile(file)) {
    if (path.extname(rel) !== '') return text(404, 'Not found');
    file = path.join(root, 'index.html');
  }
  if (!isFile(file)) return text(500, 'The user interface is missing from this installation.');
  return new Response(stream(fs.createReadStream(file)), { headers: { ...PAGE_HEADERS, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' } });
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function fileRoute(req: Request, url: URL, deps: AppRequestDeps): Promise<Response> {
  const open = deps.context();
  if (url.pathname === '/files/upload') {
    if (req.method !== 'POST') return text(405, 'Use POST');
    if (!open) return json(fail('NOT_FOUND', 'No pilot file is open.'));
    if (!req.body) return json(fail('INVALID_INPUT', 'No file was sent.'));
    try {
      const body = Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>);
      return json(ok(await receiveUpload(open.ctx, body, url.searchParams.get('name') ?? 'upload')));
    } catch (e) {
      return json({ ok: false, error: errorShapeFor(e, 'app://files/upload', open.errorLog) });
    }
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'Method not allowed');
  if (!open) return text(404, 'Not found');
  const blob = /^\/files\/blob\/([0-9a-f]{64})$/.exec(url.pathname);
  if (blob) {
    let body: Readable;
    try {
      body = readBlob(open.ctx.paths.attachmentsDir, blob[1]!);
    } catch {
      return text(404, 'Not found');
    }
    return new Response(stream(body), { headers: downloadHeaders(url.searchParams.get('name') ?? blob[1]!, 'application/octet-stream') });
  }
  const dl = /^\/files\/download\/([0-9a-f-]{36})$/.exec(url.pathname);
  const found = dl ? lookupDownload(dl[1]!) : null;
  if (found && isFile(found.path)) return new Response(stream(fs.createReadStream(found.path)), { headers: downloadHeaders(found.name, found.type) });
  return text(404, 'Not found');
}

/** Always a download in the desktop app (never shown inline in the window): the shell asks where to save it. */
const downloadHeaders = (name: string, type: string) => ({ 'Content-Type': type, 'Content-Disposition': contentDisposition(name), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
