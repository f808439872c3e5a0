/**
 * app://workbench — the desktop window's privileged scheme (instead of file://), as the plain
 * Request → Response function index.ts registers with protocol.handle(): pages with the CSP,
 * client-side routes, no way out of the renderer folder, only our own page may ask, and the file
 * routes (upload streamed in, downloads and attachments out as downloads).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { putBlob } from '../../main/core/attachmentStore';
import { registerDownload, resolveUpload } from '../../main/core/transfers';
import { APP_SCHEME_PRIVILEGES, handleAppRequest, type AppRequestDeps } from '../../main/electron/appProtocol';
import { fileForRoute, saveTo } from '../../main/electron/saveFile';
import type { StartupScreen } from '../../main/electron/startup';
import { tempDir, tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
let rendererDir: string;
let screen: StartupScreen | null;
let pilotOpen: boolean;

beforeEach(() => {
  wb = tempWorkbench();
  rendererDir = tempDir('tpw-renderer-');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Total Place Workbench</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(rendererDir), 'outside.txt'), 'outside');
  screen = null;
  pilotOpen = true;
});
afterEach(async () => {
  await wb.cleanup();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

const deps = (): AppRequestDeps => ({
  rendererDir,
  context: () => (pilotOpen ? { ctx: wb.ctx, errorLog: wb.errorLog } : null),
  startupScreen: () => screen,
});
const get = (url: string, init: RequestInit & { initiatorOrigin?: string } = {}) => {
  const { initiatorOrigin, ...rest } = init;
  const req = new Request(url, rest);
  return handleAppRequest(initiatorOrigin === undefined ? req : Object.assign(req, { initiatorOrigin }), deps());
};

describe('app://workbench', () => {
  it('is a standard, secure scheme that never bypasses the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false });
  });

  it('serves the renderer with the CSP, and the app shell for client-side routes', async () => {
    const index = await get('app://workbench/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>Total Place Workbench</title>');
    const js = await get('app://workbench/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect(await (await get('app://workbench/hypotheses/board')).text()).toContain('<title>');
    expect((await get('app://workbench/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['app://workbench/..%2Foutside.txt', 'app://workbench/%2e%2e/outside.txt', 'app://workbench/assets/..%2F..%2Foutside.txt']) {
      const r = await get(url);
      expect([403, 404], url).toContain(r.status);
      expect(await r.text()).not.toBe('outside');
    }
    expect((await get('app://workbench/%E0%A4%A')).status).toBe(400);
  });

  it('answers only our own page: other hosts and other origins are refused', async () => {
    expect((await get('app://elsewhere/')).status).toBe(404);
    expect((await get('app://workbench/', { initiatorOrigin: 'https://example.org' })).status).toBe(403);
    expect((await get('app://workbench/files/upload?name=x', { method: 'POST', body: 'x', headers: { Origin: 'null' } })).status).toBe(403);
    expect((await get('app://workbench/', { initiatorOrigin: 'app://workbench' })).status).toBe(200);
  });

  it('shows the start-up screen when no pilot is open, and sends the window home otherwise', async () => {
    expect((await get('app://workbench/startup')).status).toBe(302);
    screen = { problem: 'too-new', title: 'This pilot file was saved by a newer version of the workbench', explanation: 'x', steps: ['y'], file: '/p.db', detail: null, reference: null, actions: ['open-different', 'quit'], recent: [] };
    const page = await get('app://workbench/startup');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<h1 tabindex="-1">This pilot file was saved by a newer version of the workbench</h1>');
    expect(await (await get('app://workbench/startup.js')).text()).toContain("window.workbench");
  });

  it('streams an upload from the page into the upload folder (no path crosses)', async () => {
    const body = Buffer.from('date,amount\n2024-04-01,£1,234.00\n');
    const r = await get('app://workbench/files/upload?name=..%2F..%2Fspend.csv', { method: 'POST', body, headers: { Origin: 'app://workbench' } });
    const result = (await r.json()) as { ok: true; value: { uploadId: string; name: string; size: number } };
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ name: 'spend.csv', size: body.length });
    const staged = await resolveUpload(wb.ctx, result.value.uploadId);
    expect(fs.readFileSync(staged.path)).toEqual(body);
    pilotOpen = false;
    expect(await (await get('app://workbench/files/upload?name=a', { method: 'POST', body })).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('offers generated files and attachments as downloads', async () => {
    const file = path.join(wb.dir, 'report.html');
    fs.writeFileSync(file, '<h1>Report</h1>');
    const dl = registerDownload(file, 'Pilot report.html', 'text/html; charset=utf-8');
    const r = await get(`app://workbench${dl.urlPath}?inline=1`);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="Pilot report.html"/);
    expect(await r.text()).toBe('<h1>Report</h1>');

    const blob = await putBlob(wb.ctx.paths.attachmentsDir, Readable.from([Buffer.from('evidence bytes')]));
    const b = await get(`app://workbench/files/blob/${blob.sha256}?name=${encodeURIComponent('Mrs B journey.txt')}`);
    expect(b.headers.get('content-disposition')).toContain("filename*=UTF-8''Mrs%20B%20journey.txt");
    expect(await b.text()).toBe('evidence bytes');
    expect((await get(`app://workbench/files/blob/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get('app://workbench/files/download/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});

describe('saving a linked file (the shell\'s save dialog)', () => {
  it('resolves only our file routes, and copies the file where the user chose', async () => {
    const file = path.join(wb.dir, 'extract.csv');
    fs.writeFileSync(file, 'a,b\n1,2\n');
    const dl = registerDownload(file, 'extract.csv', 'text/csv');
    const found = fileForRoute(`${dl.urlPath}?token=`, wb.ctx);
    expect(found?.name).toBe('extract.csv');
    const target = path.join(wb.dir, 'saved', 'my extract.csv');
    fs.mkdirSync(path.dirname(target));
    await saveTo(found!, target);
    expect(fs.readFileSync(target, 'utf8')).toBe('a,b\n1,2\n');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['my extract.csv']);

    for (const bad of [file, '/etc/passwd', 'file:///etc/passwd', 'https://example.org/files/download/x', '/files/download/../../etc/passwd', `/files/blob/${'z'.repeat(64)}`]) {
      expect(fileForRoute(bad, wb.ctx), bad).toBeNull();
    }
  });

  it('an attachment is verified as it is copied: a damaged one leaves nothing behind', async () => {
    const blob = await putBlob(wb.ctx.paths.attachmentsDir, Readable.from([Buffer.from('original evidence')]));
    const stored = fs.readdirSync(wb.ctx.paths.attachmentsDir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(wb.ctx.paths.attachmentsDir, f)).find((f) => f.endsWith(blob.sha256))!;
    fs.chmodSync(stored, 0o644);
    fs.writeFileSync(stored, 'tampered evidence');
    const target = path.join(wb.dir, 'copy.txt');
    await expect(saveTo(fileForRoute(`/files/blob/${blob.sha256}?name=a.txt`, wb.ctx)!, target)).rejects.toThrow();
    expect(fs.readdirSync(wb.dir).filter((f) => f.startsWith('copy.txt'))).toEqual([]);
  });
});

