/**
 * Browser mode (`tpw serve`): no result the browser receives carries a server filesystem path.
 * Files the services make are fetched from their `urlPath`. The sweep calls every query of the
 * contract that it can give an input to, and every command that writes a file, on a pilot with
 * something in every area, through the same dispatcher the HTTP host uses, opened in 'browser'
 * mode on a real SQLite file; it then looks for the pilot's folder, or any `path` field, in
 * everything that came back. The same calls in CLI mode keep their `path` (the CLI copies from it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type Workbench } from '../../main/api/workbench';
import { addContact, ourCard } from '../../main/exchange/contacts';
import { contract, type MethodName } from '../../shared/contract';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let seed: TestWorkbench;
let partner: TestWorkbench;
let browser: Workbench;
let cli: Workbench;
const ids: Record<string, string> = {};

/** Commands that write a file the user then downloads, with their input. */
const FILE_COMMANDS = (): [MethodName, unknown][] => [
  ['report.generate', { pdf: false, extracts: true, docx: true }],
  ['bundle.export', { scope: ['setup', 'hypotheses', 'evidence'], include: [], to: [ids.contact] }],
];
/** Queries that write a file, with their input (each must answer in the sweep). */
const FILE_QUERIES: [MethodName, unknown][] = [
  ['identity.exportCard', {}],
  ['team.card', {}],
  ['estimate.export', { format: 'xlsx' }],
  ['spend.exportLines', { format: 'csv' }],
  ['spend.exportSummary', { format: 'xlsx' }],
];

beforeAll(async () => {
  seed = tempWorkbench();
  partner = tempWorkbench();
  const b = seed;
  await b.call('pilot.save', { pilot: { place: 'Anytown', question: 'How can we secure improved outcomes at less cost?' } });
  await b.call('me.set', { name: 'Sam Reid', organisation: null });
  const org = await b.call('organisation.add', { name: 'Anytown Council', type: 'council' });
  const h = await b.call('hypothesis.add', { statement: 'A single falls team cuts admissions' });
  const file = path.join(b.dir, 'audit.txt');
  fs.writeFileSync(file, 'Falls audit: 412 admissions');
  const up = async (f: string) => (await b.call('upload.fromPath', { path: f })).uploadId;
  const ev = await b.call('evidence.add', { title: 'Falls audit', kind: 'document', sensitivity: 'partners', uploadIds: [await up(file)] });
  await b.call('evidence.link', { evidenceId: ev.id, hypothesisId: h.id, rating: 'C', weight: 'high' });
  const intervention = await b.call('intervention.add', { name: 'Falls prevention', startYear: '2024-25', years: 3 });
  await b.call('estimateLine.add', { interventionId: intervention.id, kind: 'cost', label: 'Falls team', organisationId: org.id, profile: [1, 2, 3].map(() => ({ low: 100, central: 100, high: 100 })) });
  const entry = await b.call('learning.add', { kind: 'lesson', title: 'Data sharing took four months', occurredOn: '2026-01-05' });
  const action = await b.call('action.add', { title: 'Agree a data sharing protocol', dueDate: '2026-06-01', status: 'open', organisationId: org.id });
  const spendCsv = path.join(b.dir, 'spend.csv');
  fs.writeFileSync(spendCsv, 'Date,Supplier,Amount\n01/04/2020,Acme Care Ltd,100.00\n02/04/2020,Widgets plc,20.50\n');
  await b.call('spend.import', { uploadId: await up(spendCsv), organisation: 'Anytown Council' });
  const contact = await addContact(b.ctx, { card: JSON.stringify(await ourCard(partner.ctx)), name: 'Brimley' });
  const uploads = { spendUpload: await up(spendCsv), unitCostUpload: await up(path.resolve(import.meta.dirname, '../fixtures/estimates/unit-costs.csv')) };
  Object.assign(ids, { ...uploads, org: org.id, hypothesis: h.id, evidence: ev.id, attachment: ev.attachments[0]!.id, intervention: intervention.id, entry: entry.id, action: action.id, contact: contact.id });
  await b.close();
  browser = openWorkbench(b.dbPath, 'browser');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cli?.close();
  await partner?.cleanup();
  fs.rmSync(seed.dir, { recursive: true, force: true });
});

/** Every absolute path of this machine that a result could give away. */
const leaks = (value: unknown): string[] => {
  const text = JSON.stringify(value);
  const roots = [seed.dir, fs.realpathSync(seed.dir), os.homedir(), path.resolve(import.meta.dirname, '../..')];
  const found = roots.filter((r) => text.includes(JSON.stringify(r).slice(1, -1)));
  if (/"path":/.test(text)) found.push('a "path" field');
  return found;
};

/** Inputs to try for a query, in order: the first it accepts is used. */
const candidates = (): unknown[] => [
  {},
  ...Object.values(ids).map((id) => ({ id })),
  { format: 'csv' },
  { query: 'falls' },
  { table: 'hypotheses', id: ids.hypothesis },
  { evidenceId: ids.evidence },
  { hypothesisId: ids.hypothesis },
  { interventionId: ids.intervention },
  { scope: ['setup', 'hypotheses', 'evidence'] },
  { uploadId: ids.spendUpload, organisation: 'Anytown Council' },
  { uploadId: ids.spendUpload },
  { uploadId: ids.unitCostUpload },
];

describe('browser mode sends no server path', () => {
  it('the commands that write files answer with download URLs only (before: each carried its server path)', async () => {
    for (const [method, input] of FILE_COMMANDS()) {
      const r = await browser.dispatch(method, input);
      expect(r, method).toMatchObject({ ok: true });
      if (method === 'report.generate' && r.ok) ids.reportVersion = (r.value as { version: { id: string } }).version.id;
      expect(leaks(r), method).toEqual([]);
      expect(JSON.stringify(r), method).toMatch(/"urlPath":"\/files\/download\/[0-9a-f-]{36}"/);
    }
  });

  it('every query it can call answers without a server path (the files among them with download URLs)', async () => {
    const answered: string[] = [];
    const queries = (Object.keys(contract) as MethodName[]).filter((m) => !contract[m].mutates && m !== 'upload.fromPath');
    for (const m of queries) {
      for (const input of [...FILE_QUERIES.filter(([q]) => q === m).map(([, i]) => i), ...candidates()]) {
        const r = await browser.dispatch(m, input);
        if (!r.ok) continue;
        expect(leaks(r.value), m).toEqual([]);
        answered.push(m);
        break;
      }
    }
    for (const [m] of [...FILE_QUERIES, ['report.versionFiles']]) expect(answered, m).toContain(m);
    console.log(`${answered.length} of ${queries.length} queries swept; not given an input they accept: ${queries.filter((q) => !answered.includes(q)).join(', ')}`);
    // Most of the contract's queries are covered, not just the file ones.
    expect(answered.length).toBeGreaterThan(queries.length * 0.6);
    const info = await browser.dispatch('system.info', {});
    expect(info).toMatchObject({ ok: true, value: { dbPath: 'workbench.db', mode: 'browser' } });
  });

  it('the desktop app and the CLI still get the path (tpw copies the file from it)', async () => {
    await browser.close();
    cli = openWorkbench(seed.dbPath, 'cli');
    const card = await cli.dispatch('identity.exportCard', {});
    expect(card.ok && path.isAbsolute(card.value.path) && fs.existsSync(card.value.path)).toBe(true);
    const info = await cli.dispatch('system.info', {});
    expect(info.ok && info.value.dbPath).toBe(seed.dbPath);
    browser = openWorkbench(seed.dbPath, 'browser');
  });
});
