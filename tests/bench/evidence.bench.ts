/**
 * Evidence figures (issue 3 and 13 goals in brackets):
 *  - search latency, p50/p95/p99 over 200 varied queries (the most frequent words alone, rare
 *    words, mixes, as-you-type prefixes), with 100,000 items, 10,000 quotes, 200 hypotheses,
 *    1,000,000 links and 1,000,000 spend lines: the evidence search (exact bm25 top 25 with
 *    snippets) and the search over everything (every kind, top 10 each)   [p95 < 30 ms]
 *  - ranking: overlap of the top 25 shown with the true bm25 top 25 (every match scored, ties
 *    newest first), and what the old approach (only the newest 2,000 matches ranked) got  [25/25]
 *  - indexing 1,000,000 spend lines' suppliers and descriptions; reading a 50 MB PDF's text
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
import { EVIDENCE_BM25, ftsQuery, rankEvidence } from '../../main/evidence/search';
import { extractText } from '../../main/evidence/extract';
import { indexSpendFiles } from '../../main/search/spendIndex';
import { writeBigPdf } from '../helpers/documents';

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

  // Quotes (10 % of items have one) and a million spend lines from one council's ledgers.
  t = performance.now();
  db.transaction(() => {
    const q = db.prepare(`INSERT INTO evidence_quotes (id, rev, created_at, updated_at, evidence_id, text, speaker, citizen_perspective) VALUES (?, '1-00000000', ?, ?, ?, ?, ?, 1)`);
    for (let i = 0; i < itemIds.length; i += 10) q.run(newId(), now, now, itemIds[i]!, words(20), `Resident ${i}`);
  })();
  const quotesMs = performance.now() - t;
  const SPEND_FILES = 12;
  const PER_FILE = Math.round((1_000_000 * SCALE) / SPEND_FILES);
  const SPEND_LINES = PER_FILE * SPEND_FILES;
  const orgId = newId();
  db.prepare(`INSERT INTO organisations (id, rev, created_at, updated_at, name, type) VALUES (?, '1-00000000', ?, ?, 'Bench Council', 'council')`).run(orgId, now, now);
  const suppliers = Array.from({ length: 8000 }, (_, i) => `${pick(rare)} ${pick(['Care', 'Services', 'Homes', 'Transport', 'Supplies'])} ${['Ltd', 'plc', 'LLP', 'CIC'][i % 4]}`);
  const descriptions = Array.from({ length: 20000 }, () => words(5));
  t = performance.now();
  db.transaction(() => {
    for (let f = 1; f <= SPEND_FILES; f++) {
      db.prepare(
        `INSERT INTO spend_files (id, file_no, sha256, file_name, organisation_id, sheet, kind, encoding, header_row, date_order, mapping, skipped, imported_at, imported_by, row_count, total_pence)
         VALUES (?, ?, ?, ?, ?, '', 'csv', 'utf-8', 1, 'dmy', '{}', '[]', ?, 'bench', ?, 0)`,
      ).run(newId(), f, f.toString(16).padStart(64, '0'), `ledger-${f}.csv`, orgId, now, PER_FILE);
      const line = db.prepare(`INSERT INTO spend_lines (line_key, date, financial_year, amount_pence, supplier, description) VALUES (?, '2025-05-01', '2025-26', ?, ?, ?)`);
      for (let r = 2; r < PER_FILE + 2; r++) line.run(f * 4294967296 + r, 50_000 + Math.floor(rand() * 5_000_000), pick(suppliers), pick(descriptions));
    }
  })();
  const spendMs = performance.now() - t;
  t = performance.now();
  const spendIndexed = indexSpendFiles(wb.ctx);
  console.log(
    `generated: ${(itemIds.length / 10).toLocaleString()} quotes ${(quotesMs / 1000).toFixed(1)} s, ${SPEND_LINES.toLocaleString()} spend lines ${(spendMs / 1000).toFixed(1)} s; ` +
      `suppliers and descriptions of ${spendIndexed.files} files indexed in ${((performance.now() - t) / 1000).toFixed(1)} s (outside the imports)`,
  );
  db.pragma('optimize');

  // 200 varied queries: common words, rare words, two- and three-word queries, prefixes, misses.
  const queries: string[] = [];
  for (let i = 0; i < 200; i++) {
    const k = i % 5;
    queries.push(
      k === 0 ? pick(common) : k === 1 ? pick(rare) : k === 2 ? `${pick(common)} ${pick(rare)}` : k === 3 ? `${pick(common)} ${pick(common)} ${pick(common)}` : pick(rare).slice(0, 5),
    );
  }
  const spread = (xs: number[]) => `p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}, p99 ${ms(pct(xs, 99))}, max ${ms(Math.max(...xs))}`;
  const times: number[] = [];
  const byClass = new Map<number, number[]>();
  let hits = 0;
  for (const [i, q] of queries.entries()) {
    const s = performance.now();
    const r = await wb.dispatch('evidence.search', { query: q, limit: 25 });
    const took = performance.now() - s;
    times.push(took);
    byClass.set(i % 5, [...(byClass.get(i % 5) ?? []), took]);
    if (!r.ok) throw new Error(r.error.message);
    hits += r.value.length;
  }
  const cpu0 = process.cpuUsage();
  for (const q of queries) await wb.dispatch('evidence.search', { query: q, limit: 25 });
  const cpu = process.cpuUsage(cpu0);
  console.log(`evidence search (200 queries, exact bm25 top 25 with snippets): ${spread(times)} [goal p95 < 30 ms]; ${hits} hits; CPU per query ${((cpu.user + cpu.system) / 1000 / queries.length).toFixed(1)} ms`);
  const CLASSES = ['one most-frequent word', 'one rare word', 'frequent + rare', 'three frequent words', 'as-you-type prefix'];
  for (const [k, xs] of [...byClass.entries()].sort((a, b) => a[0] - b[0])) console.log(`  ${CLASSES[k]!.padEnd(22)} ${spread(xs)}`);

  // Ranking: the top 25 shown against the true bm25 top 25 (every match scored), and the old windowed ranking.
  let exact = 0;
  let windowed = 0;
  let compared = 0;
  for (const q of queries) {
    const match = ftsQuery(q);
    if (!match) continue;
    const every = db.prepare(`SELECT rowid, ${EVIDENCE_BM25} AS score FROM evidence_fts WHERE evidence_fts MATCH ?`).all(match) as { rowid: number; score: number }[];
    if (every.length === 0) continue;
    const truth = new Set(every.sort((a, b) => a.score - b.score || b.rowid - a.rowid).slice(0, 25).map((r) => r.rowid));
    const shown = rankEvidence(db, match, 25).map((r) => r.rowid);
    const cutoff = db.prepare(`SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET 1999`).pluck().get(match) as number | undefined;
    const old = db.prepare(`SELECT rowid, ${EVIDENCE_BM25} AS score FROM evidence_fts WHERE evidence_fts MATCH ? AND rowid >= ? ORDER BY score LIMIT 25`).all(match, cutoff ?? 0) as { rowid: number }[];
    exact += shown.filter((r) => truth.has(r)).length;
    windowed += old.filter((r) => truth.has(r.rowid)).length;
    compared += truth.size;
  }
  console.log(`ranking: ${((100 * exact) / compared).toFixed(1)} % of the top 25 shown are in the true bm25 top 25 [goal 100 %]; the old 2,000-match window: ${((100 * windowed) / compared).toFixed(1)} %`);

  const allTimes: number[] = [];
  let groups = 0;
  for (const q of queries) {
    const s = performance.now();
    const r = await wb.dispatch('search.all', { query: q, limit: 10 });
    allTimes.push(performance.now() - s);
    if (!r.ok) throw new Error(r.error.message);
    groups += r.value.groups.length;
  }
  console.log(`search over everything (200 queries, 8 kinds, top 10 each, with totals): ${spread(allTimes)}; ${(groups / queries.length).toFixed(1)} kinds with matches per query`);

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

  // A 50 MB PDF: read in its bounded worker (text cut at the limit).
  const bigPdf = path.join(dir, 'big.pdf');
  writeBigPdf(bigPdf, 50, 'capybaraword');
  t = performance.now();
  const pdf = await extractText(bigPdf, 'big.pdf');
  console.log(`50 MB PDF (${(fs.statSync(bigPdf).size / 1024 / 1024).toFixed(0)} MiB): text read in ${((performance.now() - t) / 1000).toFixed(1)} s in a worker (heap cap 384 MB, time cap 120 s): ${pdf.status}, ${pdf.text.length.toLocaleString()} characters${pdf.truncated ? ' (cut at the limit)' : ''}`);
  fs.rmSync(bigPdf);

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
