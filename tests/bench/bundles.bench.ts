/**
 * Bundles benchmark: export and import of 10,000 records with 2 GB of attachments, each in its
 * own process so peak memory (max RSS) is the operation's own; then the `age` command line on
 * the same bytes for comparison. Goals (issue 6): peak memory under 300 MB; import within 3× of
 * `age -d` on the same bytes.
 *
 *   node --import tsx tests/bench/bundles.bench.ts
 *   TPW_BENCH_RECORDS=2000 TPW_BENCH_ATTACHMENT_MB=200 node --import tsx tests/bench/bundles.bench.ts   (quicker)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadIdentity } from '../../main/bundle/identity';
import { recordOps } from '../../main/db/records';
import { hypotheses } from '../../main/hypotheses/records';
import { exportBundle, importBundle } from '../../main/exchange/service';
import { addContact, ourCard } from '../../main/exchange/contacts';
import { inWriteTransaction } from '../../main/core/recordStore';
import { openWorkbench } from '../../main/api/workbench';

const RECORDS = Number(process.env.TPW_BENCH_RECORDS ?? 10_000);
const ATTACHMENT_MB = Number(process.env.TPW_BENCH_ATTACHMENT_MB ?? 2048);
const FILE_MB = Math.min(100, Math.max(1, ATTACHMENT_MB));

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function child(mode: string, db: string, file: string) {
  const wb = openWorkbench(db, 'cli');
  const t0 = performance.now();
  let out: unknown;
  if (mode === 'export') {
    const [to] = await wb.dispatch('contact.list', {}).then((r) => (r.ok ? r.value : []));
    out = await exportBundle(wb.ctx, { scope: ['setup', 'hypotheses', 'evidence'], include: [], to: [to!.id], file });
  } else {
    out = await importBundle(wb.ctx, { file, acceptUnknownSender: false, dryRun: false });
  }
  const ms = performance.now() - t0;
  await wb.close();
  process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, out }));
}

function timed(cmd: string, args: string[]): number {
  const t0 = performance.now();
  execFileSync(cmd, args, { stdio: 'ignore' });
  return performance.now() - t0;
}

function runChild(mode: string, db: string, file: string): { ms: number; maxRssKb: number; out: Record<string, unknown> } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, mode, db, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  process.stderr.write(r.stderr);
  return JSON.parse(r.stdout) as { ms: number; maxRssKb: number; out: Record<string, unknown> };
}

async function main() {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'tpw-bundles-bench-'));
  try {
    const aDb = path.join(dir, 'a.db');
    const bDb = path.join(dir, 'b.db');
    const a = openWorkbench(aDb, 'cli');
    const b = openWorkbench(bDb, 'cli');
    await addContact(a.ctx, { card: JSON.stringify(await ourCard(b.ctx)), name: 'Brimley' });
    await addContact(b.ctx, { card: JSON.stringify(await ourCard(a.ctx)), name: 'Avonford' });

    console.log(`Setting up ${RECORDS} records and ${ATTACHMENT_MB} MB of attachments…`);
    const store = recordOps(hypotheses);
    await inWriteTransaction(a.ctx, async (trx, w) => {
      for (let i = 0; i < RECORDS; i++) {
        await store.insertIn(trx, w, { statement: `Hypothesis ${i}: integrated services reduce demand`, rationale: 'x'.repeat(200), status: 'proposed' });
      }
    });
    const files = Math.ceil(ATTACHMENT_MB / FILE_MB);
    for (let i = 0; i < files; i++) {
      const f = path.join(dir, `att-${i}.bin`);
      const fh = await fsp.open(f, 'w');
      for (let m = 0; m < FILE_MB; m++) await fh.write(randomBytes(1024 * 1024));
      await fh.close();
      const up = await a.dispatch('upload.fromPath', { path: f });
      if (!up.ok) throw new Error(up.error.message);
      const ev = await a.dispatch('evidence.add', { title: `Large file ${i}`, kind: 'document', sensitivity: 'partners', uploadIds: [up.value.uploadId] });
      if (!ev.ok) throw new Error(ev.error.message);
      await fsp.rm(f);
    }
    const idB = await loadIdentity(b.ctx);
    await a.close();
    await b.close();

    const bundle = path.join(dir, 'bench.age');
    const exp = runChild('export', aDb, bundle);
    const bytes = fs.statSync(bundle).size;
    const imp = runChild('import', bDb, bundle);

    const key = path.join(dir, 'b.key');
    fs.writeFileSync(key, `${idB.ageIdentity}\n`, { mode: 0o600 });
    const plain = path.join(dir, 'plain.tar');
    const ageDec = timed('age', ['-d', '-i', key, '-o', plain, bundle]);
    const ageEnc = timed('age', ['-r', idB.ageRecipient, '-o', path.join(dir, 'again.age'), plain]);

    const rate = (ms: number) => `${mb(bytes / (ms / 1000))} MB/s`;
    console.log(`bundle: ${RECORDS} records, ${files} attachments, ${mb(bytes)} MB`);
    console.log(`export (collect + tar + age + minisign): ${(exp.ms / 1000).toFixed(2)} s, ${rate(exp.ms)}, peak RSS ${mb(exp.maxRssKb * 1024)} MB`);
    console.log(`import (verify + decrypt + stage + merge): ${(imp.ms / 1000).toFixed(2)} s, ${rate(imp.ms)}, peak RSS ${mb(imp.maxRssKb * 1024)} MB`);
    console.log(`  result: ${JSON.stringify({ added: imp.out.added, updated: imp.out.updated, conflicts: imp.out.conflicts })}`);
    console.log(`age CLI: decrypt ${(ageDec / 1000).toFixed(2)} s (${rate(ageDec)}), encrypt ${(ageEnc / 1000).toFixed(2)} s (${rate(ageEnc)})`);
    console.log(`goal: peak memory < 300 MB — export ${exp.maxRssKb / 1024 < 300 ? 'met' : 'MISSED'}, import ${imp.maxRssKb / 1024 < 300 ? 'met' : 'MISSED'}`);
    console.log(`goal: import within 3× of age -d — ${(imp.ms / ageDec).toFixed(2)}× (${imp.ms / ageDec <= 3 ? 'met' : 'MISSED'})`);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

const [mode, db, file] = process.argv.slice(2);
if (mode === 'export' || mode === 'import') await child(mode, db!, file!);
else await main();
