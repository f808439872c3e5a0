import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openErrorLog, type ErrorLogEntry } from '../../main/core/errorLog';
import { startHost } from '../../main/host/server';
import { tpw } from '../helpers/cli';
import { tempDir, tempWorkbench, type TestWorkbench } from '../helpers/workbench';

/** The user-facing sentence, with the reference captured. */
const PLAIN = /^Something went wrong inside the workbench\. Reference (E-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}) — the details are in the error log beside your data\.$/;
const posix = process.platform !== 'win32';

let wb: TestWorkbench | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await wb?.cleanup();
  wb = null;
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

const logFile = (dbPath: string) => path.join(path.dirname(dbPath), `${path.basename(dbPath, '.db')}-logs`, 'errors.log');
const entries = (file: string): ErrorLogEntry[] => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ErrorLogEntry);
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('unexpected errors reach the user as a plain message with a reference', () => {
  it('a TypeError inside a handler: plain message, same reference in the log with the stack, file 0600', async () => {
    wb = tempWorkbench();
    // Make the service itself fail the way a bug would: a TypeError deep inside a write.
    wb.ctx.now = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'secret-detail')");
    };
    const r = await wb.dispatch('organisation.add', { name: 'Borough Council', type: 'council' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INTERNAL');
    const reference = PLAIN.exec(r.error.message)?.[1];
    expect(reference, r.error.message).toBeDefined();
    expect(r.error.message).not.toMatch(/secret-detail|TypeError|Cannot read/);

    const file = logFile(wb.dbPath);
    expect(wb.errorLog.file).toBe(file);
    const [entry, ...more] = entries(file);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ reference, method: 'organisation.add', name: 'TypeError' });
    expect(entry!.stack).toMatch(/^TypeError: Cannot read properties of undefined \(reading 'secret-detail'\)\n\s+at /);
    expect(Date.parse(entry!.time)).not.toBeNaN();
    if (posix) {
      expect(mode(file)).toBe(0o600);
      expect(mode(path.dirname(file))).toBe(0o700);
    }
  });

  it('a database failure (SQL text in the exception) is not shown; two failures get two references', async () => {
    wb = tempWorkbench();
    wb.ctx.sqlite.exec('ALTER TABLE organisations RENAME TO organisations_elsewhere');
    const first = await wb.dispatch('organisation.list', {});
    const second = await wb.dispatch('organisation.list', {});
    const refs = [first, second].map((r) => (r.ok ? null : PLAIN.exec(r.error.message)?.[1]));
    expect(refs.every(Boolean)).toBe(true);
    expect(refs[0]).not.toBe(refs[1]);
    expect(JSON.stringify([first, second])).not.toMatch(/no such table|organisations|SQLITE/i);
    const logged = entries(logFile(wb.dbPath));
    expect(logged.map((e) => e.reference)).toEqual(refs);
    expect(logged[0]).toMatchObject({ method: 'organisation.list', code: 'SQLITE_ERROR', message: expect.stringMatching(/no such table: organisations/) });
  });

  it('refusals the services raise on purpose are shown as they are and not logged', async () => {
    wb = tempWorkbench();
    const r = await wb.dispatch('hypothesis.get', { id: '01890a5d-ac96-774b-bcce-b302099a8057' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(fs.existsSync(logFile(wb.dbPath))).toBe(false);
  });

  it('the browser-mode host answers its own failures by reference too, logged in the same file', async () => {
    wb = tempWorkbench();
    const rendererDir = path.join(wb.dir, 'ui');
    fs.mkdirSync(rendererDir);
    const host = await startHost({
      dispatch: wb.dispatch,
      rendererDir,
      errorLog: wb.errorLog,
      fileRoute: async () => {
        throw new TypeError('host-internal-detail');
      },
    });
    try {
      const res = await fetch(`http://127.0.0.1:${host.port}/files/anything`, { headers: { Authorization: `Bearer ${host.token}` } });
      expect(res.status).toBe(500);
      const body = (await res.json()) as { ok: false; error: { code: string; message: string } };
      expect(body.error.code).toBe('INTERNAL');
      const reference = PLAIN.exec(body.error.message)?.[1];
      expect(reference).toBeDefined();
      expect(JSON.stringify(body)).not.toMatch(/host-internal-detail/);
      const [entry] = entries(logFile(wb.dbPath));
      expect(entry).toMatchObject({ reference, method: 'http GET /files/anything', name: 'TypeError' });
      // The session token is never written to the log.
      expect(fs.readFileSync(logFile(wb.dbPath), 'utf8')).not.toContain(host.token);
    } finally {
      await host.close();
    }
  });

  it('the CLI prints only the plain message (and JSON with --json), and logs beside the database', async () => {
    const dir = tempDir('tpw-errors-cli-');
    dirs.push(dir);
    const db = path.join(dir, 'pilot.db');
    expect(tpw(['init', '--place', 'Anytown', '--db', db]).status).toBe(0);
    const raw = new BetterSqlite3(db);
    raw.exec('ALTER TABLE organisations RENAME TO organisations_elsewhere');
    raw.close();

    const text = tpw(['org', 'list', '--db', db]);
    expect(text.status).toBe(2);
    const reference = PLAIN.exec(text.stderr.trim())?.[1];
    expect(reference, text.stderr).toBeDefined();
    expect(text.stderr + text.stdout).not.toMatch(/no such table|SqliteError|\bat /);

    const json = tpw(['org', 'list', '--db', db, '--json']);
    expect(json.status).toBe(2);
    const err = json.json<{ error: { code: string; message: string } }>().error;
    expect(err.code).toBe('INTERNAL');
    const jsonReference = PLAIN.exec(err.message)?.[1];
    expect(json.stderr).toBe('');

    const file = path.join(dir, 'pilot-logs', 'errors.log');
    expect(entries(file).map((e) => [e.reference, e.method])).toEqual([
      [reference, 'organisation.list'],
      [jsonReference, 'organisation.list'],
    ]);
    if (posix) expect(mode(file)).toBe(0o600);
  });
});

