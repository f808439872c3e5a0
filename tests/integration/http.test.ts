import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileRoutes } from '../../main/host/files';
import { startHost, type RunningHost } from '../../main/host/server';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
let host: RunningHost;
let rendererDir: string;

beforeAll(async () => {
  wb = tempWorkbench();
  rendererDir = path.join(wb.dir, 'ui');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ui</title>');
  host = await startHost({ dispatch: wb.dispatch, rendererDir, fileRoute: fileRoutes(wb.ctx) });
});
afterAll(async () => {
  await host.close();
  await wb.cleanup();
});

/** Raw HTTP so the Host header can be set freely (fetch forbids it). */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (method: string, input: unknown, headers: Record<string, string> = { Authorization: `Bearer ${host.token}` }) =>
  request({ method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });

describe('browser-mode HTTP transport', () => {
  it('listens on the loopback address only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('refuses API calls without the token, or with a wrong one, and changes nothing', async () => {
    const none = await api('organisation.add', { name: 'Intruder', type: 'other' }, {});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORISED' } });
    // One character changed (never to itself: a token ending in "x" stayed right, 1 run in 64).
    const last = host.token.slice(-1);
    const wrong = await api('organisation.add', { name: 'Intruder', type: 'other' }, { Authorization: `Bearer ${host.token.slice(0, -1)}${last === 'x' ? 'y' : 'x'}` });
    expect(wrong.status).toBe(401);
    expect(await wb.call('organisation.list', {})).toEqual([]);
  });

  it('refuses a request whose Host header is not ours (DNS rebinding)', async () => {
    const r = await request({ method: 'POST', path: '/api/organisation.list', headers: { Host: `evil.example:${host.port}`, Authorization: `Bearer ${host.token}` }, body: '{}' });
    expect(r.status).toBe(421);
  });

  it('serves calls with the token through the same dispatcher', async () => {
    const r = await api('organisation.add', { name: 'Surrey Fire', type: 'fire' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { name: 'Surrey Fire', type: 'fire' } });
    expect((await wb.call('organisation.list', {})).map((o) => o.name)).toEqual(['Surrey Fire']);
  });

  it('returns coded errors for bad JSON, bad input and unknown methods', async () => {
    const bad = await request({ method: 'POST', path: '/api/organisation.add', headers: { Authorization: `Bearer ${host.token}` }, body: '{not json' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'Request body is not JSON' } });
    const invalid = JSON.parse((await api('organisation.add', { name: 42 })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = JSON.parse((await api('__proto__', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('serves the UI with a strict CSP (to a signed-in client) and refuses paths outside it', async () => {
    const page = await request({ path: '/', headers: { Authorization: `Bearer ${host.token}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['content-security-policy']).toMatch(/connect-src 'self'/);
    const escape = await request({ path: '/..%2f..%2fpackage.json', headers: { Authorization: `Bearer ${host.token}` } });
    expect(escape.body).not.toMatch(/"name"/);
  });

  it('takes uploads only with the token, streaming them to the temp folder', async () => {
    const refused = await request({ method: 'POST', path: '/files/upload?name=a.csv', body: 'x,y\n1,2\n' });
    expect(refused.status).toBe(401);
    const r = await request({ method: 'POST', path: '/files/upload?name=..%2F..%2Fa.csv', headers: { Authorization: `Bearer ${host.token}` }, body: 'x,y\n1,2\n' });
    const value = JSON.parse(r.body) as { ok: true; value: { uploadId: string; name: string; size: number } };
    expect(value).toMatchObject({ ok: true, value: { name: 'a.csv', size: 8 } });
  });
});
