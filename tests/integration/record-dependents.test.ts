/**
 * Issue 15: "every destructive action on something in use asks first and names what depends on
 * it". `record.dependents` answers for any record: records that refer to it by kind, records
 * linked to it counted by what is on the other side of the link (each once), and spend. Real
 * SQLite in a temp folder; the figures are worked out by hand from what each test adds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
afterEach(async () => wb?.cleanup());

const counts = (d: { items: { table: string; count: number }[] }) => Object.fromEntries(d.items.map((i) => [i.table, i.count]));

describe('record.dependents', () => {
  it('names a hypothesis’s linked evidence, interventions and learning, each linked record once', async () => {
    wb = tempWorkbench();
    const h = await wb.call('hypothesis.add', { statement: 'Joint triage cuts repeat falls' });
    const e1 = await wb.call('evidence.add', { title: 'Falls audit', kind: 'document', sensitivity: 'team' });
    const e2 = await wb.call('evidence.add', { title: 'Mrs B’s journey', kind: 'citizen_interview', sensitivity: 'team' });
    const e3 = await wb.call('evidence.add', { title: 'Unlinked later', kind: 'document', sensitivity: 'team' });
    await wb.call('evidence.link', { evidenceId: e1.id, hypothesisId: h.id, rating: 'C' });
    await wb.call('evidence.link', { evidenceId: e2.id, hypothesisId: h.id, rating: 'CC' });
    const gone = await wb.call('evidence.link', { evidenceId: e3.id, hypothesisId: h.id, rating: 'N' });
    await wb.call('evidence.unlink', { id: gone.id, rev: gone.rev });
    const i = await wb.call('intervention.add', { name: 'Falls prevention', startYear: '2024-25', years: 3 });
    await wb.call('interventionLink.add', { interventionId: i.id, hypothesisId: h.id });
    await wb.call('learning.add', { kind: 'failed', title: 'Triage rota collapsed', occurredOn: '2026-02-01', hypothesisIds: [h.id] });

    const d = await wb.call('record.dependents', { table: 'hypotheses', id: h.id });
    expect(counts(d)).toEqual({ evidenceItems: 2, interventions: 1, learningEntries: 1 });
    expect(d.items.find((x) => x.table === 'learningEntries')).toMatchObject({ singular: 'learning entry', plural: 'learning entries' });
    expect(d.spendRows).toBe(0);
  });

  it('names an evidence item’s quotes, the hypotheses it supports and the estimates citing it', async () => {
    wb = tempWorkbench();
    const h1 = await wb.call('hypothesis.add', { statement: 'A' });
    const h2 = await wb.call('hypothesis.add', { statement: 'B' });
    const e = await wb.call('evidence.add', { title: 'Falls audit', kind: 'document', sensitivity: 'team', summary: 'Falls audit: 412 admissions' });
    await wb.call('evidence.link', { evidenceId: e.id, hypothesisId: h1.id, rating: 'C' });
    await wb.call('evidence.link', { evidenceId: e.id, hypothesisId: h2.id, rating: 'I' });
    for (const text of ['Falls audit', '412 admissions']) await wb.call('quote.add', { evidenceId: e.id, attachmentId: null, startOffset: null, text, speaker: null, codeIds: [], note: null });
    const i = await wb.call('intervention.add', { name: 'Falls prevention', startYear: '2024-25', years: 3 });
    await wb.call('interventionLink.add', { interventionId: i.id, evidenceId: e.id });

    expect(counts(await wb.call('record.dependents', { table: 'evidenceItems', id: e.id }))).toEqual({ hypotheses: 2, evidenceQuotes: 2, interventions: 1 });
    // Nothing refers to a hypothesis's other side once it is gone.
    await wb.call('hypothesis.delete', { id: h1.id, rev: (await wb.call('hypothesis.get', { id: h1.id })).rev });
    expect(counts(await wb.call('record.dependents', { table: 'hypotheses', id: h2.id }))).toEqual({ evidenceItems: 1 });
  });

  it('names the estimate lines that price with a unit cost, and the spend a rule themed', async () => {
    wb = tempWorkbench();
    const cost = await wb.call('unitCost.add', { code: 'CR1.0', description: 'Crime incident', unit: 'per incident', agency: 'Police', valuePence: 320000, priceYear: '2023-24' });
    const i = await wb.call('intervention.add', { name: 'Diversion', startYear: '2024-25', years: 2 });
    for (const label of ['Fewer incidents', 'Fewer repeat incidents']) {
      await wb.call('estimateLine.add', { interventionId: i.id, kind: 'benefit', label, unitCostId: cost.id, volumes: [{ low: 1, central: 1, high: 1 }, { low: 1, central: 1, high: 1 }] });
    }
    expect(counts(await wb.call('record.dependents', { table: 'unitCosts', id: cost.id }))).toEqual({ estimateLines: 2 });
    const unused = await wb.call('unitCost.add', { code: 'CR2.0', description: 'Burglary', unit: 'per incident', agency: 'Police', valuePence: 100, priceYear: '2023-24' });
    expect(await wb.call('record.dependents', { table: 'unitCosts', id: unused.id })).toEqual({ items: [], spendPence: 0, spendRows: 0 });

    // Two of three lines are care suppliers: £100.00 + £7.25 themed by the rule, the £20.50 not.
    const theme = await wb.call('theme.add', { name: 'Older people' });
    const { rule } = await wb.call('spendRule.add', { field: 'supplier', op: 'contains', pattern: 'care', themeId: theme.id });
    const csv = path.join(tempDir(), 'spend.csv');
    fs.writeFileSync(csv, 'Date,Supplier,Amount\n01/04/2020,Acme Care Ltd,100.00\n02/04/2020,Widgets plc,20.50\n03/04/2020,Homecare Co,7.25\n');
    await wb.call('spend.import', { uploadId: (await wb.call('upload.fromPath', { path: csv })).uploadId, organisation: 'Anytown Council' });
    expect(await wb.call('record.dependents', { table: 'spendRules', id: rule.id })).toEqual({ items: [], spendPence: 10725, spendRows: 2 });
    expect(await wb.call('record.dependents', { table: 'themes', id: theme.id })).toMatchObject({ items: [{ table: 'spendRules', count: 1 }], spendPence: 10725, spendRows: 2 });
  });

  it('refuses a table that is not a kind of record, plainly', async () => {
    wb = tempWorkbench();
    const r = await wb.dispatch('record.dependents', { table: 'spend_lines', id: (await wb.call('hypothesis.add', { statement: 'A' })).id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('"spend_lines" is not a kind of record');
  });
});