describe('the error log file', () => {
  it('rotates when it would pass the size limit, keeps three old files, all 0600', () => {
    const dir = tempDir('tpw-errlog-');
    dirs.push(dir);
    const log = openErrorLog(path.join(dir, 'w-logs'), { maxBytes: 4000 });
    const refs: string[] = [];
    for (let i = 0; i < 40; i++) refs.push(log.record('test.method', new Error(`failure ${i}`)));
    const names = fs.readdirSync(path.join(dir, 'w-logs')).sort();
    expect(names).toEqual(['errors.log', 'errors.log.1', 'errors.log.2', 'errors.log.3']);
    for (const n of names) {
      const f = path.join(dir, 'w-logs', n);
      expect(fs.statSync(f).size).toBeLessThanOrEqual(4000);
      if (posix) expect(mode(f)).toBe(0o600);
    }
    // Newest last in the live file; the oldest entries are the ones dropped.
    const live = entries(log.file);
    expect(live.at(-1)!.reference).toBe(refs.at(-1));
    const kept = names.flatMap((n) => entries(path.join(dir, 'w-logs', n)).map((e) => e.reference));
    expect(kept.length).toBeLessThan(refs.length);
    expect(new Set(kept)).toEqual(new Set(refs.slice(-kept.length)));
  });

  it('tightens a log folder and file that were made with wider permissions', () => {
    if (!posix) return;
    const dir = tempDir('tpw-errlog-');
    dirs.push(dir);
    const logs = path.join(dir, 'w-logs');
    fs.mkdirSync(logs, { mode: 0o755 });
    fs.chmodSync(logs, 0o755);
    fs.writeFileSync(path.join(logs, 'errors.log'), '');
    fs.chmodSync(path.join(logs, 'errors.log'), 0o644);
    openErrorLog(logs).record('test.method', new Error('x'));
    expect(mode(logs)).toBe(0o700);
    expect(mode(path.join(logs, 'errors.log'))).toBe(0o600);
  });
});
