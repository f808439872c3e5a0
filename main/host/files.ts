/**
 * Browser mode's file routes (token-checked by the host before they are called):
 *   POST /files/upload?name=<file name>   raw body streamed to disk → {ok, value: UploadInfo}
 *   GET  /files/blob/<sha256>?name=<n>    an attachment, verified against its hash as it streams
 *   GET  /files/download/<id>             a generated file (report, extract)
 */
import fs from 'node:fs';
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { errorShapeFor } from '../api/errors';
import type { ServiceContext } from '../core/context';
import { openErrorLog, type ErrorLog } from '../core/errorLog';
import { readBlob } from '../core/attachmentStore';
import { lookupDownload, receiveUpload, safeFileName } from '../core/transfers';

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(JSON.stringify(body));
};

const disposition = (name: string) => `attachment; filename="${safeFileName(name).replace(/[^\x20-\x7e]/g, '_').replace(/"/g, "'")}"; filename*=UTF-8''${encodeURIComponent(safeFileName(name))}`;

export function fileRoutes(ctx: ServiceContext, errorLog: ErrorLog = openErrorLog(ctx.paths.logsDir)) {
  return async function route(req: http.IncomingMessage, url: URL, res: http.ServerResponse): Promise<boolean> {
    if (url.pathname === '/files/upload' && req.method === 'POST') {
      try {
        json(res, 200, { ok: true, value: await receiveUpload(ctx, req, url.searchParams.get('name') ?? 'upload') });
      } catch (e) {
        json(res, 200, { ok: false, error: errorShapeFor(e, 'files/upload', errorLog) });
      }
      return true;
    }
    if (req.method !== 'GET') return false;
    const blob = /^\/files\/blob\/([0-9a-f]{64})$/.exec(url.pathname);
    if (blob) {
      let stream;
      try {
        stream = readBlob(ctx.paths.attachmentsDir, blob[1]!);
      } catch {
        return false;
      }
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': disposition(url.searchParams.get('name') ?? blob[1]!), 'X-Content-Type-Options': 'nosniff' });
      await pipeline(stream, res).catch(() => res.destroy());
      return true;
    }
    const dl = /^\/files\/download\/([0-9a-f-]{36})$/.exec(url.pathname);
    const found = dl ? lookupDownload(dl[1]!) : null;
    if (found && fs.existsSync(found.path)) {
      // ?inline=1 previews a generated HTML report in its own tab, sandboxed: no scripts, nothing fetched.
      const inline = url.searchParams.get('inline') === '1' && found.type.startsWith('text/html');
      res.writeHead(200, {
        'Content-Type': found.type,
        'Content-Disposition': inline ? 'inline' : disposition(found.name),
        ...(inline ? { 'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:" } : {}),
        'X-Content-Type-Options': 'nosniff',
      });
      await pipeline(fs.createReadStream(found.path), res).catch(() => res.destroy());
      return true;
    }
    return false;
  };
}
