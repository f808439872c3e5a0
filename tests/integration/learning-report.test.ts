import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { SEEDED_BARRIERS } from '../../shared/domain/learning';
import { tpw } from '../helpers/cli';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
afterEach(async () => wb?.cleanup());

const NOW = () => new Date('2026-04-10T12:00:00Z');
const barrier = (name: string) => SEEDED_BARRIERS.find((b) => b.name === name)!.id;

async function seed(w: TestWorkbench) {
  await w.call('pilot.save', { pilot: { place: 'Testshire', question: 'How can we secure improved outcomes at less cost?', reportDeadline: '2026-06-30' } });
  const org = await w.call('organisation.add', { name: 'Testshire County Council', type: 'council' });
  await w.call('hypothesis.add', { statement: 'Joined-up <script>alert("x")</script> falls services cut admissions' });
  await w.call('learning.add', {
    kind: 'failed',
    title: 'Joint triage rota collapsed',
    occurredOn: '2026-02-01',
    barrierIds: [barrier('Partnership governance'), barrier('Tight timetable')],
    whatHappened: 'No agency would host it.',
    sensitivity: 'partners',
  });
  await w.call('learning.add', { kind: 'difficult', title: 'Timetable squeezed the analysis', occurredOn: '2026-03-01', barrierIds: [barrier('Tight timetable')], sensitivity: 'public' });
  await w.call('learning.add', { kind: 'did-not-work', title: 'Team-only candid note on the chief executive', occurredOn: '2026-03-05', sensitivity: 'team' });
  await w.call('learning.add', { kind: 'lesson', title: 'Personal story of Mrs B', occurredOn: '2026-03-06', sensitivity: 'personal' });
  await w.call('action.add', { kind: 'recommendation', title: 'Create a single falls service', organisationId: org.id, owner: 'Sam Patel', dueDate: '2026-09-30', beyondPilot: true });
  await w.call('action.add', { title: 'Chase the data-sharing agreement', owner: 'Jo Smith', dueDate: '2026-04-01', sensitivity: 'team' });
  await w.call('benefit.add', { title: 'Fewer falls admissions', fullYearPence: 1_200_000, startsOn: '2026-01-01', cashReleasing: true });
}

const reportHtml = (file: string) => fs.readFileSync(file, 'utf8');

