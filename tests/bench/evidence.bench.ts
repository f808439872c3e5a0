/**
 * Evidence figures (issue 3 goals in brackets):
 *  - search latency, median and p95 over 200 varied queries, with 100,000 items, 200 hypotheses
 *    and 1,000,000 links                                              [p95 < 30 ms]
 *  - loading the matrix data for 200 hypotheses × 500 rows             [< 150 ms]
 *  - attaching a 1 GB file: throughput against `cp` of the same file on the same disk, and peak
 *    memory of the attaching process                                  [within 1.5× of cp; < 150 MB]
 *
 * TPW_BENCH_SCALE scales everything down for a quick run (e.g. 0.05 → 5,000 items, 50 MB file).
 * The attach runs in a child process of its own so its peak RSS is not the data generator's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fromPath } from '../../main/evidence/sources';
import { addEvidence } from '../../main/evidence/service';
import { openWorkbench } from '../../main/api/workbench';
import { newId } from '../../main/db/ids';

const SCALE = Number(process.env.TPW_BENCH_SCALE ?? 1);
const ITEMS = Math.round(100_000 * SCALE);
const HYPOTHESES = Math.max(10, Math.round(200 * Math.min(1, SCALE * 4)));
const LINKS_PER_ITEM = 10;
const FILE_MB = Math.max(16, Math.round(1024 * SCALE));

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

if (process.argv[2] === '--attach') {
  // Child: attach one file to a fresh item and report time and peak memory.
  const [, , , dbPath, file] = process.argv;
  const wb = openWorkbench(dbPath!, 'cli');
  const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
  const base = { kind: 'document' as const, summary: null, source: null, organisationId: null, observedOn: null, reportedOn: null, collectedBy: null, sensitivity: 'team' as const, tags: [], citizenPerspective: false, themeId: null };
  const t = performance.now();
  await addEvidence(wb.ctx, { ...base, title: 'Big file' }, [fromPath(file!, path.basename(file!))]);
  const attachMs = performance.now() - t;
  const t2 = performance.now();
  await addEvidence(wb.ctx, { ...base, title: 'Same big file again' }, [fromPath(file!, path.basename(file!))]);
  const dedupeMs = performance.now() - t2;
  await wb.close();
  console.log(JSON.stringify({ attachMs, dedupeMs, baseRssMb, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-bench-evidence-'));
try {
  console.log(`scale ${SCALE}: ${ITEMS.toLocaleString()} items, ${HYPOTHESES} hypotheses, ${(ITEMS * LINKS_PER_ITEM).toLocaleString()} links, ${FILE_MB} MB file`);
  const wb = openWorkbench(path.join(dir, 'w.db'), 'cli');
  const db = wb.ctx.sqlite;

  // A vocabulary with a long tail, like real notes: a few words everywhere, most words rare.
  const common = ['falls', 'older', 'people', 'hospital', 'admission', 'care', 'home', 'visit', 'council', 'police', 'housing', 'debt', 'drugs', 'alcohol', 'children', 'family', 'budget', 'assessment', 'referral', 'discharge'];
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const syllables = ['ba', 'ker', 'lo', 'min', 'sta', 'rel', 'po', 'dan', 'vi', 'gor', 'tu', 'shen', 'ar', 'mo', 'lit', 'qua'];
  const rare = Array.from({ length: 5000 }, () => Array.from({ length: 3 + Math.floor(rand() * 2) }, () => syllables[Math.floor(rand() * syllables.length)]).join(''));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => (rand() < 0.3 ? pick(common) : pick(rare))).join(' ');
  const KINDS = ['spend_analysis', 'performance_data', 'citizen_journey', 'citizen_interview', 'citizen_story', 'citizen_survey', 'practitioner_view', 'document', 'observation'];
  const SENS = ['public', 'partners', 'team', 'personal'];
  const RATINGS = ['CC', 'C', 'N', 'I', 'II', 'NA'];
  const WEIGHTS = ['high', 'medium', 'low'];

  let t = performance.now();
  const now = new Date().toISOString();
  const hypIds: string[] = [];
  const itemIds: string[] = [];
  db.transaction(() => {
    const h = db.prepare(`INSERT INTO hypotheses (id, rev, created_at, updated_at, statement, status) VALUES (?, '1-00000000', ?, ?, ?, 'testing')`);
    for (let i = 0; i < HYPOTHESES; i++) {
      const id = newId();
      hypIds.push(id);
      h.run(id, now, now, `Hypothesis ${i}: ${words(8)}`);
    }
    const e = db.prepare(
      `INSERT INTO evidence_items (id, rev, created_at, updated_at, title, kind, summary, sensitivity, tags, citizen_perspective) VALUES (?, '1-00000000', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < ITEMS; i++) {
      const id = newId();
      itemIds.push(id);
      const kind = pick(KINDS);
      e.run(id, now, now, words(6), kind, words(40), pick(SENS), JSON.stringify([pick(common), pick(rare)]), kind.startsWith('citizen') ? 1 : 0);
    }
  })();
  const itemsMs = performance.now() - t;
  t = performance.now();
  db.transaction(() => {
    const l = db.prepare(`INSERT INTO evidence_links (id, rev, created_at, updated_at, evidence_id, hypothesis_id, rating, weight) VALUES (?, '1-00000000', ?, ?, ?, ?, ?, ?)`);
    for (const item of itemIds) {
      const start = Math.floor(rand() * HYPOTHESES);
      for (let k = 0; k < LINKS_PER_ITEM; k++) l.run(newId(), now, now, item, hypIds[(start + k * 7) % HYPOTHESES]!, pick(RATINGS), pick(WEIGHTS));
    }
  })();
  console.log(`generated: items + search index ${(itemsMs / 1000).toFixed(1)} s, links ${((performance.now() - t) / 1000).toFixed(1)} s`);
  db.pragma('optimize');

  // 200 varied queries: common words, rare words, two- and three-word queries, prefixes, misses.
  const queries: string[] = [];
  for (let i = 0; i < 200; i++) {
    const k = i % 5;
    queries.push(
      k === 0 ? pick(common) : k === 1 ? pick(rare) : k === 2 ? `${pick(common)} ${pick(rare)}` : k === 3 ? `${pick(common)} ${pick(common)} ${pick(common)}` : pick(rare).slice(0, 5),
    );
  }
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const s = performance.now();
    const r = await wb.dispatch('evidence.search', { query: q, limit: 25 });
    times.push(performance.now() - s);
    if (!r.ok) throw new Error(r.error.message);
    hits += r.value.length;
  }
  console.log(`search (200 queries, top 25 with snippets): median ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}, max ${ms(Math.max(...times))} [goal p95 < 30 ms]; ${hits} hits`);

  const listTimes: number[] = [];
  for (const f of [{}, { kind: 'citizen_story' as const }, { text: 'falls', citizenPerspective: true }, { hypothesisId: hypIds[3]! }, { offset: Math.max(0, ITEMS - 200) }]) {
    const s = performance.now();
    const r = await wb.dispatch('evidence.list', { limit: 200, offset: 0, ...f });
    listTimes.push(performance.now() - s);
    if (!r.ok) throw new Error(r.error.message);
  }
  console.log(`list page of 200 (5 filter mixes): median ${ms(pct(listTimes, 50))}, max ${ms(Math.max(...listTimes))}`);

  for (const sort of ['diagnosticity', 'recent'] as const) {
    const mt: number[] = [];
    let shape = '';
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      const r = await wb.dispatch('evidence.matrix', { sort, limit: 500 });
      mt.push(performance.now() - s);
      if (!r.ok) throw new Error(r.error.message);
      shape = `${r.value.hypotheses.length} × ${r.value.rows.length}`;
    }
    console.log(`matrix ${shape}, sorted by ${sort}: median ${ms(pct(mt, 50))}, max ${ms(Math.max(...mt))} [goal < 150 ms]`);
  }
  const cov = performance.now();
  await wb.dispatch('evidence.coverage', {});
  console.log(`coverage of ${HYPOTHESES} hypotheses: ${ms(performance.now() - cov)}`);
  await wb.close();

  // Attach: the file is written once, then copied with cp and attached, on the same disk.
  const big = path.join(dir, 'big.bin');
  const chunk = randomBytes(1024 * 1024);
  const fd = fs.openSync(big, 'w');
  for (let i = 0; i < FILE_MB; i++) fs.writeSync(fd, chunk.map((b) => b ^ i));
  fs.closeSync(fd);
  t = performance.now();
  execFileSync('cp', [big, path.join(dir, 'copy.bin')]);
  const cpMs = performance.now() - t;
  fs.rmSync(path.join(dir, 'copy.bin'));
  // cp leaves the data in the page cache; the store fsyncs before it records a file, so also time a durable copy.
  t = performance.now();
  execFileSync('dd', [`if=${big}`, `of=${path.join(dir, 'copy.bin')}`, 'bs=1M', 'conv=fsync', 'status=none']);
  const syncCpMs = performance.now() - t;
  fs.rmSync(path.join(dir, 'copy.bin'));
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--attach', path.join(dir, 'attach.db'), big], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  const a = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { attachMs: number; dedupeMs: number; baseRssMb: number; maxRssMb: number };
  const mbps = (m: number) => (FILE_MB / (m / 1000)).toFixed(0);
  console.log(
    `attach ${FILE_MB} MB: ${(a.attachMs / 1000).toFixed(2)} s (${mbps(a.attachMs)} MB/s, hashed and fsynced) vs cp ${(cpMs / 1000).toFixed(2)} s (${mbps(cpMs)} MB/s): ${(a.attachMs / cpMs).toFixed(2)}× cp [goal ≤ 1.5×]`,
  );
  console.log(`durable copy (dd conv=fsync) ${(syncCpMs / 1000).toFixed(2)} s (${mbps(syncCpMs)} MB/s): attach is ${(a.attachMs / syncCpMs).toFixed(2)}× a durable copy`);
  console.log(
    `attach again (same content, de-duplicated): ${(a.dedupeMs / 1000).toFixed(2)} s; peak RSS of the attaching process ${a.maxRssMb.toFixed(0)} MB ` +
      `(${a.baseRssMb.toFixed(0)} MB before attaching: node + tsx + the app's modules) [goal < 150 MB]`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
