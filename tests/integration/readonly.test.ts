import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_ONLY_MESSAGE } from '../../main/api/dispatcher';
import { openWorkbench, type Workbench } from '../../main/api/workbench';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS } from '../../main/db/migrations';
import { migrate } from '../../main/db/migrate';
import { contract, type MethodName } from '../../shared/contract';
import { GREEN_BOOK_2022 } from '../../shared/calc/parameterSets';
import { encodePublicKey, rawPublicKey, signFile } from '../../main/bundle/minisign';
import { AppError } from '../../shared/errors';
import { send, setUpPair, type Pair } from '../fixtures/bundles/pair';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';
import { writeXlsx } from '../fixtures/spend/make';

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/estimates');

let pair: Pair;
let dbPath: string;
let before: string;
let ro: Workbench;
/** Ids and uploads made while the file was writable, for the queries to read. */
const seeded: Record<string, string> = {};

beforeAll(async () => {
  pair = await setUpPair();
  const { a, b } = pair;
  await a.call('hypothesis.add', { statement: 'Sent from Avonford: shared triage cuts repeat visits' });
  const bundle = await send(a, pair.bInA, pair.out);

  const up = async (file: string) => (await b.call('upload.fromPath', { path: file })).uploadId;
  const write = (name: string, text: string) => {
    const file = path.join(b.dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const org = await b.call('organisation.add', { name: 'Anytown Council', type: 'council' });
  const theme = await b.call('theme.add', { name: 'Older people' });
  seeded.theme = theme.id;
  const h = await b.call('hypothesis.add', { statement: 'A single falls team cuts admissions', themeId: theme.id });
  await b.call('hypothesis.setStatus', { id: h.id, rev: h.rev, status: 'testing', note: null });
  const gone = await b.call('hypothesis.add', { statement: 'Deleted, for the recycle bin' });
  await b.call('hypothesis.delete', { id: gone.id, rev: gone.rev });
  const ev = await b.call('evidence.add', { title: 'Falls audit', kind: 'document', sensitivity: 'partners', uploadIds: [await up(write('audit.txt', 'Falls audit: 412 admissions'))] });
  await b.call('evidence.link', { evidenceId: ev.id, hypothesisId: h.id, rating: 'C', weight: 'high' });
  const intervention = await b.call('intervention.add', { name: 'Falls prevention', startYear: '2024-25', years: 3 });
  await b.call('estimateLine.add', { interventionId: intervention.id, kind: 'cost', label: 'Falls team', organisationId: org.id, profile: [1, 2, 3].map(() => ({ low: 100, central: 100, high: 100 })) });
  await b.call('interventionLink.add', { interventionId: intervention.id, hypothesisId: h.id });
  const barrier = (await b.call('barrier.list', {}))[0]!;
  const entry = await b.call('learning.add', { kind: 'difficult', title: 'Data sharing took four months', occurredOn: '2026-01-05', barrierIds: [barrier.id], hypothesisIds: [h.id] });
  const action = await b.call('action.add', { title: 'Agree a data sharing protocol', dueDate: '2026-06-01', status: 'open', organisationId: org.id });
  const benefit = await b.call('benefit.add', { title: 'Fewer falls admissions', fullYearPence: 1_200_000, startsOn: '2026-01-15' });
  await b.call('realisation.add', { benefitId: benefit.id, realisedOn: '2026-02-01', realisedPence: 150_000 });
  await b.call('spendRule.add', { field: 'supplier', op: 'contains', pattern: 'Care', themeId: theme.id });
  const spendCsv = write('spend.csv', 'Date,Supplier,Amount\n01/04/2020,Acme Care Ltd,100.00\n02/04/2020,Widgets plc,20.50\n');
  await b.call('spend.import', { uploadId: await up(spendCsv), organisation: 'Anytown Council' });

  const report = await b.call('report.generate', { pdf: false, extracts: false });
  const quote = await b.call('quote.add', { evidenceId: ev.id, attachmentId: ev.attachments[0]!.id, startOffset: 0, text: 'Falls audit', speaker: null, codeIds: [], note: null });
  const cra = await writeXlsx(b.dir, 'CRA.xlsx', [
    { name: 'Metadata', rows: [['Country and Regional Analysis'], ['All figures are in £ thousand.']] },
    { name: 'CRA data', rows: [['Department name', 'Segment', 'Function', 'Sub-function', 'Country', 'Region', '2019-20'], ['Home Office', 'Local government', 'Public order and safety', 'Police services', 'England', 'North West', 300]] },
  ]);

  // A signed parameter set to preview (estimates).
  const setKey = crypto.generateKeyPairSync('ed25519').privateKey;
  const setKeyId = crypto.randomBytes(8);
  const setFile = write('example-set.json', JSON.stringify({ ...GREEN_BOOK_2022, id: 'example-set', signer: { minisignPublicKey: encodePublicKey(setKeyId, rawPublicKey(crypto.createPublicKey(setKey))) } }));
  const setSig = write('example-set.json.minisig', await signFile(setFile, setKey, setKeyId, 'example'));

  Object.assign(seeded, {
    paramSetUpload: await up(setFile),
    paramSetSignature: await up(setSig),
    reportUrl: report.html.urlPath,
    quote: quote.id,
    craUpload: await up(cra),
    reportVersion: report.version.id,
    org: org.id,
    hypothesis: h.id,
    evidence: ev.id,
    attachment: ev.attachments[0]!.id,
    intervention: intervention.id,
    entry: entry.id,
    action: action.id,
    benefit: benefit.id,
    spendUpload: await up(spendCsv),
    unitCostUpload: await up(path.join(FIXTURES, 'unit-costs.csv')),
    bundleUpload: await up(bundle),
    signatureUpload: await up(`${bundle}.minisig`),
    plainFile: spendCsv,
  });

  await b.close();
  dbPath = b.dbPath;
  before = sha(dbPath);
  ro = openWorkbench(dbPath, 'cli', { readOnly: true });
  // A stand-in for the desktop shell, so "open" methods run their whole path.
  ro.ctx.platform = { openPath: async () => undefined };
});

afterAll(async () => {
  await ro?.close();
  await pair.a.cleanup();
  fs.rmSync(pair.b.dir, { recursive: true, force: true });
  fs.rmSync(pair.out, { recursive: true, force: true });
});

/** An input for every query in the contract (a function when it needs an earlier answer). */
const QUERY_INPUTS: Record<string, () => unknown> = {
  'upload.fromPath': () => ({ path: seeded.plainFile }),
  'system.info': () => ({}),
  'system.policy': () => ({}),
  'pilot.overview': () => ({}),
  'pilot.dependents': () => ({ table: 'themes', id: seeded.theme }),
  'organisation.list': () => ({}),
  'record.history': () => ({ table: 'hypotheses', id: seeded.hypothesis }),
  'record.dependents': () => ({ table: 'hypotheses', id: seeded.hypothesis }),
  'recycleBin.list': () => ({}),
  'hypothesis.list': () => ({}),
  'hypothesis.get': () => ({ id: seeded.hypothesis }),
  'hypothesis.statusHistory': () => ({ id: seeded.hypothesis }),
  'evidence.list': () => ({}),
  'evidence.get': () => ({ id: seeded.evidence }),
  'evidence.tags': () => ({}),
  'evidence.openAttachment': () => ({ id: seeded.attachment }),
  'evidence.matrix': () => ({}),
  'evidence.search': () => ({ query: 'falls' }),
  'evidence.coverage': () => ({}),
  'evidence.forHypothesis': () => ({ id: seeded.hypothesis }),
  'spend.preview': () => ({ uploadId: seeded.spendUpload, organisation: 'Anytown Council' }),
  'spend.importProgress': () => ({ importId: '01890a5d-ac96-774b-bcce-b302099a8057' }),
  'spend.summary': () => ({}),
  'spend.lines': () => ({}),
  'spend.files': () => ({}),
  'spend.unclassified': () => ({}),
  'spend.exportSummary': () => ({ format: 'csv' }),
  'spendRule.list': () => ({}),
  'intervention.list': () => ({}),
  'intervention.get': () => ({ id: seeded.intervention }),
  'estimate.evaluate': () => ({ model: JSON.parse(fs.readFileSync(path.join(FIXTURES, 'falls.json'), 'utf8')) }),
  'estimate.portfolio': () => ({}),
  'estimate.portfolioView': () => ({}),
  'estimate.export': () => ({ format: 'xlsx' }),
  'unitCost.list': () => ({}),
  'unitCost.preview': () => ({ uploadId: seeded.unitCostUpload }),
  'parameterSet.list': () => ({}),
  'parameterSet.preview': () => ({ uploadId: seeded.paramSetUpload, signatureUploadId: seeded.paramSetSignature }),
  'deflator.list': () => ({}),
  'confidenceGrade.list': () => ({}),
  'barrier.list': () => ({}),
  'learning.list': () => ({}),
  'learning.get': () => ({ id: seeded.entry }),
  'learning.byBarrier': () => ({}),
  'learning.byMonth': () => ({}),
  'action.list': () => ({}),
  'action.get': () => ({ id: seeded.action }),
  'benefit.list': () => ({}),
  'benefit.get': () => ({ id: seeded.benefit }),
  'benefit.overTime': () => ({}),
  'dashboard.summary': () => ({}),
  'report.sections': () => ({}),
  'report.markingFloor': () => ({}),
  'report.open': () => ({ urlPath: seeded.reportUrl }),
  'report.versions': () => ({}),
  'report.versionFiles': () => ({ id: seeded.reportVersion }),
  'narrative.list': () => ({}),
  'identity.show': () => ({}),
  'identity.exportCard': () => ({}),
  'contact.list': () => ({}),
  'bundle.previewExport': () => ({ scope: ['setup', 'hypotheses', 'evidence'] }),
  'bundle.inspect': () => ({ uploadId: seeded.bundleUpload, signatureUploadId: seeded.signatureUpload }),
  'bundle.log': () => ({}),
  'conflict.list': () => ({}),
  'team.status': () => ({}),
  'team.conflicts': () => ({}),
  'team.card': () => ({}),
  'team.stateHash': () => ({}),
  'me.get': () => ({}),
  'me.assigned': () => ({}),
  'baseline.files': () => ({}),
  'baseline.place': () => ({}),
  'baseline.preview': () => ({ uploadId: seeded.craUpload }),
  'baseline.view': () => ({}),
  'code.list': () => ({}),
  'evidence.codesByHypotheses': () => ({}),
  'evidence.sensitivity': () => ({}),
  'evidence.sources': () => ({ id: seeded.evidence }),
  'quote.list': () => ({}),
  'quote.get': () => ({ id: seeded.quote }),
  'quote.forHypothesis': () => ({ id: seeded.hypothesis }),
  'search.all': () => ({ query: 'falls' }),
  'spend.sheets': () => ({ uploadId: seeded.spendUpload }),
  'spend.cancelImport': () => ({ importId: '01890a5d-ac96-774b-bcce-b302099a8057' }),
  'spend.exportLines': () => ({ format: 'csv' }),
  'spendRule.hits': () => ({}),
  'system.activity': () => ({}),
  'retention.overview': () => ({}),
  'retention.item': () => ({ evidenceId: seeded.evidence }),
  'erasure.preview': () => ({ id: seeded.evidence }),
  'erasure.log': () => ({}),
  'erasure.snapshots': () => ({}),
  'sar.log': () => ({}),
};

const methods = Object.keys(contract) as MethodName[];
const queries = methods.filter((m) => !contract[m].mutates);
const commands = methods.filter((m) => contract[m].mutates);

describe('a workbench opened read-only', () => {
  it('answers a query', async () => {
    const r = await ro.dispatch('organisation.list', {});
    expect(r).toMatchObject({ ok: true, value: [expect.objectContaining({ name: 'Anytown Council' })] });
    expect(ro.readOnly).toBe(true);
    expect(ro.ctx.sqlite.readonly).toBe(true);
    // What the sweep below relies on: any write a query attempted would fail inside SQLite.
    expect(() => ro.ctx.sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('x', 'y')`).run()).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }));
  });

  it('refuses a command with REFUSED and the plain message, whatever its input', async () => {
    expect(READ_ONLY_MESSAGE).toBe('This pilot file is open read-only, so nothing can be changed.');
    expect(await ro.dispatch('organisation.add', { name: 'Sneaky Council', type: 'council' })).toEqual({ ok: false, error: { code: 'REFUSED', message: READ_ONLY_MESSAGE } });
    expect(commands.length).toBeGreaterThan(50);
    for (const m of commands) expect(await ro.dispatch(m, {}), m).toEqual({ ok: false, error: { code: 'REFUSED', message: READ_ONLY_MESSAGE } });
    expect(await ro.dispatch('organisation.list', {})).toMatchObject({ ok: true, value: [expect.objectContaining({ name: 'Anytown Council' })] });
  });

  it('serves every query in the contract (SQLite itself would refuse any write a query tried)', async () => {
    expect(Object.keys(QUERY_INPUTS).sort()).toEqual([...queries].sort());
    for (const m of queries) {
      const r = await ro.dispatch(m, QUERY_INPUTS[m]!());
      expect(r, m).toMatchObject({ ok: true });
      if (m === 'report.generate' && r.ok) seeded.reportUrl = (r.value as { html: { urlPath: string } }).html.urlPath;
    }
    const inspected = await ro.dispatch('bundle.inspect', QUERY_INPUTS['bundle.inspect']!());
    expect(inspected).toMatchObject({ ok: true, value: { dryRun: true, added: expect.any(Number) } });
  });

  it('leaves the database file byte for byte as it was', async () => {
    await ro.close();
    expect(sha(dbPath)).toBe(before);
    ro = openWorkbench(dbPath, 'cli', { readOnly: true });
  });
});

describe('opening read-only', () => {
  it('refuses a file that needs migrating, and changes nothing', async () => {
    const dir = tempDir('tpw-ro-');
    try {
      const file = path.join(dir, 'old.db');
      const raw = new BetterSqlite3(file);
      migrate(raw, MIGRATIONS.slice(0, MIGRATIONS.length - 1), { snapshotsDir: path.join(dir, 'snaps') });
      raw.close();
      const hash = sha(file);
      let error: unknown;
      try {
        openDatabase(file, { readOnly: true });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('REFUSED');
      expect((error as AppError).message).toMatch(/needs upgrading to version \d+, which cannot be done read-only/);
      expect(sha(file)).toBe(hash);
      expect(fs.existsSync(path.join(dir, 'old-snapshots'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file that does not exist, and creates nothing', () => {
    const dir = tempDir('tpw-ro-');
    try {
      const file = path.join(dir, 'missing', 'w.db');
      expect(() => openDatabase(file, { readOnly: true })).toThrow(/There is no workbench database at/);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`tpw check` opens read-only: same output, file unchanged, an old file is not migrated', () => {
    const check = tpw(['check', '--db', dbPath]);
    expect(check.status).toBe(0);
    expect(check.stdout).toBe(`Database ${dbPath}\nIntegrity: ok\nSchema version: ${MIGRATIONS.length}\nRecords: all keep the workbench's rules\nAttachments: all present\n`);
    expect(sha(dbPath)).toBe(before);

    const dir = tempDir('tpw-ro-');
    try {
      const old = path.join(dir, 'old.db');
      const raw = new BetterSqlite3(old);
      migrate(raw, MIGRATIONS.slice(0, 2), { snapshotsDir: path.join(dir, 'snaps') });
      raw.close();
      const hash = sha(old);
      const r = tpw(['check', '--db', old, '--json']);
      expect(r.status).toBe(2);
      expect(r.json()).toMatchObject({ error: { code: 'REFUSED', message: expect.stringMatching(/schema version 2/) } });
      expect(sha(old)).toBe(hash);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
