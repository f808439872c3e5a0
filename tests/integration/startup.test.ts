/**
 * The desktop window's start-up, through the same function the window uses (openPilotFile): every
 * failure returns the start-up screen's model — plain words, what to do, the actions — instead of
 * no window at all (the old shell showed an error box at best, and quit). Real files, real locks,
 * real permissions (as another user when the tests run as root).
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicy, NO_POLICY } from '../../main/core/policy';
import { LATEST_SCHEMA_VERSION } from '../../main/db/migrations';
import { lockFileFor } from '../../main/electron/pilotLock';
import { PilotSession } from '../../main/electron/pilotSession';
import { recentPilotFiles } from '../../main/electron/recentFiles';
import { openPilotFile, type OpenOutcome, type StartupScreen } from '../../main/electron/startup';
import { renderStartupPage } from '../../main/electron/startupPage';
import { REPO_ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup() {
  const dir = tempDir('tpw-startup-');
  const configDir = path.join(dir, 'config');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, configDir, deps: { configDir, policy: () => NO_POLICY } };
}

async function closeOutcome(o: OpenOutcome) {
  if (o.ok) {
    await o.opened.workbench.close();
    o.opened.lock?.release();
  }
}

function screenOf(o: OpenOutcome): StartupScreen {
  if (o.ok) throw new Error('expected the start-up screen, the file opened');
  return o.screen;
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A pilot file created and closed again. */
async function pilotFile(dir: string, name = 'pilot.db'): Promise<string> {
  const { deps } = { deps: { configDir: path.join(dir, 'seed-config'), policy: () => NO_POLICY } };
  const file = path.join(dir, name);
  const o = openPilotFile({ dbPath: file }, deps);
  expect(o.ok).toBe(true);
  await closeOutcome(o);
  return file;
}