describe('the pilot report', () => {
  it('leaves out team-only and personal content unless chosen, and says what it left out', async () => {
    wb = tempWorkbench({ now: NOW });
    await seed(wb);
    const r = await wb.call('report.generate', { pdf: false, extracts: false });
    const doc = reportHtml(r.html.path);
    expect(doc).toContain('Joint triage rota collapsed');
    expect(doc).toContain('Create a single falls service');
    expect(doc).not.toContain('Team-only candid note');
    expect(doc).not.toContain('Chase the data-sharing agreement');
    expect(doc).not.toContain('Mrs B');
    expect(r.withheld).toEqual({ team: 2, personal: 1 });
    expect(doc).toContain('Left out under the sensitivity rules: 2 team-only items and 1 item of personal data.');

    const withTeam = reportHtml((await wb.call('report.generate', { includeTeam: true, pdf: false, extracts: false })).html.path);
    expect(withTeam).toContain('Team-only candid note');
    expect(withTeam).toContain('Chase the data-sharing agreement');
    expect(withTeam).not.toContain('Mrs B');

    const withPersonal = reportHtml((await wb.call('report.generate', { includePersonal: true, pdf: false, extracts: false })).html.path);
    expect(withPersonal).toContain('Personal story of Mrs B');
    expect(withPersonal).not.toContain('Team-only candid note');
    expect(withPersonal).toContain('This report contains personal data by explicit choice.');
  });

  it('puts the chosen sections in the chosen order and leaves the others out', async () => {
    wb = tempWorkbench({ now: NOW });
    await seed(wb);
    const r = await wb.call('report.generate', { sections: ['actions', 'learning'], pdf: false, extracts: false });
    expect(r.sections).toEqual(['actions', 'learning']);
    const doc = reportHtml(r.html.path);
    const actionsAt = doc.indexOf('<h2 id="actions-heading">Recommendations and next steps</h2>');
    const learningAt = doc.indexOf('<h2 id="learning-heading">What did not work and what was difficult</h2>');
    expect(actionsAt).toBeGreaterThan(0);
    expect(learningAt).toBeGreaterThan(actionsAt);
    expect(doc).not.toContain('The question and the timetable');
    expect(doc).not.toContain('Benefits register');

    const dup = await wb.dispatch('report.generate', { sections: ['learning', 'learning'] });
    expect(!dup.ok && dup.error.message).toContain('A section can appear only once');
    const unknown = await wb.dispatch('report.generate', { sections: ['gossip'] });
    expect(!unknown.ok && unknown.error.code).toBe('INVALID_INPUT');
  });

  it('groups the honest section by barrier, most cited first, telling each entry once', async () => {
    wb = tempWorkbench({ now: NOW });
    await seed(wb);
    const doc = reportHtml((await wb.call('report.generate', { sections: ['learning'], pdf: false, extracts: false })).html.path);
    // Tight timetable: 2 entries; partnership governance: 1 (the rota entry, told under the timetable).
    expect(doc).toMatch(/<th scope="row">Tight timetable<\/th><td class="num">2<\/td>/);
    expect(doc).toMatch(/<th scope="row">Partnership governance<\/th><td class="num">1<\/td>/);
    expect(doc.match(/Joint triage rota collapsed/g)).toHaveLength(1);
    expect(doc).toContain('Also: Partnership governance');
    expect(doc.indexOf('<h3>Tight timetable</h3>')).toBeLessThan(doc.indexOf('Joint triage rota collapsed'));
  });

  it('escapes everything users typed: no markup gets through', async () => {
    wb = tempWorkbench({ now: NOW });
    await seed(wb);
    const doc = reportHtml((await wb.call('report.generate', { pdf: false, extracts: false })).html.path);
    expect(doc).toContain('Joined-up &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; falls services');
    expect(doc).not.toMatch(/<script/i);
    // Self-contained: no external resources of any kind.
    expect(doc).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it('writes CSV and XLSX extracts of its tables with the same sensitivity rules', async () => {
    wb = tempWorkbench({ now: NOW });
    await seed(wb);
    const r = await wb.call('report.generate', { pdf: false, extracts: true });
    const csv = r.csv.find((c) => c.name === 'learning-log.csv')!;
    const text = fs.readFileSync(csv.path, 'utf8');
    // The marking on a line of its own above the table (a CSV has no header or footer to carry it).
    expect(text.startsWith('\ufeffOFFICIAL\r\nDate,Kind,Title,Barriers')).toBe(true);
    expect(text).toContain('2026-02-01,Failed,Joint triage rota collapsed,Partnership governance; Tight timetable,No agency would host it.');
    expect(text).not.toContain('Team-only');
    const benefits = fs.readFileSync(r.csv.find((c) => c.name === 'benefits-register.csv')!.path, 'utf8');
    // £12,000 a year from January: £4,000 expected by the end of April.
    expect(benefits).toContain('Fewer falls admissions,,,,,12000.00,Yes,2026-01-01,4000.00,0.00');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(r.xlsx!.path);
    const sheet = book.getWorksheet('Learning log')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Date', 'Kind', 'Title', 'Barriers', 'What happened', 'Why', 'What we would do differently', 'Author', 'Sensitivity']);
    expect(sheet.rowCount).toBe(3);
    const money = book.getWorksheet('Benefits register')!.getRow(2).getCell(6);
    expect(money.value).toBe(12000);
    expect(money.numFmt).toContain('£');
  });

  it("quotes the citizen's perspective for each hypothesis, within the sensitivity rules, and the dashboard shows the gaps", async () => {
    wb = tempWorkbench({ now: NOW });
    await wb.call('pilot.save', { pilot: { place: 'Testshire', question: 'How?' } });
    const h = await wb.call('hypothesis.add', { statement: 'One front door for families cuts repeat assessments' });
    const bare = await wb.call('hypothesis.add', { statement: 'Nobody has looked at this one' });
    const noVoice = await wb.call('hypothesis.add', { statement: 'Only practitioners have spoken to this one' });
    const quote = await wb.call('evidence.add', { title: 'Interview with a parent', kind: 'citizen_interview', summary: 'I told my story four times to four agencies.', sensitivity: 'partners' });
    const personal = await wb.call('evidence.add', { title: "Mrs B's account", kind: 'citizen_story', summary: 'Mrs B, 84, of Mill Lane…', sensitivity: 'personal' });
    const practitioner = await wb.call('evidence.add', { title: 'Social worker survey', kind: 'practitioner_view', sensitivity: 'public', citizenPerspective: false });
    await wb.call('evidence.link', { evidenceId: quote.id, hypothesisId: h.id, rating: 'CC', weight: 'high' });
    await wb.call('evidence.link', { evidenceId: personal.id, hypothesisId: h.id, rating: 'C' });
    await wb.call('evidence.link', { evidenceId: practitioner.id, hypothesisId: h.id, rating: 'I', note: 'Caseloads too high' });
    await wb.call('evidence.link', { evidenceId: practitioner.id, hypothesisId: noVoice.id, rating: 'C' });

    const r = await wb.call('report.generate', { sections: ['hypotheses'], pdf: false, extracts: false });
    const doc = reportHtml(r.html.path);
    expect(doc).toContain('<blockquote class="citizen"><p>I told my story four times to four agencies.</p><footer>Interview with a parent (citizen interview; strongly supports)</footer></blockquote>');
    expect(doc).toContain('2 items of evidence: 1 supporting, 1 contradicting, 1 from the citizen&#39;s perspective. 1 further item is held back as personal data');
    expect(doc).toContain('Social worker survey</strong> (practitioner view) — contradicts, medium weight: Caseloads too high');
    expect(doc).not.toContain('Mrs B');
    expect(r.withheld.personal).toBe(1);
    expect(doc).toContain('No evidence has been recorded for this hypothesis.');
    expect(doc).toContain('None of the evidence is from the citizen&#39;s perspective.');

    const s = await wb.call('dashboard.summary', {});
    expect(s.evidence!.noEvidence.map((x) => x.id)).toEqual([bare.id]);
    expect(s.evidence!.noCitizen.map((x) => x.id)).toEqual([noVoice.id]);
  });

  it('opens a generated file only through the desktop shell, and only files this session generated', async () => {
    wb = tempWorkbench({ now: NOW });
    await seed(wb);
    const r = await wb.call('report.generate', { sections: ['learning'], pdf: false, extracts: false });
    const refused = await wb.dispatch('report.open', { urlPath: r.html.urlPath });
    expect(!refused.ok && refused.error.code).toBe('REFUSED');
    const opened: string[] = [];
    wb.ctx.platform = { openPath: async (file) => void opened.push(file) };
    await wb.call('report.open', { urlPath: r.html.urlPath });
    expect(opened).toEqual([r.html.path]);
    const unknown = await wb.dispatch('report.open', { urlPath: '/files/download/01a00000-0000-7000-8000-000000000000' });
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');
    const sneaky = await wb.dispatch('report.open', { urlPath: '/etc/passwd' });
    expect(!sneaky.ok && sneaky.error.code).toBe('INVALID_INPUT');
  });

  it('refuses to write a report before the pilot is set up', async () => {
    wb = tempWorkbench({ now: NOW });
    const r = await wb.dispatch('report.generate', {});
    expect(!r.ok && r.error).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('Set up the pilot') });
    const sections = await wb.call('report.sections', {});
    expect(sections.find((s) => s.id === 'question')).toMatchObject({ available: false });
    expect(sections.find((s) => s.id === 'learning')).toMatchObject({ available: true, reason: null });
  });
});

