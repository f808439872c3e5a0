/**
 * Kill tests: the real CLI import is SIGKILLed at random moments, 50 times. Every time the
 * database must pass `PRAGMA integrity_check` and hold either exactly the state before the
 * import or exactly the state after it — never a half-merged one.
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TPW, REPO_ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';
import { send, setUpPair, type Pair } from '../fixtures/bundles/pair';

const RUNS = Number(process.env.TPW_KILL_RUNS ?? 50);
let pair: Pair;
let bundle: string;
let pristine: string;
let work: string;

/** The merged content: record tables and their history (ids, revs, data), not timestamps of the log. */
function stateOf(dbPath: string): { integrity: string; digest: string; hypotheses: number } {
  const db = new BetterSqlite3(dbPath);
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const h = crypto.createHash('sha256');
    for (const sql of [
      'SELECT * FROM hypotheses ORDER BY id',
      'SELECT * FROM themes ORDER BY id',
      'SELECT * FROM evidence_items ORDER BY id',
      'SELECT table_name, record_id, rev, parent_rev, data FROM record_revisions ORDER BY table_name, record_id, rev',
      "SELECT bundle_id FROM bundle_log WHERE direction = 'import'",
    ]) h.update(JSON.stringify(db.prepare(sql).all()));
    const hypotheses = (db.prepare('SELECT count(*) AS n FROM hypotheses').get() as { n: number }).n;
    return { integrity, digest: h.digest('hex'), hypotheses };
  } finally {
    db.close();
  }
}

function freshCopy(name: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  for (const f of fs.readdirSync(pristine)) fs.copyFileSync(path.join(pristine, f), path.join(dir, f));
  return path.join(dir, 'workbench.db');
}

beforeAll(async () => {
  pair = await setUpPair();
  const theme = await pair.a.call('theme.add', { name: 'Offenders' });
  for (let i = 0; i < 300; i++) await pair.a.call('hypothesis.add', { statement: `Hypothesis ${i}: joint case management cuts reoffending`, themeId: theme.id });
  for (let i = 0; i < 3; i++) {
    const f = path.join(pair.a.dir, `doc${i}.txt`);
    fs.writeFileSync(f, crypto.randomBytes(200_000));
    await pair.a.call('evidence.add', { title: `Document ${i}`, kind: 'document', sensitivity: 'partners', uploadIds: [(await pair.a.call('upload.fromPath', { path: f })).uploadId] });
  }
  bundle = await send(pair.a, pair.bInA, pair.out, { scope: ['hypotheses', 'evidence'] });
  work = tempDir('tpw-kill-');
  pristine = path.join(work, 'pristine');
  fs.mkdirSync(pristine);
  pair.b.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  fs.copyFileSync(pair.b.dbPath, path.join(pristine, 'workbench.db'));
  fs.copyFileSync(path.join(pair.b.dir, 'workbench-identity.json'), path.join(pristine, 'workbench-identity.json'));
}, 120_000);

afterAll(async () => {
  await pair.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('killing the import at random moments', () => {
  it(`leaves the database whole and either before or after, ${RUNS} times`, async () => {
    const before = stateOf(freshCopy('before'));
    const refDb = freshCopy('reference');
    const t0 = Date.now();
    const ref = spawnSync(process.execPath, [TPW, 'bundle', 'import', bundle, '--db', refDb, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const fullMs = Date.now() - t0;
    expect(ref.status, ref.stderr).toBe(0);
    const after = stateOf(refDb);
    expect(after.hypotheses).toBe(before.hypotheses + 300);
    expect(after.digest).not.toBe(before.digest);

    const outcomes = { before: 0, after: 0 };
    for (let i = 0; i < RUNS; i++) {
      const db = freshCopy(`run-${i}`);
      // Spread the kills over the whole run: start-up, verification, staging, the transaction.
      const delay = Math.floor(fullMs * (0.45 + 0.65 * Math.random()));
      const child = spawn(process.execPath, [TPW, 'bundle', 'import', bundle, '--db', db, '--json'], { cwd: REPO_ROOT, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      await new Promise((r) => child.once('exit', r));
      clearTimeout(timer);
      const s = stateOf(db);
      expect(s.integrity, `run ${i} (killed at ${delay} ms)`).toBe('ok');
      expect([before.digest, after.digest], `run ${i} (killed at ${delay} ms) is neither before nor after`).toContain(s.digest);
      outcomes[s.digest === before.digest ? 'before' : 'after']++;
      fs.rmSync(path.dirname(db), { recursive: true, force: true });
    }
    console.log(`kill test: ${RUNS} runs, full import ${fullMs} ms; ended before: ${outcomes.before}, after: ${outcomes.after}`);
    expect(outcomes.before + outcomes.after).toBe(RUNS);
  }, 900_000);
});