describe('opening a pilot file for the window', () => {
  it('opens (creating a new file), holds a lock while open, and remembers it in the recent list', async () => {
    const { dir, deps, configDir } = setup();
    const file = path.join(dir, 'new', 'pilot.db');
    const o = openPilotFile({ dbPath: file }, deps);
    expect(o.ok).toBe(true);
    expect(fs.existsSync(lockFileFor(file))).toBe(true);
    expect(recentPilotFiles(configDir).map((r) => r.path)).toEqual([file]);
    await closeOutcome(o);
    expect(fs.existsSync(lockFileFor(file))).toBe(false);
  });

  it('a database from a newer version: says so, offers another file, and changes nothing', async () => {
    const { dir, deps } = setup();
    const file = await pilotFile(dir);
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    db.close();
    const before = sha(file);
    const s = screenOf(openPilotFile({ dbPath: file }, deps));
    expect(s.problem).toBe('too-new');
    expect(s.title).toMatch(/newer version/);
    expect(s.steps.join(' ')).toMatch(/Install the newer version/);
    expect(s.actions).toEqual(expect.arrayContaining(['open-different', 'new-file', 'quit']));
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(lockFileFor(file))).toBe(false);
  });

  it('a file already open in another copy of the app (this computer or another): locked, with who and since when; Open anyway takes over', async () => {
    const { dir, deps } = setup();
    const file = await pilotFile(dir);
    // pid 1 is always running: another copy of the app on this computer.
    fs.writeFileSync(lockFileFor(file), JSON.stringify({ pid: 1, host: os.hostname(), user: 'alice', since: '2026-11-20T09:30:00.000Z' }));
    const s = screenOf(openPilotFile({ dbPath: file }, deps));
    expect(s.problem).toBe('locked');
    expect(s.explanation).toMatch(/on this computer, by alice, since 20 Nov 2026/);
    expect(s.actions.slice(0, 3)).toEqual(['retry', 'open-read-only', 'open-anyway']);

    fs.writeFileSync(lockFileFor(file), JSON.stringify({ pid: 4242, host: 'COUNCIL-PC-17', user: 'bob', since: '2026-11-20T09:30:00.000Z' }));
    expect(screenOf(openPilotFile({ dbPath: file }, deps)).explanation).toMatch(/the computer COUNCIL-PC-17, by bob/);

    // Read-only needs no lock; "Open anyway" takes the lock over.
    const ro = openPilotFile({ dbPath: file, readOnly: true }, deps);
    expect(ro.ok && ro.opened.readOnly).toBe(true);
    await closeOutcome(ro);
    const forced = openPilotFile({ dbPath: file, force: true }, deps);
    expect(forced.ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(lockFileFor(file), 'utf8')).pid).toBe(process.pid);
    await closeOutcome(forced);
  });

  it('a lock left by a process that has ended on this computer is taken over without asking', async () => {
    const { dir, deps } = setup();
    const file = await pilotFile(dir);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(lockFileFor(file), JSON.stringify({ pid: Number(gone.stdout), host: os.hostname(), user: 'me', since: new Date().toISOString() }));
    const o = openPilotFile({ dbPath: file }, deps);
    expect(o.ok).toBe(true);
    await closeOutcome(o);
  });

  it('a file locked by another program: in use, try again later; nothing changed', async () => {
    const { dir, deps } = setup();
    // A pilot file switched to a rollback journal, held in an exclusive transaction by another process.
    const file = await pilotFile(dir, 'held.db');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE t (x)');
    db.close();
    const holder = spawn(
      process.execPath,
      ['-e', `const D = require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules', 'better-sqlite3'))}); const d = new D(${JSON.stringify(file)}); d.exec('BEGIN EXCLUSIVE'); d.exec('INSERT INTO t VALUES (1)'); console.log('held'); setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(() => void holder.kill());
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const before = sha(file);
    const s = screenOf(openPilotFile({ dbPath: file }, deps));
    expect(s.problem).toBe('in-use');
    expect(s.explanation).toMatch(/locked by another program/);
    expect(s.actions[0]).toBe('retry');
    expect(sha(file)).toBe(before);
  }, 30_000);

  it('a damaged pilot file, a file that is not one, or a folder: cannot be read, with where the snapshots are; nothing changed', async () => {
    const { dir, deps } = setup();
    // A real pilot file whose schema pages were overwritten (the 100-byte header kept).
    const damaged = await pilotFile(dir, 'damaged.db');
    const fd = fs.openSync(damaged, 'r+');
    fs.writeSync(fd, Buffer.alloc(3000, 0x5a), 0, 3000, 100);
    fs.closeSync(fd);
    fs.mkdirSync(path.join(dir, 'damaged-snapshots'));
    const before = sha(damaged);
    const s = screenOf(openPilotFile({ dbPath: damaged }, deps));
    expect(s.problem).toBe('unreadable');
    expect(s.title).toBe('This file cannot be read as a pilot file');
    expect(s.explanation).toMatch(/damaged/);
    expect(s.steps.join(' ')).toContain(path.join(dir, 'damaged-snapshots'));
    expect(s.actions).toEqual(expect.arrayContaining(['open-different', 'new-file', 'show-folder']));
    expect(sha(damaged)).toBe(before);
    expect(fs.existsSync(lockFileFor(damaged))).toBe(false);

    // Not a database at all: refused untouched, with the way out.
    const notes = path.join(dir, 'notes.db');
    fs.writeFileSync(notes, 'These are my meeting notes, not a database. '.repeat(40));
    const n = screenOf(openPilotFile({ dbPath: notes }, deps));
    expect(n.explanation).toMatch(/not a (Total Place Workbench )?pilot file/);
    expect(n.actions).toEqual(expect.arrayContaining(['open-different', 'new-file']));
    expect(fs.readFileSync(notes, 'utf8')).toBe('These are my meeting notes, not a database. '.repeat(40));

    const folder = path.join(dir, 'a-folder.db');
    fs.mkdirSync(folder);
    const f = screenOf(openPilotFile({ dbPath: folder }, deps));
    expect(f.problem).toBe('unreadable');
    expect(f.explanation).toMatch(/is a folder/);
  });

  it('no permission: names the folder to ask IT about; offers read-only only where it can work', async () => {
    const { dir } = setup();
    const asOther = process.getuid?.() === 0;
    // Folders another user can reach: one they may write in, one they may not.
    const shared = path.join(dir, 'shared');
    const closed = path.join(dir, 'closed');
    const config = path.join(dir, 'child-config');
    for (const d of [shared, closed, config]) fs.mkdirSync(d);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(shared, 0o777);
    fs.chmodSync(closed, 0o755);
    fs.chmodSync(config, 0o777);
    const readOnlyFile = await pilotFile(shared, 'read-only.db');
    const privateFile = await pilotFile(closed, 'private.db');
    fs.chmodSync(readOnlyFile, 0o444);
    fs.chmodSync(privateFile, 0o600);
    if (!asOther) fs.chmodSync(closed, 0o000);
    cleanups.push(() => fs.chmodSync(closed, 0o755));

    const child = (file: string, mode = '') => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'tests', 'helpers', 'startupChild.ts'), file, config, mode], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        ...(asOther ? { uid: 65534, gid: 65534, env: { ...process.env, HOME: dir } } : {}),
      });
      if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as { ok: boolean; readOnly?: boolean; screen?: StartupScreen };
    };

    const ro = child(readOnlyFile);
    expect(ro.ok).toBe(false);
    expect(ro.screen!.problem).toBe('no-permission');
    expect(ro.screen!.explanation).toMatch(/may read "read-only.db" but not change it/);
    expect(ro.screen!.steps[0]).toContain(shared);
    expect(ro.screen!.actions[0]).toBe('open-read-only');
    expect(child(readOnlyFile, 'read-only')).toEqual({ ok: true, readOnly: true });

    const denied = child(privateFile);
    expect(denied.screen!.problem).toBe('no-permission');
    expect(denied.screen!.actions).not.toContain('open-read-only');
    expect(denied.screen!.steps.join(' ')).toMatch(/copy the file somewhere you can write to/);
  }, 240_000);

  it('a policy IT got wrong: says so, names the file, opens nothing', async () => {
    const { dir, deps } = setup();
    const policyFile = path.join(dir, 'policy.json');
    fs.writeFileSync(policyFile, '{ "forbidPassphraseOnlyBundle": true }');
    const file = path.join(dir, 'pilot.db');
    const s = screenOf(openPilotFile({ dbPath: file }, { ...deps, policy: () => loadPolicy({ file: policyFile, registry: null }) }));
    expect(s.problem).toBe('policy');
    expect(s.explanation).toContain(policyFile);
    expect(s.steps[0]).toMatch(/forbidPassphraseOnlyBundle/);
    expect(s.actions).toEqual(['retry', 'quit']);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('an unexpected fault: shown by reference, the stack in the error log beside the file', async () => {
    const { dir, deps } = setup();
    const file = path.join(dir, 'pilot.db');
    const s = screenOf(openPilotFile({ dbPath: file }, { ...deps, policy: () => { throw new TypeError('boom at line 3'); } }));
    expect(s.problem).toBe('unexpected');
    expect(s.reference).toMatch(/^E-[0-9A-Z]{6}$/);
    expect(s.explanation).not.toMatch(/boom/);
    const log = fs.readFileSync(path.join(dir, 'pilot-logs', 'errors.log'), 'utf8');
    expect(log).toContain(s.reference!);
    expect(log).toContain('boom at line 3');
  });

  it('the screen lists the other recent pilot files, and its page escapes every text', async () => {
    const { dir, deps } = setup();
    const good = path.join(dir, 'good.db');
    await closeOutcome(openPilotFile({ dbPath: good }, deps));
    const bad = path.join(dir, '<img src=x onerror=alert(1)>.db');
    fs.writeFileSync(bad, 'not sqlite '.repeat(50));
    const s = screenOf(openPilotFile({ dbPath: bad }, deps));
    expect(s.recent.map((r) => r.path)).toEqual([good]);
    const html = renderStartupPage(s);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.db');
    expect(html).toContain('data-action="open-recent" data-index="0"');
    expect(html).toContain('Open a different pilot file…');
  });
});

describe('the window\'s pilot session', () => {
  it('never opens the same file twice; a failed switch keeps the open pilot; a good switch closes the old one', async () => {
    const { dir, deps } = setup();
    const session = new PilotSession(deps);
    cleanups.push(() => session.close());
    const a = path.join(dir, 'a.db');
    const first = await session.open({ dbPath: a });
    expect(first.ok).toBe(true);
    const again = await session.open({ dbPath: a });
    expect(again.ok && first.ok && again.opened.workbench).toBe(first.ok && first.opened.workbench);

    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'x'.repeat(600));
    expect((await session.open({ dbPath: junk })).ok).toBe(false);
    expect(session.current?.dbPath).toBe(a);
    expect(session.lastFailedRequest?.dbPath).toBe(junk);

    const b = path.join(dir, 'b.db');
    expect((await session.open({ dbPath: b })).ok).toBe(true);
    expect(session.current?.dbPath).toBe(b);
    expect(fs.existsSync(lockFileFor(a))).toBe(false);
    expect(fs.existsSync(lockFileFor(b))).toBe(true);
    // The old workbench is closed: its connection refuses work.
    expect(() => first.ok && first.opened.workbench.ctx.sqlite.prepare('SELECT 1').get()).toThrow(/not open/);
    await session.close();
    expect(fs.existsSync(lockFileFor(b))).toBe(false);
  });
});
