/**
 * Pilot report for a large pilot: 200 hypotheses, 5,000 evidence items, 50 interventions and
 * 1,000,000 spend lines. Seeds with raw prepared statements where a capability's tables exist
 * (skipping, and saying so, where they do not), then times the HTML report and the PDF.
 *
 *   node --import tsx tests/bench/report.bench.ts [--lines 1000000] [--no-pdf]
 *
 * Prints figures; asserts nothing (the goals: HTML under 2 s, DOCX under 5 s, PDF under 10 s).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId } from '../../main/db/ids';
import { REPORT_SECTION_IDS } from '../../shared/domain/report';
import { generateReport, renderReport } from '../../main/report/service';
import { openWorkbench } from '../../main/api/workbench';
import { rebuildAggregates } from '../../main/spend/aggregates';

const arg = (name: string) => process.argv.indexOf(`--${name}`);
const LINES = arg('lines') > 0 ? Number(process.argv[arg('lines') + 1]) : 1_000_000;
const WITH_PDF = arg('no-pdf') < 0;
const HYPOTHESES = 200;
const EVIDENCE = 5_000;
const INTERVENTIONS = 50;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-report-bench-'));
const wb = openWorkbench(path.join(dir, 'bench.db'), 'cli');
const db = wb.ctx.sqlite;
const dispatch = wb.dispatch as unknown as (m: string, i: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
const call = async <T>(m: string, i: unknown): Promise<T> => {
  const r = await dispatch(m, i);
  if (!r.ok) throw new Error(`${m}: ${r.error?.message}`);
  return r.value as T;
};
const hasTable = (t: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(t) !== undefined;
const now = new Date().toISOString();
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
const notes: string[] = [];

console.log(`Seeding a large pilot in ${dir} …`);
let t0 = performance.now();
await call('pilot.save', { pilot: { place: 'Benchshire', question: 'How can we secure improved outcomes at less cost?', reportDeadline: '2027-03-31' } });
const orgIds: string[] = [];
for (const [i, name] of ['County Council', 'City Council', 'NHS Trust', 'Police', 'Fire and Rescue', 'Jobcentre Plus', 'Voluntary Action', 'Housing Trust'].entries()) {
  orgIds.push((await call<{ id: string }>('organisation.add', { name: `Benchshire ${name}`, type: ['council', 'council', 'nhs', 'police', 'fire', 'dwp', 'voluntary', 'other'][i] })).id);
}
const themeIds: string[] = [];
for (const name of ['Older people', 'Drugs and alcohol', 'Offenders', 'Children and families', 'Worklessness', 'Housing']) {
  themeIds.push((await call<{ id: string }>('theme.add', { name })).id);
}

const hypothesisIds: string[] = [];
const STATUSES = ['proposed', 'testing', 'supported', 'refuted', 'inconclusive', 'parked'];
db.transaction(() => {
  const ins = db.prepare(`INSERT INTO hypotheses (id, rev, created_at, updated_at, statement, theme_id, rationale, status) VALUES (?, '1-00000000', ?, ?, ?, ?, ?, ?)`);
  for (let i = 0; i < HYPOTHESES; i++) {
    const id = newId();
    hypothesisIds.push(id);
    ins.run(id, now, now, `Hypothesis ${i + 1}: joining up service ${i % 37} reduces demand on agency ${i % 8}`, themeIds[i % themeIds.length], 'Several agencies work with the same households without knowing it.', STATUSES[i % STATUSES.length]);
  }
})();
console.log(`  ${HYPOTHESES} hypotheses: ${ms(t0)}`);

t0 = performance.now();
if (hasTable('evidence_items') && hasTable('evidence_links')) {
  const KINDS = ['spend_analysis', 'performance_data', 'citizen_journey', 'citizen_interview', 'citizen_story', 'citizen_survey', 'practitioner_view', 'document', 'observation'];
  const SENS = ['public', 'partners', 'partners', 'team', 'personal'];
  const RATINGS = ['CC', 'C', 'N', 'I', 'II'];
  db.transaction(() => {
    const item = db.prepare(`INSERT INTO evidence_items (id, rev, created_at, updated_at, title, kind, summary, sensitivity, citizen_perspective, organisation_id) VALUES (?, '1-00000000', ?, ?, ?, ?, ?, ?, ?, ?)`);
    const link = db.prepare(`INSERT INTO evidence_links (id, rev, created_at, updated_at, evidence_id, hypothesis_id, rating, weight, note) VALUES (?, '1-00000000', ?, ?, ?, ?, ?, 'medium', ?)`);
    for (let i = 0; i < EVIDENCE; i++) {
      const id = newId();
      const kind = KINDS[i % KINDS.length]!;
      item.run(id, now, now, `Evidence ${i + 1}`, kind, `What we found in case ${i + 1}: "I told my story four times to four agencies."`, SENS[i % SENS.length], kind.startsWith('citizen') ? 1 : 0, orgIds[i % orgIds.length]);
      // Each item bears on two hypotheses: 10,000 links.
      link.run(newId(), now, now, id, hypothesisIds[i % HYPOTHESES], RATINGS[i % RATINGS.length], null);
      link.run(newId(), now, now, id, hypothesisIds[(i * 7 + 3) % HYPOTHESES], RATINGS[(i + 2) % RATINGS.length], 'Second reading');
    }
  })();
  console.log(`  ${EVIDENCE} evidence items, ${EVIDENCE * 2} links: ${ms(t0)}`);
} else notes.push('evidence tables not present: evidence not seeded');

t0 = performance.now();
if (hasTable('spend_files') && hasTable('spend_lines') && hasTable('spend_totals')) {
  // The spend schema is another capability's and has had three shapes (lines keyed by file id; by
  // file number, stored; by line key alone, file number and row worked out from it): seed whichever
  // this build has, and say so rather than fail if none fits.
  const cols = (t: string) => db.prepare(`PRAGMA table_xinfo(${t})`).all() as { name: string; hidden: number }[];
  const fileNoCol = cols('spend_lines').find((c) => c.name === 'file_no');
  const shape = !fileNoCol ? 'byFileId' : fileNoCol.hidden === 0 ? 'byFileNo' : 'byKey';
  const filesHaveNo = cols('spend_files').some((c) => c.name === 'file_no');
  try {
    db.transaction(() => {
      const files = orgIds.map((org, i) => {
        const id = newId();
        db.prepare(
          `INSERT INTO spend_files (id, ${filesHaveNo ? 'file_no, ' : ''}sha256, file_name, organisation_id, kind, header_row, date_order, mapping, skipped, imported_at, imported_by, row_count, total_pence)
           VALUES (?, ${filesHaveNo ? `${i + 1}, ` : ''}?, ?, ?, 'csv', 1, 'dmy', '{}', '[]', ?, 'bench', 0, 0)`,
        ).run(id, String(i).padStart(64, '0'), `spend-${i}.csv`, org, now);
        return { id, no: i + 1, org };
      });
      const line =
        shape === 'byKey'
          ? db.prepare(`INSERT INTO spend_lines (line_key, date, financial_year, amount_pence, supplier, service_area, expense_type, theme_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          : shape === 'byFileNo'
            ? db.prepare(`INSERT INTO spend_lines (line_key, file_no, row_number, date, financial_year, amount_pence, supplier, service_area, expense_type, theme_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            : db.prepare(`INSERT INTO spend_lines (file_id, row_number, organisation_id, date, financial_year, amount_pence, supplier, service_area, expense_type, theme_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const YEARS = [['2016-05-10', '2016-17'], ['2017-08-21', '2017-18'], ['2018-11-02', '2018-19']] as const;
      for (let i = 0; i < LINES; i++) {
        const f = files[i % files.length]!;
        const [date, fy] = YEARS[i % 3]!;
        const row = i + 2;
        const rest = [date, fy, 50_000 + ((i * 7919) % 5_000_000), `Supplier ${i % 500}`, `Service ${i % 40}`, `Expense ${i % 25}`, i % 4 === 0 ? null : themeIds[i % themeIds.length]];
        if (shape === 'byKey') line.run(f.no * 4294967296 + row, ...rest);
        else if (shape === 'byFileNo') line.run(f.no * 4294967296 + row, f.no, row, ...rest);
        else line.run(f.id, row, f.org, ...rest);
      }
      if (hasTable('spend_groups')) rebuildAggregates(db);
      else {
        const lines = shape === 'byFileNo' ? 'spend_lines l JOIN spend_files f ON f.file_no = l.file_no' : 'spend_lines l JOIN spend_files f ON f.id = l.file_id';
        db.exec(`INSERT INTO spend_totals (organisation_id, theme_key, financial_year, row_count, total_pence)
                 SELECT f.organisation_id, coalesce(l.theme_id, ''), l.financial_year, count(*), sum(l.amount_pence) FROM ${lines} GROUP BY 1, 2, 3`);
      }
    })();
    console.log(`  ${LINES.toLocaleString('en-GB')} spend lines: ${ms(t0)}`);
  } catch (e) {
    notes.push(`spend not seeded (its schema changed under this benchmark: ${(e as Error).message})`);
  }
} else notes.push('spend tables not present: spend not seeded');

t0 = performance.now();
try {
  for (let i = 0; i < INTERVENTIONS; i++) {
    const iv = await call<{ id: string }>('intervention.add', { name: `Intervention ${i + 1}`, startYear: '2026-27', years: 5, simulation: { iterations: 1000, seed: i + 1 } });
    const profile = Array.from({ length: 5 }, (_, y) => ({ low: 80_000_00 + y * 1_000_00, central: 100_000_00 + y * 1_000_00, high: 130_000_00 + y * 1_000_00 }));
    await call('estimateLine.add', { interventionId: iv.id, kind: 'cost', label: 'Team', organisationId: orgIds[i % orgIds.length], category: 'revenue', cashable: true, profile: profile.map((c) => ({ low: c.low / 2, central: c.central / 2, high: c.high / 2 })) });
    await call('estimateLine.add', { interventionId: iv.id, kind: 'benefit', label: 'Avoided demand', organisationId: orgIds[(i + 3) % orgIds.length], valueType: 'fiscal', cashable: true, profile });
  }
  console.log(`  ${INTERVENTIONS} interventions (2 lines each): ${ms(t0)}`);
} catch (e) {
  notes.push(`interventions not fully seeded: ${(e as Error).message}`);
}
for (let i = 0; i < 300; i++) {
  await call('learning.add', { kind: ['did-not-work', 'failed', 'difficult', 'lesson'][i % 4], title: `Learning ${i + 1}`, occurredOn: `2026-0${(i % 9) + 1}-15`, whatHappened: 'It took longer than planned.', barrierIds: [`00000000-0000-7000-8b00-${String((i % 14) + 1).padStart(12, '0')}`], sensitivity: ['public', 'partners', 'team'][i % 3] });
}
for (let i = 0; i < 100; i++) await call('action.add', { title: `Action ${i + 1}`, owner: `Owner ${i % 9}`, organisationId: orgIds[i % orgIds.length], dueDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-01` });
db.pragma('wal_checkpoint(TRUNCATE)');
console.log(`Database: ${(fs.statSync(path.join(dir, 'bench.db')).size / 1024 / 1024).toFixed(0)} MB`);
for (const n of notes) console.log(`  note: ${n}`);

const opts = { sections: [...REPORT_SECTION_IDS], includeTeam: false, includePersonal: false, extracts: false, docx: false, marking: 'OFFICIAL' as const };
await call('narrative.save', { slot: { kind: 'summary' }, body: '# Summary\n\nThe pilot found **savings** across agencies.\n\n- Falls\n- Triage' });
for (const id of hypothesisIds.slice(0, 50)) await call('narrative.save', { slot: { kind: 'hypothesis', hypothesisId: id }, body: 'What the team makes of this hypothesis.' });
// One warm-up (module loading, SQLite page cache), then the measured runs.
await generateReport(wb.ctx, { ...opts, pdf: false });
const htmlRuns: number[] = [];
let size = 0;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = await generateReport(wb.ctx, { ...opts, pdf: false });
  htmlRuns.push(performance.now() - t);
  size = fs.statSync(r.html.path).size;
}
const { timings } = await renderReport(wb.ctx, { ...opts, pdf: false });
console.log(`\nPer section: ${Object.entries(timings).map(([id, t]) => `${id} ${t} ms`).join(', ')}`);
console.log(`HTML report: ${htmlRuns.map((t) => `${t.toFixed(0)} ms`).join(', ')} (best ${Math.min(...htmlRuns).toFixed(0)} ms; goal < 2000 ms), ${(size / 1024).toFixed(0)} KB`);

let t = performance.now();
const withExtracts = await generateReport(wb.ctx, { ...opts, pdf: false, extracts: true });
console.log(`HTML + XLSX/CSV extracts: ${(performance.now() - t).toFixed(0)} ms (${withExtracts.csv.length} tables)`);

t = performance.now();
const word = await generateReport(wb.ctx, { ...opts, pdf: false, docx: true });
const docxTotal = performance.now() - t;
console.log(`HTML + DOCX: ${docxTotal.toFixed(0)} ms (DOCX alone ${(docxTotal - word.htmlMs).toFixed(0)} ms; goal < 5000 ms), DOCX ${(fs.statSync(word.docx!.path).size / 1024).toFixed(0)} KB`);

if (WITH_PDF) {
  t = performance.now();
  const r = await generateReport(wb.ctx, { ...opts, pdf: true });
  const total = performance.now() - t;
  if (r.pdf) console.log(`HTML + PDF (Chromium headless): ${total.toFixed(0)} ms (goal < 10000 ms), PDF ${(fs.statSync(r.pdf.path).size / 1024).toFixed(0)} KB`);
  else console.log(`PDF not made: ${r.pdfError}`);
}

await wb.close();
fs.rmSync(dir, { recursive: true, force: true });
