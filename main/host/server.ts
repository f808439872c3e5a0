/**
 * Browser mode: the same UI and the same dispatcher over HTTP on 127.0.0.1.
 *  - binds to the loopback address only;
 *  - a random per-run token is required on every API call (Authorization: Bearer …), so other
 *    local users' processes and web pages cannot drive it;
 *  - the Host header must be our own loopback host:port (defeats DNS rebinding);
 *  - static files come only from the built renderer folder, with the same CSP as the desktop app.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../shared/result';
import { internalError } from '../api/errors';
import type { ErrorLog } from '../core/errorLog';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';

export type RawDispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export interface HostOptions {
  dispatch: RawDispatch;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Routes under /files/ (uploads, attachment and report downloads), token-checked like the API. */
  fileRoute?: (req: http.IncomingMessage, url: URL, res: http.ServerResponse) => Promise<boolean>;
  /** Where a failure of the host itself is recorded; the browser is shown only its reference. */
  errorLog?: ErrorLog;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;
const TYPES: Record<string, string> = {
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

export function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  let allowedHosts = new Set<string>();

  const authorised = (req: http.IncomingMessage, url: URL): boolean => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : (url.searchParams.get('token') ?? '');
    const buf = Buffer.from(given);
    return buf.length === tokenBuf.length && timingSafeEqual(buf, tokenBuf);
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
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST');
      if (!authorised(req, url)) return send(res, 401, { ok: false, error: { code: 'UNAUTHORISED', message: 'Missing or wrong session token' } });
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
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
      if (!authorised(req, url)) return sendText(res, 401, 'Missing or wrong session token');
      if (opts.fileRoute && (await opts.fileRoute(req, url, res))) return;
      return sendText(res, 404, 'Not found');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    return serveStatic(url.pathname, res);
  }

  function serveStatic(urlPath: string, res: http.ServerResponse) {
    const root = path.resolve(opts.rendererDir);
    const rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
    let file = path.resolve(root, rel || 'index.html');
    if (!file.startsWith(root + path.sep) && file !== root) return sendText(res, 403, 'Forbidden');
    // Client-side routes (no extension) get the app shell.
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    if (!fs.existsSync(file)) return sendText(res, 500, 'The UI has not been built. Run `npm run build` first.');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

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
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
