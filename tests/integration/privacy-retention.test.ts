/**
 * Issue 14 (retention): a period per sensitivity (the team's rule, else IT's policy, else personal
 * data 12 months after the pilot ends), a per-item review date, the "due for review" list, and the
 * three decisions at review: keep (with a reason and a new date), anonymise, erase. On the old code
 * none of these methods existed, and IT's retentionMonths was read but applied to nothing.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_POLICY } from '../../main/core/policy';
import { addMonths } from '../../main/privacy/retention';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

const NOW = new Date('2027-06-01T10:00:00Z');
let wb: TestWorkbench;
beforeEach(async () => {
  wb = tempWorkbench({ now: () => NOW });
  await wb.call('pilot.save', { pilot: { place: 'Avonford', question: 'How can we secure improved outcomes at less cost?', startDate: '2025-04-01', reportDeadline: '2026-03-31' } });
});
afterEach(async () => {
  await wb.cleanup();
});

const ids = (list: { evidenceId: string }[]) => list.map((i) => i.evidenceId).sort();

describe('retention', () => {
  it('adds months to a date as people count them', () => {
    expect(addMonths('2026-03-31', 12)).toBe('2027-03-31');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
  });

  it('lists what is due by rule (team, then IT policy, then the default) and by a date set by hand', async () => {
    const personal = await wb.call('evidence.add', { title: 'Interview', kind: 'citizen_interview', sensitivity: 'personal' });
    const team = await wb.call('evidence.add', { title: 'Case notes', kind: 'observation', sensitivity: 'team' });
    const pub = await wb.call('evidence.add', { title: 'Published survey', kind: 'citizen_survey', sensitivity: 'public' });

    let o = await wb.call('retention.overview', {});
    expect(o.pilotEnds).toBe('2026-03-31');
    expect(o.rules.find((r) => r.sensitivity === 'personal')).toEqual({ sensitivity: 'personal', months: 12, source: 'default' });
    expect(o.due.map((d) => [d.evidenceId, d.reviewOn])).toEqual([[personal.id, '2027-03-31']]);

    // IT's policy applies where the team set nothing.
    wb.ctx.policy = { ...NO_POLICY, sources: { retentionMonths: 'policy.json' }, retentionMonths: { team: 6 } };
    o = await wb.call('retention.overview', {});
    expect(o.rules.find((r) => r.sensitivity === 'team')).toEqual({ sensitivity: 'team', months: 6, source: 'policy' });
    expect(ids(o.due)).toEqual([personal.id, team.id].sort());

    // The team's rule wins; "keep" (null) means no period.
    o = await wb.call('retention.setRule', { sensitivity: 'team', months: null });
    expect(ids(o.due)).toEqual([personal.id]);

    // A date set for one item overrides its rule.
    o = await wb.call('retention.setReviewDate', { evidenceId: pub.id, reviewOn: '2027-05-01' });
    expect(o.due.find((d) => d.evidenceId === pub.id)).toMatchObject({ reviewOn: '2027-05-01', overridden: true, due: true });
    expect(await wb.dispatch('retention.setRule', { sensitivity: 'team', months: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('keep: needs a reason and a later date, then the item is not due until then', async () => {
    const item = await wb.call('evidence.add', { title: 'Interview', kind: 'citizen_interview', sensitivity: 'personal' });
    expect(await wb.dispatch('retention.decide', { decision: 'keep', evidenceId: item.id, reason: 'Still in use', until: '2027-01-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await wb.dispatch('retention.decide', { decision: 'keep', evidenceId: item.id, reason: '', until: '2028-01-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await wb.call('retention.decide', { decision: 'keep', evidenceId: item.id, reason: 'Needed for the final evaluation', until: '2028-01-01' });
    const o = await wb.call('retention.overview', {});
    expect(o.due).toEqual([]);
    expect(o.upcoming).toEqual([]);
  });

  it('anonymise: the record and its ratings stay, its text, quotes, files and older revisions go', async () => {
    const h = await wb.call('hypothesis.add', { statement: 'Families see too many workers' });
    const item = await wb.call('evidence.add', { title: 'Interview with Ms Quillfeather', kind: 'citizen_interview', sensitivity: 'personal', summary: 'Ms Quillfeather said five workers came.', tags: ['Quillfeather'] });
    await wb.call('evidence.update', { id: item.id, rev: item.rev, patch: { summary: 'Ms Quillfeather said six workers came.' } });
    await wb.call('evidence.link', { evidenceId: item.id, hypothesisId: h.id, rating: 'CC', note: 'Quillfeather is clear about it' });
    await wb.call('quote.add', { evidenceId: item.id, text: 'six workers, Quillfeather said', codeIds: [] });
    const r = await wb.call('retention.decide', { decision: 'anonymise', evidenceId: item.id, reason: 'Retention period ended; ratings still used' });
    expect(r.erasure!.log).toMatchObject({ action: 'anonymise', source: 'retention', counts: { Quote: 1 } });
    const after = await wb.call('evidence.get', { id: item.id });
    expect(after).toMatchObject({ title: 'Anonymised citizen insight — interview', summary: null, tags: [], sensitivity: 'team' });
    expect(after.links).toHaveLength(1);
    expect(after.links[0]).toMatchObject({ rating: 'CC', note: null });
    expect(wb.ctx.sqlite.prepare('SELECT count(*) AS n FROM evidence_quotes WHERE evidence_id = ?').get(item.id)).toEqual({ n: 0 });
    expect(await wb.call('record.history', { table: 'evidenceItems', id: item.id })).toHaveLength(1);
    expect(await wb.call('sar.search', { text: 'Quillfeather' })).toMatchObject({ hits: [] });
    const bytes = fs.readFileSync(wb.dbPath);
    expect(bytes.includes(Buffer.from('quillfeather'))).toBe(false);
    expect(bytes.includes(Buffer.from('Quillfeather'))).toBe(false);
  });

  it('erase at review: recorded as a retention erasure', async () => {
    const item = await wb.call('evidence.add', { title: 'Interview', kind: 'citizen_interview', sensitivity: 'personal' });
    expect((await wb.call('retention.overview', {})).due).toHaveLength(1);
    await wb.call('retention.decide', { decision: 'erase', evidenceId: item.id, reason: 'Retention period ended' });
    expect((await wb.call('retention.overview', {})).due).toEqual([]);
    expect(await wb.call('erasure.log', {})).toMatchObject([{ recordId: item.id, source: 'retention', action: 'erase' }]);
  });
});
