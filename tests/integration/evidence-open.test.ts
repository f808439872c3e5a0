/**
 * Issue 10, finding 6: opening an attachment cannot alter the evidence, a damaged blob is reported
 * by its item and breaks nothing, and a file that can run code is opened only after a warning.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { addContact, ourCard } from '../../main/exchange/contacts';
import { REPO_ROOT, TPW } from '../helpers/cli';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

const open: TestWorkbench[] = [];
afterEach(async () => {
  for (const w of open.splice(0)) await w.cleanup();
});

/** A desktop stand-in: records what the shell was asked to open. */
function desktop(wb: TestWorkbench) {
  const opened: string[] = [];
  wb.ctx.platform = { openPath: async (p: string) => void opened.push(p) };
  return opened;
}

async function withFile(name: string, body: string) {
  const wb = tempWorkbench();
  open.push(wb);
  const f = path.join(wb.dir, name);
  fs.writeFileSync(f, body);
  const item = await wb.call('evidence.add', { title: 'Journey of Mrs B', kind: 'document', sensitivity: 'public', uploadIds: [(await wb.call('upload.fromPath', { path: f })).uploadId] });
  const a = item.attachments[0]!;
  const blob = path.join(wb.ctx.paths.attachmentsDir, a.sha256.slice(0, 2), a.sha256);
  return { wb, a, blob };
}

describe('opening an attachment', () => {
  it('gives the viewer a read-only copy, never the stored file: saving over it leaves the evidence intact (before: a hard link)', async () => {
    const { wb, a, blob } = await withFile('notes.txt', 'the original words');
    const opened = desktop(wb);
    const r = await wb.call('evidence.openAttachment', { id: a.id });
    expect(r).toMatchObject({ opened: true, warning: null });
    const [copy] = opened;
    expect(copy).toBeDefined();
    expect(path.basename(copy!)).toBe('notes.txt');
    expect(fs.statSync(copy!).ino).not.toBe(fs.statSync(blob).ino);
    expect(fs.statSync(copy!).mode & 0o777).toBe(0o400);
    expect(fs.statSync(copy!).nlink).toBe(1);
    // An editor that saves in place.
    fs.chmodSync(copy!, 0o600);
    fs.writeFileSync(copy!, 'edited in the viewer');
    expect(fs.readFileSync(blob, 'utf8')).toBe('the original words');
    // Opening again gives a fresh copy of the original.
    await wb.call('evidence.openAttachment', { id: a.id });
    expect(fs.readFileSync(opened[1]!, 'utf8')).toBe('the original words');
  });

  it('reports a damaged file by its item and opens nothing', async () => {
    const { wb, a, blob } = await withFile('figures.csv', 'ward,beds\nRiverside,14\n');
    const opened = desktop(wb);
    fs.chmodSync(blob, 0o600);
    fs.writeFileSync(blob, 'ward,beds\nRiverside,99\n');
    const r = await wb.dispatch('evidence.openAttachment', { id: a.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE', message: expect.stringMatching(/"figures\.csv" of the evidence item "Journey of Mrs B" is damaged/) } });
    expect(opened).toEqual([]);
  });

  it.each(['setup.exe', 'invoice.js', 'budget.xlsm', 'report.html', 'run.sh'])('warns before opening %s, and opens it only when confirmed', async (name) => {
    const { wb, a } = await withFile(name, 'echo hello');
    const opened = desktop(wb);
    const first = await wb.call('evidence.openAttachment', { id: a.id });
    expect(first.opened).toBe(false);
    expect(first.warning).toMatch(/can run code on this computer/);
    expect(opened).toEqual([]);
    const second = await wb.call('evidence.openAttachment', { id: a.id, confirmRisky: true });
    expect(second.opened).toBe(true);
    expect(opened).toHaveLength(1);
  });

  it('a document opens without a warning', async () => {
    const { wb, a } = await withFile('minutes.pdf', '%PDF-1.4 not really');
    desktop(wb);
    expect(await wb.call('evidence.openAttachment', { id: a.id })).toMatchObject({ opened: true, warning: null });
  });
});

describe('a damaged blob never takes the browser-mode server down', () => {
  it('exporting a bundle that includes it is refused naming the item, and the server keeps answering', async () => {
    const { wb, blob } = await withFile('plan.txt', 'the plan as agreed');
    const partner = tempWorkbench();
    open.push(partner);
    const contact = await addContact(wb.ctx, { card: JSON.stringify(await ourCard(partner.ctx)), name: 'Partner' });
    fs.chmodSync(blob, 0o600);
    fs.writeFileSync(blob, 'the plan as altered');
    await wb.close();
    const ui = path.join(wb.dir, 'ui');
    fs.mkdirSync(ui);
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>ui</title>');
    const proc = spawn(process.execPath, [TPW, 'serve', '--db', wb.dbPath, '--json'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TPW_RENDERER_DIR: ui } });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: proc.stdout! }).once('line', resolve);
        proc.once('exit', (c) => reject(new Error(`tpw serve exited ${c}`)));
      });
      const { port, token } = JSON.parse(line) as { port: number; token: string };
      const call = async (method: string, input: unknown) =>
        (await (await fetch(`http://127.0.0.1:${port}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) })).json()) as { ok: boolean; error?: { code: string; message: string } };
      const r = await call('bundle.export', { scope: ['evidence'], to: [contact.id] });
      expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE', message: expect.stringMatching(/"plan\.txt" of evidence item "Journey of Mrs B" is damaged/) } });
      await new Promise((res) => setTimeout(res, 500));
      expect(proc.exitCode).toBeNull();
      expect(await call('organisation.list', {})).toMatchObject({ ok: true });
    } finally {
      proc.kill('SIGTERM');
      await new Promise((res) => (proc.exitCode === null ? proc.once('exit', res) : res(null)));
      open.splice(open.indexOf(wb), 1);
      fs.rmSync(wb.dir, { recursive: true, force: true });
    }
  }, 120_000);
});
