/**
 * Finding 2 of issue 10: browser mode runs as browser mode. The real `tpw serve` (its own process,
 * as a user starts it) is attacked with its own API token and session: no method takes a path,
 * the sign-in link is exchanged once for an HttpOnly SameSite=Strict cookie and never works
 * again, the token is never accepted from a URL, foreign Origins are refused, and a browser left
 * over from an earlier run is told exactly how to get back in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, TPW } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

interface Serve {
  proc: ChildProcess;
  url: string;
  port: number;
  token: string;
}

const dir = tempDir('tpw-browser-mode-');
const dbPath = path.join(dir, 'pilot.db');
const ui = path.join(dir, 'ui');
fs.mkdirSync(ui);
fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>app shell</title><p>THE APP</p>');
fs.writeFileSync(path.join(ui, 'app.js'), 'console.log(1)');
const secret = path.join(dir, 'secret.txt');
fs.writeFileSync(secret, 'the contents of a private file on this computer');

async function serve(port = 0): Promise<Serve> {
  const proc = spawn(process.execPath, [TPW, 'serve', '--db', dbPath, '--json', '--port', String(port)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TPW_RENDERER_DIR: ui } });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tpw serve did not start: ${stderr}`)), 60_000);
    createInterface({ input: proc.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    proc.once('exit', (code) => reject(new Error(`tpw serve exited ${code}: ${stderr}`)));
  });
  return { proc, ...(JSON.parse(first) as { url: string; port: number; token: string }) };
}

async function stop(s: Serve) {
  s.proc.kill('SIGTERM');
  await new Promise((r) => s.proc.once('exit', r));
}

function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

let s: Serve;
beforeAll(async () => {
  s = await serve();
}, 90_000);
afterAll(async () => {
  if (s.proc.exitCode === null) await stop(s);
  fs.rmSync(dir, { recursive: true, force: true });
});

const api = (method: string, input: unknown, headers: Record<string, string>) =>
  request(s.port, { method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });
const bearer = () => ({ Authorization: `Bearer ${s.token}` });

describe('browser mode cannot read files on this computer', () => {
  it('refuses upload.fromPath over HTTP even with the API token, so no file can be turned into evidence', async () => {
    const r = JSON.parse((await api('upload.fromPath', { path: secret }, bearer())).body) as { ok: boolean; error?: { code: string; message: string }; value?: { uploadId: string } };
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: 'REFUSED' });
    expect(r.error!.message).toMatch(/file chooser/);
    // Nothing was staged: the uploads folder holds no copy of the file.
    const uploads = path.join(dir, 'pilot-tmp', 'uploads');
    const copies = fs.existsSync(uploads) ? fs.readdirSync(uploads).filter((f) => !f.endsWith('.json')).map((f) => fs.readFileSync(path.join(uploads, f), 'utf8')) : [];
    expect(copies).not.toContain(fs.readFileSync(secret, 'utf8'));
  });
});

describe('signing in: a one-time link exchanged for a cookie', () => {
  let cookie = '';

  it('serves nothing of the app, and no API, to a browser that is not signed in', async () => {
    const page = await request(s.port, { path: '/' });
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('THE APP');
    expect(page.body).toMatch(/tpw serve/);
    expect((await api('organisation.list', {}, {})).status).toBe(401);
  });

  it('never takes the API token from a URL', async () => {
    const r = await request(s.port, { method: 'POST', path: `/api/organisation.list?token=${s.token}`, headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
    const f = await request(s.port, { path: `/files/download/00000000-0000-0000-0000-000000000000?token=${s.token}` });
    expect(f.status).toBe(401);
  });

  it('exchanges the printed link for an HttpOnly, SameSite=Strict cookie and a redirect to the bare address', async () => {
    const u = new URL(s.url);
    expect(u.hostname).toBe('127.0.0.1');
    const r = await request(s.port, { path: `${u.pathname}${u.search}` });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const set = String(r.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).not.toContain(u.searchParams.get('token')!);
    expect(set).not.toContain(s.token);
    cookie = set.split(';')[0]!;
    const page = await request(s.port, { path: '/', headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('THE APP');
    const list = JSON.parse((await api('organisation.list', {}, { Cookie: cookie, Origin: `http://127.0.0.1:${s.port}` })).body);
    expect(list).toMatchObject({ ok: true, value: [] });
  });

  it('the link works once: opened again elsewhere (say, from the browser history) it signs nobody in', async () => {
    const u = new URL(s.url);
    const again = await request(s.port, { path: `${u.pathname}${u.search}` });
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toMatch(/already been used/);
    // The browser that used it is still in.
    const same = await request(s.port, { path: `${u.pathname}${u.search}`, headers: { Cookie: cookie } });
    expect(same.status).toBe(303);
  });

  it('refuses requests from another origin or site, even with a valid session', async () => {
    const evil = await api('organisation.add', { name: 'Intruder', type: 'other' }, { Cookie: cookie, Origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    const otherPort = await api('organisation.add', { name: 'Intruder', type: 'other' }, { Cookie: cookie, Origin: `http://127.0.0.1:${s.port + 1}` });
    expect(otherPort.status).toBe(403);
    const crossSite = await api('organisation.add', { name: 'Intruder', type: 'other' }, { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const list = JSON.parse((await api('organisation.list', {}, { Cookie: cookie })).body) as { value: unknown[] };
    expect(list.value).toEqual([]);
  });

  it('after a restart, the old session tells the browser exactly how to get back in', async () => {
    const port = s.port;
    await stop(s);
    s = await serve(port);
    const page = await request(port, { path: '/', headers: { Cookie: cookie } });
    expect(page.status).toBe(401);
    expect(page.body).toMatch(/Sessions end when <code>tpw serve<\/code> stops/);
    expect(page.body).toMatch(/Open the address it prints/);
    const call = JSON.parse((await api('organisation.list', {}, { Cookie: cookie })).body) as { ok: false; error: { code: string; message: string } };
    expect(call.error.code).toBe('UNAUTHORISED');
    expect(call.error.message).toMatch(/Run `tpw serve` again and open the address it prints/);
  }, 90_000);
});
