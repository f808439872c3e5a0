/**
 * Issue 10, findings 8, 9 and 10 (and finding 11's wait for a busy file), through the real `tpw`:
 * backup and restore, terminal-safe output, `tpw check` on a damaged file, another program's
 * SQLite file left untouched, private file modes, pruning of snapshots and leftovers, no test knob
 * in the shipped CLI, a full disk said plainly, a busy database waited for.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openWorkbench } from '../../main/api/workbench';
import { importBundle } from '../../main/exchange/service';
import { dbFingerprint, listing, send, setUpPair } from '../fixtures/bundles/pair';
import { REPO_ROOT, tpw } from '../helpers/cli';
import { rendererDir } from '../../main/cli/coreVerbs';
import { tempDir, tempWorkbench } from '../helpers/workbench';

const dirs: string[] = [];
const fresh = (prefix: string) => {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** A pilot made through the CLI, with an evidence item and an attachment. */
function pilot(dir: string) {
  const db = path.join(dir, 'pilot.db');
  expect(tpw(['init', '--place', 'Anytown', '--db', db]).status).toBe(0);
  const file = path.join(dir, 'visit notes.txt');
  fs.writeFileSync(file, 'What Mrs B told us about seven assessments.');
  const r = tpw(['evidence', 'add', '--title', 'Visit', '--kind', 'document', '--sensitivity', 'public', '--attach', file, '--db', db, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return { db, attachment: 'What Mrs B told us about seven assessments.' };
}

describe('finding 8: tpw backup is complete and verified, and tpw restore brings it back', () => {
  it('copies the attachments even when a folder on the way is called tmp… (before: none were copied)', () => {
    const dir = fresh('tmp-backup-');
    expect(dir.split(path.sep).some((p) => p.startsWith('tmp'))).toBe(true);
    const { db } = pilot(dir);
    const out = path.join(dir, 'backups', 'b1.db');
    const r = tpw(['backup', '-o', out, '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ integrity: 'ok', attachments: 1 });
    expect(listing(path.join(dir, 'backups', 'b1-attachments'))).toHaveLength(1);
  });

  it('round trip: backup with the keys (passphrase), restore elsewhere, same records, files and identity', async () => {
    const dir = fresh('tpw-roundtrip-');
    const { db, attachment } = pilot(dir);
    const me = tpw(['id', 'show', '--db', db, '--json']).json<{ fingerprint: string }>();
    const pass = path.join(dir, 'pass.txt');
    fs.writeFileSync(pass, 'a long backup passphrase\n');
    const out = path.join(dir, 'b.db');
    const b = tpw(['backup', '-o', out, '--with-identity', '--passphrase-file', pass, '--db', db, '--json']);
    expect(b.status, b.stderr).toBe(0);
    expect(b.json()).toMatchObject({ complete: true, identity: path.join(dir, 'b-identity.age') });
    expect(mode(out)).toBe(0o600);
    expect(mode(path.join(dir, 'b-identity.age'))).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'b-identity.age'), 'latin1')).toMatch(/^age-encryption\.org\/v1\n-> scrypt /);

    const target = path.join(fresh('tpw-restored-'), 'restored.db');
    const wrong = path.join(dir, 'wrong.txt');
    fs.writeFileSync(wrong, 'not the passphrase at all\n');
    const refused = tpw(['restore', out, '--passphrase-file', wrong, '--db', target, '--json']);
    expect(refused.status).toBe(2);
    expect(fs.existsSync(target)).toBe(false);

    const r = tpw(['restore', out, '--passphrase-file', pass, '--db', target, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ identity: 'restored', fingerprint: me.fingerprint, attachments: 1 });
    expect(tpw(['check', '--attachments', '--db', target, '--json']).status).toBe(0);
    expect(tpw(['id', 'show', '--db', target, '--json']).json()).toMatchObject({ fingerprint: me.fingerprint });
    const wb = openWorkbench(target, 'cli');
    try {
      const [item] = (await wb.dispatch('evidence.list', {}).then((x) => (x.ok ? x.value : null)))!.items;
      const detail = await wb.dispatch('evidence.get', { id: item!.id });
      expect(detail.ok && detail.value.attachments[0]!.fileName).toBe('visit notes.txt');
      const blob = path.join(path.dirname(target), 'restored-attachments', detail.ok ? detail.value.attachments[0]!.sha256.slice(0, 2) : '', detail.ok ? detail.value.attachments[0]!.sha256 : '');
      expect(fs.readFileSync(blob, 'utf8')).toBe(attachment);
    } finally {
      await wb.close();
    }
    // Never over an existing pilot without --replace.
    expect(tpw(['restore', out, '--passphrase-file', pass, '--db', target, '--json']).status).toBe(2);
  });

  it('refuses (exit 2, nothing written) when an attachment is missing from the store, naming it; --allow-incomplete copies the rest (before: exit 0 with a warning)', () => {
    const dir = fresh('tpw-incomplete-backup-');
    const { db } = pilot(dir);
    const store = path.join(dir, 'pilot-attachments');
    const [blob] = listing(store);
    fs.rmSync(path.join(store, blob!));
    const out = path.join(dir, 'b.db');
    const r = tpw(['backup', '-o', out, '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^That was not allowed: 1 attachment\(s\) the pilot refers to cannot be copied: "visit notes\.txt" of evidence item "Visit" \(missing from the store\)\. No backup was written\./);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('b'))).toEqual([]);
    const anyway = tpw(['backup', '-o', out, '--allow-incomplete', '--db', db, '--json']);
    expect(anyway.status, anyway.stderr).toBe(0);
    expect(anyway.json()).toMatchObject({ complete: false, attachments: 0, missing: ['"visit notes.txt" of evidence item "Visit"'] });
  });

  it('refuses a damaged backup, changing nothing', () => {
    const dir = fresh('tpw-damaged-backup-');
    const { db } = pilot(dir);
    const out = path.join(dir, 'b.db');
    expect(tpw(['backup', '-o', out, '--db', db]).status).toBe(0);
    const [blob] = listing(path.join(dir, 'b-attachments'));
    fs.appendFileSync(path.join(dir, 'b-attachments', blob!), 'tampered');
    const target = path.join(dir, 'new.db');
    const r = tpw(['restore', out, '--db', target]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/incomplete or damaged/);
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe('finding 9: text output never carries terminal control characters', () => {
  it('a name with escape sequences is printed without them (and JSON escapes them)', () => {
    const dir = fresh('tpw-escapes-');
    const db = path.join(dir, 'pilot.db');
    expect(tpw(['init', '--place', 'Anytown', '--db', db]).status).toBe(0);
    const evil = '\u001b[2K\r\u001b[32mverified partner\u001b[0m \u202eevil';
    expect(tpw(['contact', 'add', '--name', evil, '--age-recipient', 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq', '--db', db]).status).toBe(0);
    const text = tpw(['contact', 'list', '--db', db]);
    expect(text.stdout).toContain('verified partner');
    expect(text.stdout).not.toMatch(/[\u001b\r\u202e]/);
    const json = tpw(['contact', 'list', '--db', db, '--json']);
    expect(json.stdout).not.toMatch(/[\u001b\r\u202e]/);
    expect(json.json<{ name: string }[]>()[0]!.name).toBe(evil.trim());
  });
});

describe('finding 10: the database and its files', () => {
  it('tpw check exits 2 on a damaged database, quoting SQLite (before: exit 0)', () => {
    const dir = fresh('tpw-corrupt-');
    const { db } = pilot(dir);
    const raw = new BetterSqlite3(db);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const page = raw.pragma('page_size', { simple: true }) as number;
    const root = (raw.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'hypotheses'").get() as { rootpage: number }).rootpage;
    raw.close();
    // The table's root page header overwritten: not a b-tree page any more.
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(16, 0xff), 0, 16, (root - 1) * page);
    fs.closeSync(fd);
    const r = tpw(['check', '--db', db, '--json']);
    expect(r.status).toBe(2);
    expect(r.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'BAD_FILE' });
    expect(r.json<{ error: { message: string } }>().error.message).toMatch(/integrity check says|SQLite says/);
  });

  it('another program\'s SQLite file is refused and left exactly as it was (before: our schema was added to it)', () => {
    const dir = fresh('tpw-foreign-');
    const foreign = path.join(dir, 'browser-history.sqlite');
    const other = new BetterSqlite3(foreign);
    other.pragma('journal_mode = WAL');
    other.exec("CREATE TABLE visits (url TEXT); INSERT INTO visits VALUES ('https://example.org');");
    other.pragma('user_version = 4');
    other.close();
    const before = sha(foreign);
    const files = fs.readdirSync(dir).sort();
    for (const args of [['init', '--place', 'X'], ['check'], ['hypothesis', 'list']]) {
      const r = tpw([...args, '--db', foreign, '--json']);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toMatch(/another program's database/);
    }
    expect(sha(foreign)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(files);
  });

  it('marks its own files with the application id, and reads a file from before it', () => {
    const dir = fresh('tpw-appid-');
    const { db } = pilot(dir);
    const header = fs.readFileSync(db).subarray(68, 72);
    expect(header.toString('latin1')).toBe('TPWB');
  });

  it('creates the database, its companions and its snapshots readable by the user alone', async () => {
    const dir = fresh('tpw-modes-');
    const dataDir = path.join(dir, 'data');
    const { db } = pilot(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    for (const f of [db, `${db}-wal`].filter((x) => fs.existsSync(x))) expect(mode(f), f).toBe(0o600);
    for (const d of ['pilot-attachments', 'pilot-tmp', 'pilot-logs'].filter((x) => fs.existsSync(path.join(dataDir, x)))) expect(mode(path.join(dataDir, d)), d).toBe(0o700);
    for (const f of listing(path.join(dataDir, 'pilot-attachments'))) expect(mode(path.join(dataDir, 'pilot-attachments', f)), f).toBe(0o600);
    const wb = openWorkbench(db, 'cli');
    try {
      const { takeSnapshot } = await import('../../main/db/migrate');
      const snap = takeSnapshot(wb.ctx.sqlite, wb.ctx.paths.snapshotsDir, 'test');
      expect(mode(snap)).toBe(0o600);
      expect(mode(wb.ctx.paths.snapshotsDir)).toBe(0o700);
      const up = await wb.dispatch('upload.fromPath', { path: db });
      expect(up.ok).toBe(true);
      expect(mode(wb.ctx.paths.tempDir)).toBe(0o700);
      for (const f of listing(path.join(wb.ctx.paths.tempDir, 'uploads'))) expect(mode(path.join(wb.ctx.paths.tempDir, 'uploads', f)), f).toBe(0o600);
    } finally {
      await wb.close();
    }
  });

  it('keeps the newest 10 snapshots and removes what killed imports left behind (before: never cleaned)', async () => {
    const dir = fresh('tpw-prune-');
    const { db } = pilot(dir);
    const snaps = path.join(dir, 'pilot-snapshots');
    fs.mkdirSync(snaps, { recursive: true });
    for (let i = 0; i < 14; i++) fs.writeFileSync(path.join(snaps, `2026-01-${String(i + 1).padStart(2, '0')}T00-00-00-000Z-before-bundle-import.db`), 'x');
    // A staging folder of a process that no longer runs, and one of this (running) process.
    const dead = path.join(dir, 'pilot-tmp', 'import-999999999-01a21700-0000-7000-8000-000000000001');
    const alive = path.join(dir, 'pilot-tmp', `import-${process.pid}-01a21700-0000-7000-8000-000000000002`);
    for (const d of [dead, alive]) {
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'records.db'), Buffer.alloc(1024));
    }
    const oldUpload = path.join(dir, 'pilot-tmp', 'uploads', 'stale');
    fs.mkdirSync(path.dirname(oldUpload), { recursive: true });
    fs.writeFileSync(oldUpload, 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    fs.utimesSync(oldUpload, twoDaysAgo, twoDaysAgo);
    const wb = openWorkbench(db, 'cli');
    await wb.close();
    const left = fs.readdirSync(snaps).filter((f) => f.endsWith('.db')).sort();
    expect(left).toHaveLength(10);
    expect(left[0]).toMatch(/^2026-01-05/);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(alive)).toBe(true);
    expect(fs.existsSync(oldUpload)).toBe(false);
  });

  it('no test knob lowers a passphrase bundle\'s work factor in the shipped CLI', () => {
    const dir = fresh('tpw-scrypt-');
    const { db } = pilot(dir);
    const pass = path.join(dir, 'pass.txt');
    fs.writeFileSync(pass, 'correct horse battery staple\n');
    const out = path.join(dir, 'b.age');
    const r = tpw(['bundle', 'export', '-o', out, '--passphrase-file', pass, '--scope', 'evidence', '--db', db, '--json'], { env: { TPW_TEST_SCRYPT_LOGN: '10' } });
    expect(r.status, r.stderr).toBe(0);
    const stanza = /\n-> scrypt \S+ (\d+)\n/.exec(fs.readFileSync(out, 'latin1').slice(0, 400));
    expect(Number(stanza?.[1])).toBe(18);
  });

  it('TPW_RENDERER_DIR does not make the shipped CLI serve another folder: only the test runner may use it (before: always honoured)', () => {
    const elsewhere = path.join(fresh('tpw-ui-'), 'ui');
    const shipped = rendererDir({});
    expect(shipped).toBe(path.join(REPO_ROOT, 'out', 'renderer'));
    expect(rendererDir({ TPW_RENDERER_DIR: elsewhere })).toBe(shipped);
    expect(rendererDir({ TPW_RENDERER_DIR: elsewhere, VITEST: 'true' })).toBe(elsewhere);
  });

  it('a full disk while a bundle is unpacked says "disk full" and changes nothing (before: "archive is damaged: ENOSPC")', async () => {
    const pair = await setUpPair();
    try {
      const f = path.join(pair.a.dir, 'big.bin');
      fs.writeFileSync(f, Buffer.alloc(200_000, 7));
      await pair.a.call('evidence.add', { title: 'Big', kind: 'document', sensitivity: 'public', uploadIds: [(await pair.a.call('upload.fromPath', { path: f })).uploadId] });
      const bundle = await send(pair.a, pair.bInA, pair.out, { scope: ['evidence'] });
      const db = dbFingerprint(pair.b);
      const temp = listing(pair.b.ctx.paths.tempDir);
      // The disk fills while the attachment is being staged.
      const realOpen = fsp.open;
      const spy = vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
        const fh = await realOpen(...args);
        if (String(args[0]).includes('import-') && args[1] === 'wx') {
          fh.write = (async () => {
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          }) as never;
        }
        return fh;
      });
      try {
        await expect(importBundle(pair.b.ctx, { file: bundle, acceptUnknownSender: false, dryRun: false })).rejects.toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/disk is full/) });
      } finally {
        spy.mockRestore();
      }
      expect(dbFingerprint(pair.b)).toBe(db);
      expect(listing(pair.b.ctx.paths.tempDir)).toEqual(temp);
    } finally {
      await pair.cleanup();
    }
  });
});

describe('finding 11: a busy database is waited for, never INTERNAL (see also write-lock.test.ts)', () => {
  it('a write that cannot get the lock waits for it and is saved after (before: refused as busy)', async () => {
    const wb = tempWorkbench();
    try {
      // Far shorter than the lock is held below: SQLite's own busy wait is not what saves it.
      wb.ctx.sqlite.pragma('busy_timeout = 200');
      const other = new BetterSqlite3(wb.dbPath);
      other.exec('BEGIN IMMEDIATE');
      let released = false;
      setTimeout(() => {
        other.exec('ROLLBACK');
        other.close();
        released = true;
      }, 1500);
      const r = await wb.dispatch('organisation.add', { name: 'Waited', type: 'council' });
      expect(released).toBe(true);
      expect(r).toMatchObject({ ok: true, value: { name: 'Waited' } });
    } finally {
      await wb.cleanup();
    }
  });
});
