/**
 * Browser mode: the same UI and the same dispatcher over HTTP on 127.0.0.1.
 *  - binds to the loopback address only;
 *  - the Host header must be our own loopback host:port (defeats DNS rebinding), and a request
 *    carrying an Origin (or Sec-Fetch-Site) from anywhere else is refused (no other page, local or
 *    not, may drive it);
 *  - signing in: the address `tpw serve` prints carries a ONE-TIME sign-in code. The first visit
 *    exchanges it for a session cookie (HttpOnly, SameSite=Strict, scoped to this port's name) and
 *    is redirected to the bare address, so the code never stays in the address bar, and a copy left
 *    in the browser's history or a download is worthless. Every page load, API call and file route
 *    then needs that session. Scripts and tests use the separate API token instead
 *    (`Authorization: Bearer …`, from `tpw serve --json`), which never appears in a URL;
 *  - methods that name a file on this machine (`localOnly` in the contract) are never served here:
 *    a browser sends files through the upload route and gets them through the download route;
 *  - static files come only from the built renderer folder, with the same CSP as the desktop app.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../shared/result';
import { contract, isMethodName } from '../../shared/contract';
import { internalError } from '../api/errors';
import type { ErrorLog } from '../core/errorLog';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { signedOutPage } from './signedOut';

export type RawDispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export interface HostOptions {
  dispatch: RawDispatch;
  rendererDir: string;
  port?: number;
  /** The API token (Bearer); random unless given. */
  token?: string;
  /** Routes under /files/ (uploads, attachment and report downloads), session-checked like the API. */
  fileRoute?: (req: http.IncomingMessage, url: URL, res: http.ServerResponse) => Promise<boolean>;
  /** Where a failure of the host itself is recorded; the browser is shown only its reference. */
  errorLog?: ErrorLog;
}

export interface RunningHost {
  /** The address to open, with its one-time sign-in code. */
  url: string;
  port: number;
  /** The API token for scripts (`Authorization: Bearer …`); never put in a URL. */
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;
/** Content types of the built renderer's files (also served by the desktop app's app:// scheme). */
export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** A session lasts as long as this run of `tpw serve` (and at most a week in the browser). */
const SESSION_SECONDS = 7 * 24 * 3600;

const equal = (given: string, secret: Buffer) => {
  const buf = Buffer.from(given);
  return buf.length === secret.length && timingSafeEqual(buf, secret);
};

function cookieValue(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  // The sign-in code in the printed address: exchanged once, then spent.
  let signInCode: Buffer | null = Buffer.from(randomBytes(24).toString('base64url'));
  const printedCode = signInCode.toString();
  const sessions = new Set<string>();
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  let cookieName = 'tpw_session';

  const hasSession = (req: http.IncomingMessage): boolean => {
    const sid = cookieValue(req, cookieName);
    return sid !== null && sessions.has(sid);
  };
  const hasToken = (req: http.IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bearer ') && equal(header.slice(7), tokenBuf);
  };
  const authorised = (req: http.IncomingMessage) => hasSession(req) || hasToken(req);
  /** A request another site (or another local page) sent on the user's behalf. */
  const foreign = (req: http.IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return true;
    const site = req.headers['sec-fetch-site'];
    return site === 'cross-site' || site === 'same-site';
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      const where = `http ${req.method ?? '?'} ${(req.url ?? '').split('?')[0]}`;
      let reference: string | undefined;
      if (opts.errorLog) reference = opts.errorLog.record(where, e);
      else console.error(`[tpw serve] ${where}`, e);
      if (!res.headersSent) send(res, 500, { ok: false, error: internalError(reference) });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!allowedHosts.has(req.headers.host ?? '')) return sendText(res, 421, 'Misdirected request: wrong Host header');
    if (foreign(req)) return sendText(res, 403, 'Refused: this request came from another site or page.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST');
      if (!authorised(req)) return send(res, 401, { ok: false, error: { code: 'UNAUTHORISED', message: SIGNED_OUT_MESSAGE } });
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      if (isMethodName(method) && contract[method].localOnly) {
        return send(res, 200, { ok: false, error: { code: 'REFUSED', message: 'In browser mode, files are sent with the file chooser and received as downloads: no method names a file on this computer.' } });
      }
      const body = await readBody(req);
      if (body === null) return send(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: 'Request too large' } });
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return send(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'Request body is not JSON' } });
      }
      return send(res, 200, await opts.dispatch(method, input));
    }
    if (url.pathname.startsWith('/files/')) {
      if (!authorised(req)) return sendText(res, 401, SIGNED_OUT_MESSAGE);
      if (opts.fileRoute && (await opts.fileRoute(req, url, res))) return;
      return sendText(res, 404, 'Not found');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    const code = url.searchParams.get('token');
    if (code !== null) return signIn(req, res, url, code);
    return serveStatic(url.pathname, req, res);
  }

  /** Exchanges the one-time code for a session cookie, then sends the browser to the bare address. */
  function signIn(req: http.IncomingMessage, res: http.ServerResponse, url: URL, code: string) {
    url.searchParams.delete('token');
    const clean = `${url.pathname}${url.search}`;
    if (signInCode && equal(code, signInCode)) {
      signInCode = null;
      const sid = randomBytes(32).toString('base64url');
      sessions.add(sid);
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: clean,
        'Set-Cookie': `${cookieName}=${sid}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_SECONDS}`,
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    // Already signed in (the link opened again in the same browser): just go in.
    if (hasSession(req)) {
      res.writeHead(303, { ...SECURITY_HEADERS, Location: clean, 'Cache-Control': 'no-store' });
      return res.end();
    }
    return sendHtml(res, 401, signedOutPage(signInCode === null ? 'used' : 'wrong'));
  }

  function serveStatic(urlPath: string, req: http.IncomingMessage, res: http.ServerResponse) {
    const root = path.resolve(opts.rendererDir);
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
    } catch {
      return sendText(res, 400, 'Bad address');
    }
    let file = path.resolve(root, rel || 'index.html');
    if (!file.startsWith(root + path.sep) && file !== root) return sendText(res, 403, 'Forbidden');
    // Client-side routes (no extension) get the app shell.
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    // The app itself only for a signed-in browser; its scripts and styles are no secret.
    if (path.basename(file) === 'index.html' && !authorised(req)) return sendHtml(res, 401, signedOutPage('none'));
    if (!fs.existsSync(file)) return sendText(res, 500, 'The UI has not been built. Run `npm run build` first.');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
      // Cookies are shared by every port of a host: one name per port keeps two servers apart.
      cookieName = `tpw_session_${port}`;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${printedCode}`,
        port,
        token,
        close: () =>
          new Promise<void>((r) => {
            sessions.clear();
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

const SIGNED_OUT_MESSAGE =
  'This browser is not signed in to the workbench (it was stopped or restarted since). Run `tpw serve` again and open the address it prints; nothing was changed.';

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendHtml(res: http.ServerResponse, status: number, html: string) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}