describe('tpw report and the learning and action verbs', () => {
  it('records a failure and an action from the command line, and both are in the HTML and the PDF', () => {
    wb = tempWorkbench();
    const db = path.join(wb.dir, 'cli.db');
    expect(tpw(['init', '--place', 'Clishire', '--deadline', '2027-03-31', '--db', db]).status).toBe(0);
    expect(tpw(['org', 'add', '--name', 'Clishire Police', '--type', 'police', '--db', db]).status).toBe(0);
    const added = tpw(['learning', 'add', '--kind', 'failed', '--title', 'Street triage never started', '--barrier', 'tight timetable', '--barrier', 'Decommissioning', '--db', db, '--json']);
    expect(added.status).toBe(0);
    expect(added.json<{ barrierIds: string[] }>().barrierIds).toEqual([barrier('Tight timetable'), barrier('Decommissioning')]);
    const bad = tpw(['learning', 'add', '--kind', 'failed', '--title', 'x', '--barrier', 'Bad weather', '--db', db, '--json']);
    expect(bad.status).toBe(2);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('There is no barrier called "Bad weather"');
    expect(tpw(['action', 'add', '--title', 'Fund a street triage car', '--org', 'Clishire Police', '--owner', 'Insp. Khan', '--due', '2026-01-31', '--db', db]).status).toBe(0);
    const actions = tpw(['action', 'list', '--db', db, '--json']).json<{ title: string; overdue: boolean; organisationName: string }[]>();
    expect(actions).toMatchObject([{ title: 'Fund a street triage car', organisationName: 'Clishire Police' }]);
    // The refused entry left nothing behind.
    expect(tpw(['learning', 'list', '--db', db, '--json']).json<{ title: string }[]>().map((e) => e.title)).toEqual(['Street triage never started']);

    const html = path.join(wb.dir, 'out', 'report.html');
    const r1 = tpw(['report', '-o', html, '--db', db, '--json']);
    expect(r1.status, r1.stderr).toBe(0);
    const doc = fs.readFileSync(html, 'utf8');
    expect(doc).toContain('Street triage never started');
    expect(doc).toContain('Fund a street triage car');

    const pdf = path.join(wb.dir, 'out', 'report.pdf');
    const r2 = tpw(['report', '-o', pdf, '--sections', 'learning,actions', '--db', db]);
    expect(r2.status, r2.stderr).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Street triage never started');
    expect(text).toContain('Fund a street triage car');
    expect(text.indexOf('What did not work')).toBeLessThan(text.indexOf('Recommendations and next steps'));

    // No Chromium: a clear refusal, and no half-written file.
    const noChromium = tpw(['report', '-o', path.join(wb.dir, 'none.pdf'), '--db', db, '--json'], { env: { TPW_CHROMIUM: path.join(wb.dir, 'no-such-chromium') } });
    expect(noChromium.status).toBe(2);
    expect(noChromium.json<{ error: { message: string } }>().error.message).toContain('A PDF needs Chromium, which was not found');
    expect(fs.existsSync(path.join(wb.dir, 'none.pdf'))).toBe(false);

    expect(tpw(['report', '-o', path.join(wb.dir, 'r.odt'), '--db', db]).status).toBe(1);
    expect(tpw(['report', '-o', html, '--sections', 'gossip', '--db', db]).status).toBe(1);
  }, 300_000);
});
