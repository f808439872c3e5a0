/**
 * Issue 12: the pilot report a team can send to the board as it is — honest withheld wording,
 * the team's narrative (safe, versioned, exchanged in bundles), charts, Treasury-style money, the
 * security marking on every page, Word output, one ZIP of the extracts, and the list of versions.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { receive, send, setUpPair, type Pair } from '../fixtures/bundles/pair';

let wb: TestWorkbench | null = null;
let pair: Pair | null = null;
afterEach(async () => {
  await wb?.cleanup();
  await pair?.cleanup();
  wb = null;
  pair = null;
});

const NOW = () => new Date('2026-11-20T10:00:00Z');
const read = (file: string) => fs.readFileSync(file, 'utf8');
/** The report's visible words, tags stripped and entities decoded (what a reader sees). */
const words = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

async function pilot(w: TestWorkbench) {
  await w.call('pilot.save', { pilot: { place: 'Testshire', question: 'How can we secure improved outcomes at less cost?', reportDeadline: '2027-03-31' } });
}

async function evidence(w: TestWorkbench, title: string, o: { kind?: string; sensitivity?: string; citizenPerspective?: boolean } = {}) {
  return w.call('evidence.add', { title, kind: o.kind ?? 'practitioner_view', sensitivity: o.sensitivity ?? 'partners', ...(o.citizenPerspective === undefined ? {} : { citizenPerspective: o.citizenPerspective }) } as never) as Promise<{ id: string }>;
}

async function hypothesisReport(w: TestWorkbench, opts: { includeTeam?: boolean; includePersonal?: boolean } = {}) {
  const r = await w.call('report.generate', { sections: ['hypotheses'], pdf: false, extracts: false, ...opts });
  return { r, text: words(read(r.html.path)) };
}

