/**
 * Issue 13: text from PDF/Word/Excel/e-mail/HTML attachments, quotes with codes rated against
 * hypotheses, pseudonymisation, ACH with credibility and relevance and its sensitivity view,
 * verdicts that need a reason, and one search over everything — on real SQLite files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNIPPET_END, SNIPPET_START } from '../../shared/domain/evidence';
import { fromPath } from '../../main/evidence/sources';
import { addEvidence } from '../../main/evidence/service';
import { indexSpendFiles } from '../../main/search/spendIndex';
import { pdfBytes, writeBigPdf } from '../helpers/documents';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { receive, send, setUpPair } from '../fixtures/bundles/pair';

let wb: TestWorkbench;
beforeEach(() => {
  wb = tempWorkbench();
});
afterEach(async () => {
  await wb.cleanup();
});

const FIXTURES = path.resolve(__dirname, '../fixtures/evidence');
const BASE = { kind: 'document' as const, summary: null, source: null, organisationId: null, observedOn: null, reportedOn: null, collectedBy: null, sensitivity: 'team' as const, tags: [], citizenPerspective: false, themeId: null };
const plain = (s: string) => s.replaceAll(SNIPPET_START, '').replaceAll(SNIPPET_END, '');

async function attachItem(title: string, files: string[]) {
  return addEvidence(wb.ctx, { ...BASE, title }, files.map((f) => fromPath(f, path.basename(f))));
}
const find = async (query: string, kinds?: string[]) => (await wb.call('search.all', { query, limit: 25, ...(kinds ? { kinds: kinds as never } : {}) })).groups;
const titlesOf = async (query: string, kind: string) => ((await find(query)).find((g) => g.kind === kind)?.hits ?? []).map((h) => h.title);

describe('text from attachments', () => {
  it('finds a unique word in a PDF, a DOCX, an XLSX, an EML and an HTML file — also after reindex', async () => {
    const files: [string, string][] = [
      ['report.pdf', 'zebrafinch'],
      ['minutes.docx', 'quokkaword'],
      ['budget.xlsx', 'axolotlword'],
      ['complaint.eml', 'pangolinword'],
      ['page.html', 'okapiword'],
    ];
    for (const [file] of files) await attachItem(`Item with ${file}`, [path.join(FIXTURES, file)]);
    for (const [file, word] of files) expect(await titlesOf(word, 'evidence'), `${word} in ${file}`).toEqual([`Item with ${file}`]);

    // Forget every text read (as after an upgrade from a version that read only .txt), then reindex.
    wb.ctx.sqlite.exec('DELETE FROM evidence_blob_text');
    for (const [, word] of files) expect(await titlesOf(word, 'evidence')).toEqual([]);
    const r = await wb.call('evidence.reindex', {});
    expect(r).toMatchObject({ indexed: 5, remaining: 0 });
    for (const [file, word] of files) expect(await titlesOf(word, 'evidence'), `${word} in ${file} after reindex`).toEqual([`Item with ${file}`]);
    // Nothing left to read: a second reindex reads nothing.
    expect(await wb.call('evidence.reindex', {})).toMatchObject({ indexed: 0, noText: 0, unreadable: 0 });
  });

  it('marks a scanned PDF "no text found", and a damaged one as unreadable, without failing the attach', async () => {
    const dir = wb.dir;
    fs.writeFileSync(path.join(dir, 'scan.pdf'), pdfBytes([[]]));
    fs.writeFileSync(path.join(dir, 'broken.pdf'), 'this is not a PDF');
    const item = await attachItem('Scans', [path.join(dir, 'scan.pdf'), path.join(dir, 'broken.pdf')]);
    expect(item.attachments.map((a) => [a.fileName, a.text.status])).toEqual([
      ['scan.pdf', 'empty'],
      ['broken.pdf', 'failed'],
    ]);
    const sources = await wb.call('evidence.sources', { id: item.id });
    expect(sources.map((s) => s.status)).toEqual(['empty', 'empty', 'failed']);
  });

  it('a 50 MB PDF is read within its bounds: cut at the text limit, its first page searchable', async () => {
    const big = path.join(wb.dir, 'big-report.pdf');
    writeBigPdf(big, 50, 'capybaraword');
    expect(fs.statSync(big).size).toBeGreaterThan(50 * 1024 * 1024);
    const item = await attachItem('The big report', [big]);
    expect(item.attachments[0]!.text).toMatchObject({ status: 'text', truncated: true });
    expect(await titlesOf('capybaraword', 'evidence')).toEqual(['The big report']);
    const text = wb.ctx.sqlite.prepare('SELECT length(text) AS n FROM evidence_blob_text').get() as { n: number };
    expect(text.n).toBeLessThanOrEqual(2_000_000);
  });
});

async function hypothesis(statement: string) {
  const h = await wb.call('hypothesis.add', { statement });
  return wb.call('hypothesis.setStatus', { id: h.id, rev: h.rev, status: 'testing', note: null });
}

describe('quotes, codes and the citizen voice', () => {
  it('saves a passage as a quote with two codes, rates it against a hypothesis, and finds it everywhere', async () => {
    const h = await hypothesis('One assessment after a fall would do');
    const notes = 'I told my story four times. Mrs Patel from the council came on Tuesday and asked the same questions.';
    const item = await wb.call('evidence.add', { title: 'Interview with a resident', kind: 'citizen_interview', summary: notes });
    const waiting = await wb.call('code.add', { name: 'Repeated assessments', description: 'Telling the story again' });
    const trust = await wb.call('code.add', { name: 'Trust', description: null });
    const q = await wb.call('quote.add', { evidenceId: item.id, text: 'I told my story four times.', startOffset: 0, codeIds: [waiting.id, trust.id], speaker: 'Resident A' });
    expect(q.citizenPerspective).toBe(true); // from the item
    await wb.call('quote.link', { quoteId: q.id, hypothesisId: h.id, rating: 'CC', credibility: 'high', relevance: 'high', note: null });

    const forH = await wb.call('quote.forHypothesis', { id: h.id });
    expect(forH.map((x) => [x.text, x.rating, x.codes.map((c) => c.name).sort()])).toEqual([['I told my story four times.', 'CC', ['Repeated assessments', 'Trust']]]);
    const matrix = await wb.call('evidence.matrix', {});
    expect(matrix.rows.map((r) => [r.title, r.quotes.map((x) => x.cells[h.id]?.rating)])).toEqual([['Interview with a resident', ['CC']]]);
    expect((await wb.call('evidence.coverage', {})).find((c) => c.hypothesisId === h.id)).toMatchObject({ evidenceCount: 1, citizenCount: 1, supportingCount: 1 });
    expect(await titlesOf('story four', 'quote')).toEqual(['I told my story four times.']);
    expect(await titlesOf('repeated', 'quote')).toEqual(['I told my story four times.']); // by its code's name

    // Codes × hypotheses: where the citizen voice supports the hypothesis.
    const cbh = await wb.call('evidence.codesByHypotheses', {});
    expect(cbh.cells[`${trust.id}:${h.id}`]).toEqual({ supporting: 1, contradicting: 0, citizenSupporting: 1, citizenContradicting: 0 });

    // Rename a code: the quote shows (and is found by) the new name. Merge: one code left, the quote keeps it.
    const renamed = await wb.call('code.update', { id: trust.id, rev: trust.rev, patch: { name: 'Confidence in services' } });
    expect(await titlesOf('confidence', 'quote')).toEqual(['I told my story four times.']);
    const merged = await wb.call('code.merge', { fromId: renamed.id, intoId: waiting.id });
    expect(merged.quotes).toBe(1);
    expect((await wb.call('quote.get', { id: q.id })).codes.map((c) => c.name)).toEqual(['Repeated assessments']);
    expect((await wb.call('code.list', {})).map((c) => [c.name, c.quotes])).toEqual([['Repeated assessments', 1]]);
    const clash = await wb.dispatch('code.add', { name: 'repeated ASSESSMENTS', description: null });
    expect(clash.ok).toBe(false);

    // The matrix's in-place edit rates the quote (not its item), and removes the rating again.
    await wb.call('evidence.rate', { evidenceId: item.id, hypothesisId: h.id, rating: 'I', credibility: 'low', relevance: 'high', quoteId: q.id });
    expect((await wb.call('quote.forHypothesis', { id: h.id })).map((x) => [x.rating, x.links[0]!.credibility, x.links[0]!.relevance])).toEqual([['I', 'low', 'high']]);
    expect((await wb.call('evidence.forHypothesis', { id: h.id }))).toEqual([]);
    expect((await wb.call('evidence.matrix', {})).hypotheses.find((x) => x.id === h.id)!.inconsistency).toBeCloseTo(0.5, 10);
    await wb.call('evidence.rate', { evidenceId: item.id, hypothesisId: h.id, rating: null, quoteId: q.id });
    expect(await wb.call('quote.forHypothesis', { id: h.id })).toEqual([]);
    await wb.call('quote.link', { quoteId: q.id, hypothesisId: h.id, rating: 'CC', credibility: 'high', relevance: 'high', note: null });

    // Deleting the item hides its quote from the matrix, the search and the coverage.
    const fresh = await wb.call('evidence.get', { id: item.id });
    await wb.call('evidence.delete', { id: fresh.id, rev: fresh.rev });
    expect(await titlesOf('story four', 'quote')).toEqual([]);
    expect((await wb.call('evidence.coverage', {})).find((c) => c.hypothesisId === h.id)).toMatchObject({ evidenceCount: 0 });
    expect((await wb.call('evidence.matrix', {})).rows).toEqual([]);
  });

  it('refuses a quote with a code that is not in the book, or from another item’s file', async () => {
    const a = await wb.call('evidence.add', { title: 'A' });
    const bad = await wb.dispatch('quote.add', { evidenceId: a.id, text: 'x', codeIds: ['0190aaaa-aaaa-7aaa-8aaa-aaaaaaaaaaaa'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await wb.call('quote.list', {})).toEqual([]);
  });

  it('quotes, codes and quote links travel in bundles', async () => {
    const pair = await setUpPair();
    try {
      const h = await pair.a.call('hypothesis.add', { statement: 'Shared records cut duplicate visits' });
      const item = await pair.a.call('evidence.add', { title: 'Family interview', kind: 'citizen_interview', sensitivity: 'partners', summary: 'We had five workers visit in one week.' });
      const code = await pair.a.call('code.add', { name: 'Duplication', description: 'More than one visit for one need' });
      const q = await pair.a.call('quote.add', { evidenceId: item.id, text: 'five workers visit in one week', codeIds: [code.id] });
      await pair.a.call('quote.link', { quoteId: q.id, hypothesisId: h.id, rating: 'C', credibility: 'high', relevance: 'medium', note: null });
      const file = await send(pair.a, pair.bInA, pair.out);
      await receive(pair.b, file);
      const there = await pair.b.call('quote.forHypothesis', { id: h.id });
      expect(there.map((x) => [x.text, x.rating, x.codes.map((c) => c.name), x.links[0]!.credibility])).toEqual([['five workers visit in one week', 'C', ['Duplication'], 'high']]);
      expect((await pair.b.call('search.all', { query: 'five workers' })).groups.map((g) => g.kind)).toContain('quote');
    } finally {
      await pair.cleanup();
    }
  });
});

describe('pseudonymise', () => {
  it('replaces a name throughout an item, its quotes and its files’ text in one change recorded in its history', async () => {
    fs.writeFileSync(path.join(wb.dir, 'transcript.txt'), 'Interviewer: how was it?\nJohn Smith: the carer came late. JOHN SMITH signed the form.');
    const item = await addEvidence(wb.ctx, { ...BASE, title: 'Interview with John Smith', summary: 'John  Smith said the carer came late; Johnsmithson is someone else.', kind: 'citizen_interview', citizenPerspective: true }, [
      fromPath(path.join(wb.dir, 'transcript.txt'), 'transcript.txt'),
    ]);
    const q = await wb.call('quote.add', { evidenceId: item.id, text: 'John Smith: the carer came late.', speaker: 'John Smith', codeIds: [] });
    expect(await titlesOf('smith', 'evidence')).toHaveLength(1);
    const r = await wb.call('evidence.pseudonymise', { evidenceId: item.id, rev: item.rev, name: 'john smith', label: 'Resident B' });
    expect(r).toMatchObject({ item: 2, quotes: 2, attachments: 2 });

    const after = await wb.call('evidence.get', { id: item.id });
    expect(after.title).toBe('Interview with Resident B');
    expect(after.summary).toBe('Resident B said the carer came late; Johnsmithson is someone else.');
    expect(after.pseudonymised.map((p) => p.label)).toEqual(['Resident B']);
    const quote = await wb.call('quote.get', { id: q.id });
    expect([quote.text, quote.speaker]).toEqual(['Resident B: the carer came late.', 'Resident B']);
    const sources = await wb.call('evidence.sources', { id: item.id });
    expect(sources[1]!.text).toContain('Resident B signed the form');
    expect(sources.map((s) => s.text).join(' ')).not.toMatch(/john smith/i);
    expect(await titlesOf('smith', 'evidence')).toEqual([]);
    expect(await titlesOf('smith', 'quote')).toEqual([]);
    const history = await wb.call('record.history', { table: 'evidenceItems', id: item.id });
    expect(history.at(-1)!.changed).toEqual(expect.arrayContaining(['title', 'summary', 'pseudonymised']));

    // A name that is not there changes nothing; a stale revision is refused.
    expect(await wb.dispatch('evidence.pseudonymise', { evidenceId: item.id, rev: after.rev, name: 'Nobody Here', label: 'X' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await wb.dispatch('evidence.pseudonymise', { evidenceId: item.id, rev: item.rev, name: 'Resident', label: 'Y' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('ACH as Heuer meant it', () => {
  it('scores credibility and relevance apart; links with only a weight score as before', async () => {
    const h1 = await hypothesis('H1');
    const h2 = await hypothesis('H2');
    const e = await wb.call('evidence.add', { title: 'E' });
    const l = await wb.call('evidence.link', { evidenceId: e.id, hypothesisId: h1.id, rating: 'II', credibility: 'high', relevance: 'low', note: null });
    expect([l.credibility, l.relevance, l.weight]).toEqual(['high', 'low', 'medium']);
    // II = 2 points × √(1 × 0.25) = 1.
    expect((await wb.call('evidence.matrix', {})).hypotheses.find((h) => h.id === h1.id)!.inconsistency).toBeCloseTo(1, 10);
    // A link as an older version (or bundle) writes it: weight only. Both judgements take the weight.
    await wb.call('evidence.link', { evidenceId: e.id, hypothesisId: h2.id, rating: 'I', weight: 'high', note: null });
    const raw = wb.ctx.sqlite.prepare(`SELECT credibility, relevance FROM evidence_links WHERE hypothesis_id = ?`).get(h2.id);
    expect(raw).toEqual({ credibility: 'high', relevance: 'high' });
    wb.ctx.sqlite
      .prepare(`INSERT INTO evidence_links (id, rev, created_at, updated_at, evidence_id, hypothesis_id, rating, weight) VALUES ('0190bbbb-bbbb-7bbb-8bbb-bbbbbbbbbbbb', '1-00000000', 'x', 'x', ?, ?, 'I', 'low')`)
      .run((await wb.call('evidence.add', { title: 'Old' })).id, h2.id);
    expect(wb.ctx.sqlite.prepare(`SELECT credibility, relevance FROM evidence_links WHERE rev = '1-00000000'`).get()).toEqual({ credibility: 'low', relevance: 'low' });
    const m = await wb.call('evidence.matrix', {});
    expect(m.hypotheses.find((h) => h.id === h2.id)!.inconsistency).toBeCloseTo(1.25, 10);
    // The same figures from the subset path (a chosen list of hypotheses).
    const sub = await wb.call('evidence.matrix', { hypothesisIds: [h1.id, h2.id] });
    expect(sub.hypotheses.map((h) => h.inconsistency)).toEqual(m.hypotheses.map((h) => h.inconsistency));
  });

  it('names the items and quotes the leading hypothesis rests on', async () => {
    const a = await hypothesis('A');
    const b = await hypothesis('B');
    const c = await hypothesis('C');
    const strong = await wb.call('evidence.add', { title: 'Strong against B' });
    const weak = await wb.call('evidence.add', { title: 'Weak against C' });
    const against = await wb.call('evidence.add', { title: 'Against C too' });
    const againstA = await wb.call('evidence.add', { title: 'Against A' });
    await wb.call('evidence.link', { evidenceId: strong.id, hypothesisId: b.id, rating: 'II', weight: 'high', note: null }); // B: 2
    await wb.call('evidence.link', { evidenceId: weak.id, hypothesisId: c.id, rating: 'I', weight: 'low', note: null }); // C: 0.25
    await wb.call('evidence.link', { evidenceId: against.id, hypothesisId: c.id, rating: 'II', weight: 'high', note: null }); // C: 2.25
    await wb.call('evidence.link', { evidenceId: againstA.id, hypothesisId: a.id, rating: 'I', weight: 'medium', note: null }); // A: 0.5
    // A leads (0.5); without "Strong against B", B scores 0 and leads; without "Against C too", C scores 0.25 and leads.
    // Without "Weak against C" C still scores 2; without "Against A" A leads all the more.
    const s = await wb.call('evidence.sensitivity', {});
    expect(s.leader?.id).toBe(a.id);
    expect(s.restsOn.map((r) => [r.title, r.newLeaderStatement])).toEqual([
      ['Strong against B', 'B'],
      ['Against C too', 'C'],
    ]);
    expect(s.restsOn.map((r) => r.title)).not.toContain('Weak against C');
    expect(s.restsOn.map((r) => r.title)).not.toContain('Against A');
  });
});

describe('status changes', () => {
  it('a verdict needs a reason, and supported or refuted with no evidence needs confirming', async () => {
    const h = await hypothesis('Falls response saves admissions');
    const noReason = await wb.dispatch('hypothesis.setStatus', { id: h.id, rev: h.rev, status: 'supported', note: null });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const noEvidence = await wb.dispatch('hypothesis.setStatus', { id: h.id, rev: h.rev, status: 'supported', note: 'The pilot data shows it' });
    expect(noEvidence).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect((await wb.call('hypothesis.get', { id: h.id })).status).toBe('testing');
    const ok = await wb.call('hypothesis.setStatus', { id: h.id, rev: h.rev, status: 'supported', note: 'The pilot data shows it', withoutEvidence: true });
    expect(ok.status).toBe('supported');
    expect((await wb.call('hypothesis.statusHistory', { id: h.id })).at(-1)).toMatchObject({ to: 'supported', note: 'The pilot data shows it' });
    // Inconclusive needs a reason but no evidence; with evidence linked no confirmation is asked.
    const h2 = await hypothesis('Second');
    const e = await wb.call('evidence.add', { title: 'Some evidence' });
    await wb.call('evidence.link', { evidenceId: e.id, hypothesisId: h2.id, rating: 'I', note: null });
    expect((await wb.call('hypothesis.setStatus', { id: h2.id, rev: h2.rev, status: 'refuted', note: 'Contradicted by the data' })).status).toBe('refuted');
  });
});

describe('one search over everything', () => {
  it('finds hypotheses, learning, actions, interventions, suppliers and spend descriptions, grouped by kind and filtered', async () => {
    await wb.call('hypothesis.add', { statement: 'Falls prevention reduces admissions', rationale: 'Fewer ambulance call-outs' });
    await wb.call('learning.add', { kind: 'difficult', title: 'Falls prevention data was late', occurredOn: '2026-01-10', sensitivity: 'personal' } as never);
    await wb.call('action.add', { title: 'Commission a falls prevention service' } as never);
    await wb.call('intervention.add', { name: 'Falls prevention team', startYear: '2026-27', years: 3 } as never);
    await wb.call('evidence.add', { title: 'Falls prevention audit', sensitivity: 'public' });
    // A spend file, as the importer leaves it, then indexed.
    const org = await wb.call('organisation.add', { name: 'Avonford Council', type: 'council' });
    const db = wb.ctx.sqlite;
    db.prepare(
      `INSERT INTO spend_files (id, file_no, sha256, file_name, organisation_id, sheet, kind, encoding, header_row, date_order, mapping, skipped, imported_at, imported_by, row_count, total_pence)
       VALUES ('0190cccc-cccc-7ccc-8ccc-cccccccccccc', 1, ?, 'ledger.csv', ?, '', 'csv', 'utf-8', 1, 'dmy', '{}', '[]', 'x', 'x', 3, 600)`,
    ).run('a'.repeat(64), org.id);
    // (file_no and row_number are worked out from line_key since migration 0009.)
    const line = db.prepare(`INSERT INTO spend_lines (line_key, date, financial_year, amount_pence, supplier, description) VALUES (?, '2025-05-01', '2025-26', ?, ?, ?)`);
    line.run(4294967296 + 2, 100, 'Falls Prevention Ltd', 'Falls prevention visits');
    line.run(4294967296 + 3, 200, ' falls prevention LTD', 'Falls prevention visits');
    line.run(4294967296 + 4, 300, 'Other Care', 'Home care');
    expect(await titlesOf('falls prevention', 'supplier')).toEqual([]);
    expect(indexSpendFiles(wb.ctx)).toEqual({ files: 1, remaining: 0 });

    const groups = await find('falls prevention');
    expect(groups.map((g) => g.kind)).toEqual(['evidence', 'hypothesis', 'learning', 'action', 'intervention', 'supplier', 'spend']);
    const supplier = groups.find((g) => g.kind === 'supplier')!.hits[0]!;
    expect(supplier.title).toBe('Falls Prevention Ltd');
    expect(supplier.context).toContain('2 payments, £3.00');
    expect(plain(groups.find((g) => g.kind === 'hypothesis')!.hits[0]!.snippet)).toContain('Falls prevention reduces admissions');
    expect(groups.find((g) => g.kind === 'hypothesis')!.hits[0]!.snippet).toContain(`${SNIPPET_START}Falls${SNIPPET_END}`);

    // Filters: by kind, and by sensitivity (hypotheses carry none and stay; personal learning goes).
    expect((await wb.call('search.all', { query: 'falls', kinds: ['hypothesis'] })).groups.map((g) => g.kind)).toEqual(['hypothesis']);
    const publicOnly = await wb.call('search.all', { query: 'falls', sensitivities: ['public'] });
    expect(publicOnly.groups.map((g) => g.kind)).toEqual(['evidence', 'hypothesis', 'supplier', 'spend']);

    // Deleting the spend file takes its suppliers out of the search at once.
    db.prepare('DELETE FROM spend_lines WHERE file_no = 1').run();
    db.prepare('DELETE FROM spend_files WHERE file_no = 1').run();
    expect(await titlesOf('falls', 'supplier')).toEqual([]);
  });
});

describe('indexing after an upgrade, and from the command line', () => {
  it('the app reads attachments stored before their kind was read, in the background', async () => {
    const { openWorkbench } = await import('../../main/api/workbench');
    const item = await attachItem('Board papers', [path.join(FIXTURES, 'minutes.docx')]);
    // As a database from before this version: the Word file's text was never read.
    wb.ctx.sqlite.exec('DELETE FROM evidence_blob_text');
    expect(await titlesOf('quokkaword', 'evidence')).toEqual([]);
    await wb.close();
    const app = openWorkbench(wb.dbPath, 'browser');
    try {
      await expect
        .poll(async () => {
          const r = await app.dispatch('search.all', { query: 'quokkaword' });
          return r.ok ? r.value.groups.flatMap((g) => g.hits.map((h) => h.id)) : [];
        }, { timeout: 30_000, interval: 200 })
        .toEqual([item.id]);
    } finally {
      await app.close();
      fs.rmSync(wb.dir, { recursive: true, force: true });
      wb = tempWorkbench();
    }
  });

  it('`tpw search` prints every kind as [{kind, id, title, snippet}], and `tpw evidence reindex` reads what is missing', async () => {
    const { tpw } = await import('../helpers/cli');
    await wb.call('hypothesis.add', { statement: 'Falls prevention reduces admissions' });
    await attachItem('Falls audit', [path.join(FIXTURES, 'report.pdf')]);
    wb.ctx.sqlite.exec('DELETE FROM evidence_blob_text');
    await wb.close();
    const reindexed = tpw(['evidence', 'reindex', '--db', wb.dbPath, '--json']);
    expect(reindexed.status).toBe(0);
    expect(reindexed.json()).toMatchObject({ indexed: 1, noText: 0, unreadable: 0, remaining: 0 });
    const found = tpw(['search', 'zebrafinch', '--db', wb.dbPath, '--json']);
    expect(found.status).toBe(0);
    expect(found.json<{ kind: string; title: string; snippet: string }[]>().map((h) => [h.kind, h.title, h.snippet.includes('[zebrafinch]')])).toEqual([['evidence', 'Falls audit', true]]);
    const kinds = tpw(['search', 'falls', '--kind', 'hypothesis', '--db', wb.dbPath, '--json']);
    expect(kinds.json<{ kind: string }[]>().map((h) => h.kind)).toEqual(['hypothesis']);
    const bad = tpw(['search', 'falls', '--kind', 'nonsense', '--db', wb.dbPath]);
    expect(bad.status).toBe(1);
    fs.rmSync(wb.dir, { recursive: true, force: true });
    wb = tempWorkbench();
  });
});