describe('honest about what is withheld', () => {
  it('says what is held back for each combination: all shown, some withheld, all withheld, citizen item withheld', async () => {
    wb = tempWorkbench({ now: NOW });
    await pilot(wb);
    const allShown = await wb.call('hypothesis.add', { statement: 'All shown: a single front door cuts repeat assessments' });
    const someHeld = await wb.call('hypothesis.add', { statement: 'Some withheld: joint triage reduces call-outs' });
    const allHeld = await wb.call('hypothesis.add', { statement: 'All withheld: pooled budgets speed up discharge' });
    const citizenHeld = await wb.call('hypothesis.add', { statement: 'Citizen withheld: families tell their story once' });
    const none = await wb.call('hypothesis.add', { statement: 'Nothing recorded: nobody has looked at this' });

    const pub = await evidence(wb, 'Published performance data', { kind: 'performance_data', sensitivity: 'public' });
    const voice = await evidence(wb, 'Interview with a carer', { kind: 'citizen_interview', sensitivity: 'partners' });
    const teamNote = await evidence(wb, 'Team note on caseloads', { sensitivity: 'team' });
    const teamNote2 = await evidence(wb, 'Team note on the rota', { sensitivity: 'team' });
    const mrsB = await evidence(wb, "Mrs B's story", { kind: 'citizen_story', sensitivity: 'personal' });
    const journey = await evidence(wb, 'Journey of the K family', { kind: 'citizen_journey', sensitivity: 'team' });
    const link = (e: { id: string }, h: { id: string }, rating: string, weight = 'medium') => wb!.call('evidence.link', { evidenceId: e.id, hypothesisId: h.id, rating, weight } as never);
    await link(pub, allShown, 'C');
    await link(voice, allShown, 'CC', 'high');
    await link(pub, someHeld, 'C');
    await link(teamNote, someHeld, 'I');
    await link(teamNote2, someHeld, 'C');
    await link(teamNote, allHeld, 'C');
    await link(mrsB, allHeld, 'CC');
    await link(pub, citizenHeld, 'C');
    await link(journey, citizenHeld, 'CC', 'high');

    const { r, text } = await hypothesisReport(wb);
    // All shown: the counts, and nothing about anything held back.
    expect(text).toContain("2 items of evidence: 2 supporting, 0 contradicting, 1 from the citizen's perspective. The citizen's perspective");
    // Some withheld: the figures say they are of the items shown.
    expect(text).toContain(
      "1 item of evidence: 1 supporting, 0 contradicting, 0 from the citizen's perspective. 2 further items are held back as team-only (1 supporting, 1 contradicting, 0 from the citizen's perspective), so the figures above are of the items shown.",
    );
    expect(text).toContain("None of the evidence, including the 2 items held back, is from the citizen's perspective.");
    // All withheld: never "No evidence has been recorded".
    expect(text).toContain(
      "No evidence for this hypothesis can be shown in this report: 1 item is held back as team-only and 1 as personal data. Of them, 2 support it and 0 contradict it; 1 is from the citizen's perspective: citizen story (strongly supports, medium weight).",
    );
    // Citizen item withheld: never "None of the evidence is from the citizen's perspective".
    expect(text).toContain(
      "The citizen's perspective cannot be shown in this report: 1 citizen's-perspective item is held back as team-only — citizen journey (strongly supports, high weight).",
    );
    // The only true "none": nothing exists at all.
    expect(text.match(/No evidence has been recorded for this hypothesis\./g)).toHaveLength(1);
    expect(text.indexOf('Nothing recorded: nobody has looked at this')).toBeLessThan(text.indexOf('No evidence has been recorded for this hypothesis.'));
    expect(text.match(/None of the evidence is from the citizen's perspective\./g)).toBeNull();
    // Held items are counted once each, however many hypotheses they bear on; nothing of them leaks.
    expect(r.withheld).toEqual({ team: 3, personal: 1 });
    expect(text).not.toContain('Team note on caseloads');
    expect(text).not.toContain('Mrs B');
    expect(text).not.toContain('K family');
    void none;
    void citizenHeld;

    // With everything included, the same hypotheses show their items and say nothing is held back.
    const all = await hypothesisReport(wb, { includeTeam: true, includePersonal: true });
    expect(all.text).toContain('Journey of the K family');
    expect(all.text).not.toContain('held back');
    expect(all.r.withheld).toEqual({ team: 0, personal: 0 });
  });

  it('says so when a whole register is held back, rather than "nothing recorded"', async () => {
    wb = tempWorkbench({ now: NOW });
    await pilot(wb);
    await wb.call('learning.add', { kind: 'failed', title: 'Candid note', occurredOn: '2026-03-01', sensitivity: 'team' } as never);
    await wb.call('action.add', { title: 'Chase the data-sharing agreement', sensitivity: 'team' } as never);
    const r = await wb.call('report.generate', { sections: ['learning', 'actions', 'conclusions'], pdf: false, extracts: false });
    const text = words(read(r.html.path));
    expect(text).toContain('Nothing in the learning log can be shown in this report: 1 entry is held back as team-only.');
    expect(text).toContain('No recommendation or action can be shown in this report: 1 item is held back as team-only.');
    expect(text).not.toContain('Nothing has been recorded in the learning log');
    expect(text).not.toContain('No recommendations or actions have been recorded');
  });
});

describe('the narrative', () => {
  it('renders plain text with simple formatting safely, keeps every save in the history and refuses a stale save', async () => {
    wb = tempWorkbench({ now: NOW });
    await pilot(wb);
    const h = await wb.call('hypothesis.add', { statement: 'A joint falls service cuts admissions' });
    const summary = await wb.call('narrative.save', {
      slot: { kind: 'summary' },
      body: '# What we found\n\nThe pilot found **£2.1m** of savings.\n\n- Falls: fewer admissions\n- Triage: <script>alert("x")</script>\n\n1. First\n2. Second\n\nSee [the Green Book](https://www.gov.uk/green-book) and [this](javascript:alert(1)).',
    });
    expect(summary.rev).toMatch(/^1-/);
    await wb.call('narrative.save', { slot: { kind: 'introduction' }, body: 'Why Testshire took part.' });
    await wb.call('narrative.save', { slot: { kind: 'section', sectionId: 'hypotheses' }, body: 'Commentary on the hypotheses as a whole.' });
    await wb.call('narrative.save', { slot: { kind: 'hypothesis', hypothesisId: h.id }, body: 'The falls data is **strong**.' });

    const edited = await wb.call('narrative.save', { slot: { kind: 'summary' }, body: `${summary.body}\n\nEdited later.`, rev: summary.rev });
    const stale = await wb.dispatch('narrative.save', { slot: { kind: 'summary' }, body: 'Overwrite!', rev: summary.rev });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    const fresh = await wb.dispatch('narrative.save', { slot: { kind: 'summary' }, body: 'Overwrite!' });
    expect(!fresh.ok && fresh.error.code).toBe('CONFLICT');
    const history = await wb.call('record.history', { table: 'reportNarratives', id: edited.id });
    expect(history.map((x) => x.op)).toEqual(['create', 'update']);
    const unknown = await wb.dispatch('narrative.save', { slot: { kind: 'hypothesis', hypothesisId: '01890a5d-ac96-774b-bcce-b302099a8057' }, body: 'x' });
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');

    const r = await wb.call('report.generate', { sections: ['hypotheses'], pdf: false, extracts: false });
    const doc = read(r.html.path);
    expect(doc).toContain('<section id="summary" class="narrative" aria-labelledby="summary-heading"><h2 id="summary-heading">Executive summary</h2><h3>What we found</h3><p>The pilot found <strong>£2.1m</strong> of savings.</p>');
    expect(doc).toContain('<ul><li>Falls: fewer admissions</li><li>Triage: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</li></ul><ol><li>First</li><li>Second</li></ol>');
    expect(doc).toContain('<a href="https://www.gov.uk/green-book">the Green Book</a>');
    expect(doc).toContain('[this](javascript:alert(1))');
    expect(doc).not.toMatch(/<script|href="javascript/i);
    expect(doc).toContain('Edited later.');
    expect(doc).toContain('<h2 id="introduction-heading">Introduction</h2><p>Why Testshire took part.</p>');
    expect(doc).toContain('<div class="commentary"><p>Commentary on the hypotheses as a whole.</p></div>');
    expect(doc).toContain('<div class="commentary"><p>The falls data is <strong>strong</strong>.</p></div>');
    expect(doc.indexOf('Executive summary</a>')).toBeLessThan(doc.indexOf('Introduction</a>'));
  });

  it('travels in bundles like other records, and concurrent summaries meet as a conflict, never silently replaced', async () => {
    pair = await setUpPair();
    const { a, b } = pair;
    await a.call('narrative.save', { slot: { kind: 'summary' }, body: 'Avonford summary.' });
    const file = await send(a, pair.bInA, pair.out, { scope: ['setup', 'hypotheses', 'report'] });
    const first = await receive(b, file);
    expect(first.added).toBeGreaterThanOrEqual(1);
    const inB = await b.call('narrative.list', {});
    expect(inB.map((n) => [n.kind, n.body])).toEqual([['summary', 'Avonford summary.']]);

    // Both edit the same summary; when A's edit reaches B it is kept as a conflict.
    const [aSummary] = await a.call('narrative.list', {});
    await a.call('narrative.save', { slot: { kind: 'summary' }, body: 'Avonford, second draft.', rev: aSummary!.rev });
    await b.call('narrative.save', { slot: { kind: 'summary' }, body: 'Brimley edits.', rev: inB[0]!.rev });
    const second = await receive(b, await send(a, pair.bInA, pair.out, { scope: ['report'] }));
    expect(second.conflicts).toBe(1);
    expect((await b.call('narrative.list', {}))[0]!.body).toBe('Brimley edits.');
  });
});

describe('what the report looks like', () => {
  async function fullPilot(w: TestWorkbench) {
    await pilot(w);
    const council = await w.call('organisation.add', { name: 'Testshire County Council', type: 'council' });
    const nhs = await w.call('organisation.add', { name: 'Testshire NHS Trust', type: 'nhs' });
    await w.call('hypothesis.add', { statement: 'A joint falls service cuts admissions' });
    const iv = (await w.call('intervention.add', { name: 'Falls prevention', startYear: '2026-27', years: 3, simulation: { iterations: 1000, seed: 3 } } as never)) as { id: string };
    const profile = [0, 1, 2].map(() => ({ low: 80_000_000, central: 100_000_000, high: 130_000_000 }));
    await w.call('estimateLine.add', { interventionId: iv.id, kind: 'cost', label: 'Team', organisationId: council.id, category: 'revenue', cashable: true, profile: profile.map((c) => ({ low: c.low / 4, central: c.central / 4, high: c.high / 4 })) } as never);
    await w.call('estimateLine.add', { interventionId: iv.id, kind: 'benefit', label: 'Avoided admissions', organisationId: nhs.id, valueType: 'fiscal', cashable: true, profile } as never);
    await w.call('action.add', { kind: 'recommendation', title: 'Commission a single falls service', owner: 'Sam Patel', dueDate: '2027-01-31' } as never);
    await w.call('benefit.add', { title: 'Fewer falls admissions', fullYearPence: 123_456_789, cashReleasing: true } as never);
    await w.call('narrative.save', { slot: { kind: 'summary' }, body: 'Board summary: the falls work pays back.' });
  }

  it('has charts with captions and data tables, money in £k/£m with exact pence in the appendix, and states its basis', async () => {
    wb = tempWorkbench({ now: NOW });
    await fullPilot(wb);
    const r = await wb.call('report.generate', { pdf: false, extracts: false });
    const doc = read(r.html.path);
    const figures = [...doc.matchAll(/<figure class="chart" id="([^"]+)">\s*<svg [^>]*role="img" aria-labelledby="\1-title \1-desc"[^>]*><title id="\1-title">[^<]+<\/title><desc id="\1-desc">[^<]+<\/desc>/g)].map((m) => m[1]);
    expect(figures).toEqual(['figure-hypotheses', 'figure-npv-portfolio', 'figure-npv-interventions', 'figure-wrong-pocket']);
    expect(doc).toMatch(/<figcaption>Figure 1: Hypotheses by status<\/figcaption>\s*<table class="chart-data visually-hidden"><caption>Data for figure 1/);
    expect(doc).not.toMatch(/<script|onload=|onclick=/i);
    // £1,234,567.89 a year: rounded in the body, exact in the appendix.
    expect(doc).toContain('<td class="num">£1.2m</td>');
    expect(doc).toContain('£1,234,567.89');
    expect(doc).toContain('Table A');
    expect(doc).toMatch(/<dt>Price base<\/dt><dd>2026-27 prices \(real terms\)<\/dd>/);
    expect(doc).toMatch(/<dt>Discounting<\/dt><dd>The HM Treasury Green Book schedule \(3\.5% a year for years 1–30/);
    expect(doc).toMatch(/<dt>Parameter set<\/dt>/);
    // Conclusions pull the recommendations and benefits.
    const conclusions = words(doc.slice(doc.indexOf('<section id="conclusions"'), doc.indexOf('<section id="actions"')));
    expect(conclusions).toContain('Commission a single falls service — Sam Patel, by 31 January 2027.');
    expect(conclusions).toContain('1 benefit registered, worth £1.2m a full year, of which £1.2m is cash-releasing.');
    // Target size: contents links are at least 24 px high.
    expect(doc).toContain('nav ol a { display: inline-block; min-height: 24px;');
  });

  it('prints the security marking in the header and footer of every PDF page, with page numbers, date and version; the PDF is tagged with a title and language', async () => {
    wb = tempWorkbench({ now: NOW });
    await fullPilot(wb);
    await wb.call('report.generate', { pdf: false, extracts: false });
    const r = await wb.call('report.generate', { marking: 'OFFICIAL-SENSITIVE', pdf: true, extracts: false });
    expect(r.pdf, r.pdfError ?? '').not.toBeNull();
    expect(r.version.version).toBe(2);
    const info = execFileSync('pdfinfo', [r.pdf!.path], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(2);
    expect(info).toMatch(/Title:\s+Testshire: Total Place pilot report/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(fs.readFileSync(r.pdf!.path).toString('latin1')).toContain('/Lang (en-GB)');
    for (let p = 1; p <= pages; p++) {
      const text = execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), r.pdf!.path, '-'], { encoding: 'utf8' });
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
      expect(lines[0], `page ${p} header`).toBe('OFFICIAL-SENSITIVE');
      expect(lines.at(-1), `page ${p} footer`).toMatch(/OFFICIAL-SENSITIVE/);
      expect(text, `page ${p}`).toContain(`Page ${p} of ${pages}`);
      expect(text, `page ${p}`).toContain('Version 2 · 20 November 2026');
    }
  }, 120_000);

  it('writes Word with heading styles, a contents field, Word tables and charts as images with alt text', async () => {
    wb = tempWorkbench({ now: NOW });
    await fullPilot(wb);
    const r = await wb.call('report.generate', { pdf: false, docx: true, extracts: false, marking: 'OFFICIAL-SENSITIVE' });
    const xml = execFileSync('unzip', ['-p', r.docx!.path, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(xml).toContain('Board summary: the falls work pays back.');
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toMatch(/<w:instrText[^>]*>TOC /);
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('<w:tblHeader/>');
    const alts = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]+)"[^>]*title="([^"]+)"/g)].map((m) => m[2]);
    expect(alts).toEqual(['Hypotheses by status', 'Net present value range of the portfolio', 'Net present value range per intervention', 'Who pays and who benefits (the wrong pocket)']);
    const header = execFileSync('unzip', ['-p', r.docx!.path, 'word/header1.xml'], { encoding: 'utf8' });
    expect(header).toContain('OFFICIAL-SENSITIVE');
    const footer = execFileSync('unzip', ['-p', r.docx!.path, 'word/footer1.xml'], { encoding: 'utf8' });
    expect(footer).toContain('OFFICIAL-SENSITIVE');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toContain('Version 1 · 20 November 2026');
    const styles = execFileSync('unzip', ['-p', r.docx!.path, 'word/styles.xml'], { encoding: 'utf8' });
    expect(styles).toContain('w:lang w:val="en-GB"');
    const media = execFileSync('unzip', ['-l', r.docx!.path], { encoding: 'utf8' });
    expect(media.match(/word\/media\/[^\s]+\.png/g)).toHaveLength(4);
  }, 120_000);

  it('keeps every generated version (who, when, sections, marking, hashes) and gives its files back byte for byte; all extracts come as one ZIP', async () => {
    wb = tempWorkbench({ now: NOW });
    await fullPilot(wb);
    const first = await wb.call('report.generate', { sections: ['question', 'savings'], pdf: false, extracts: true });
    const second = await wb.call('report.generate', { marking: 'OFFICIAL-SENSITIVE', pdf: false, docx: true, extracts: true });
    const versions = await wb.call('report.versions', {});
    expect(versions.map((v) => [v.version, v.marking, v.sections.length])).toEqual([
      [2, 'OFFICIAL-SENSITIVE', 9],
      [1, 'OFFICIAL', 2],
    ]);
    expect(versions[1]!.files.map((f) => f.format)).toEqual(['html', 'xlsx', 'zip']);
    expect(versions[0]!.files.map((f) => f.format)).toEqual(['html', 'docx', 'xlsx', 'zip']);
    expect(versions[1]!.generatedBy).toBe(first.version.generatedBy);

    const again = await wb.call('report.versionFiles', { id: versions[1]!.id });
    const html = again.files.find((f) => f.format === 'html')!;
    expect(fs.readFileSync(html.path)).toEqual(fs.readFileSync(first.html.path));
    expect(read(html.path)).toContain('Version 1');
    const sha = execFileSync('sha256sum', [html.path], { encoding: 'utf8' }).split(' ')[0];
    expect(sha).toBe(versions[1]!.sha256);

    const listing = execFileSync('unzip', ['-Z1', second.zip!.path], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual([...second.csv.map((c) => c.name), path.basename(second.xlsx!.path)]);
    expect(listing.length).toBeGreaterThan(5);

    // Extracts carry the marking too (issue 14): each CSV's first line, each sheet's header and footer.
    for (const c of second.csv) expect(read(c.path).split('\r\n')[0], c.name).toBe('\ufeffOFFICIAL-SENSITIVE');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(second.xlsx!.path);
    expect(book.category).toBe('OFFICIAL-SENSITIVE');
    for (const ws of book.worksheets) {
      expect(ws.headerFooter.oddHeader, ws.name).toContain('OFFICIAL-SENSITIVE');
      expect(ws.headerFooter.oddFooter, ws.name).toContain('OFFICIAL-SENSITIVE');
    }
  });

  it('tpw report writes Word, takes a marking, and lists the versions', () => {
    wb = tempWorkbench();
    const db = path.join(wb.dir, 'cli.db');
    expect(tpw(['init', '--place', 'Clishire', '--db', db]).status).toBe(0);
    const out = path.join(wb.dir, 'out', 'report.docx');
    const r = tpw(['report', '-o', out, '--marking', 'official-sensitive', '--zip', path.join(wb.dir, 'out', 'extracts.zip'), '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json<{ format: string; version: number; marking: string }>()).toMatchObject({ format: 'docx', version: 1, marking: 'OFFICIAL-SENSITIVE' });
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(fs.existsSync(path.join(wb.dir, 'out', 'extracts.zip'))).toBe(true);
    const bad = tpw(['report', '-o', out, '--marking', 'SECRET', '--db', db]);
    expect(bad.status).toBe(1);
    const list = tpw(['report', 'versions', '--db', db, '--json']);
    expect(list.json<{ version: number; marking: string }[]>().map((v) => [v.version, v.marking])).toEqual([[1, 'OFFICIAL-SENSITIVE']]);
  }, 120_000);
});
