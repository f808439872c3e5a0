import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNIPPET_END, SNIPPET_START } from '../../shared/domain/evidence';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
beforeEach(() => {
  wb = tempWorkbench();
});
afterEach(async () => {
  await wb.cleanup();
});

const add = (title: string, extra: Record<string, unknown> = {}) => wb.call('evidence.add', { title, ...extra } as never);

describe('evidence items', () => {
  it('adds an item with safe defaults; citizen-insight kinds mark the citizen perspective unless told otherwise', async () => {
    const doc = await add('Hospital discharge policy');
    expect(doc).toMatchObject({ kind: 'document', sensitivity: 'team', citizenPerspective: false, tags: [], attachments: [], links: [] });
    const story = await add('Mrs B and the seven assessments', { kind: 'citizen_story', tags: ['Falls', 'falls', ' older people '] });
    expect(story.citizenPerspective).toBe(true);
    expect(story.tags).toEqual(['Falls', 'older people']);
    const survey = await add('Survey, staff-completed', { kind: 'citizen_survey', citizenPerspective: false });
    expect(survey.citizenPerspective).toBe(false);
  });

  it('refuses bad input with a specific message and writes nothing', async () => {
    const bad = [
      [{ title: '  ' }, 'title', 'The title is required'],
      [{ title: 'x', kind: 'rumour' }, 'kind', 'Kind must be one of'],
      [{ title: 'x', sensitivity: 'secret' }, 'sensitivity', 'Sensitivity must be one of'],
      [{ title: 'x', observedOn: '2026-02-30' }, 'observedOn', 'That day does not exist'],
    ] as const;
    for (const [input, field, message] of bad) {
      const r = await wb.dispatch('evidence.add', input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.fields?.[field]).toContain(message);
      }
    }
    const r = await wb.dispatch('evidence.add', { title: 'x', organisationId: '01900000-0000-7000-8000-000000000000' });
    expect(r.ok || r.error).toMatchObject({ code: 'INVALID_INPUT', message: 'That organisation does not exist (it may have been deleted).' });
    expect((await wb.call('evidence.list', {})).total).toBe(0);
  });

  it('edits with the revision read, refuses a stale edit, and deletes to the recycle bin and back', async () => {
    const e = await add('Draft title');
    const edited = await wb.call('evidence.update', { id: e.id, rev: e.rev, patch: { title: 'Final title', tags: ['a'] } });
    expect(edited.title).toBe('Final title');
    const stale = await wb.dispatch('evidence.update', { id: e.id, rev: e.rev, patch: { title: 'Lost edit' } });
    expect(stale.ok || stale.error.code).toBe('CONFLICT');
    await wb.call('evidence.delete', { id: e.id, rev: edited.rev });
    expect((await wb.call('evidence.list', {})).total).toBe(0);
    expect((await wb.call('recycleBin.list', {})).map((d) => d.label)).toContain('Evidence item: Final title');
    await wb.call('recycleBin.restore', { table: 'evidenceItems', id: e.id });
    expect((await wb.call('evidence.get', { id: e.id })).title).toBe('Final title');
  });
});

describe('the evidence list', () => {
  it('combines filters: kind, sensitivity, tag, organisation, hypothesis, citizen perspective and words', async () => {
    const org = await wb.call('organisation.add', { name: 'County Council', type: 'council' });
    const h = await wb.call('hypothesis.add', { statement: 'A falls service saves money' });
    const a = await add('Falls journey map', { kind: 'citizen_journey', sensitivity: 'partners', tags: ['falls'], organisationId: org.id });
    await add('Falls spend', { kind: 'spend_analysis', sensitivity: 'partners', tags: ['falls'], organisationId: org.id });
    await add('Falls interview', { kind: 'citizen_interview', sensitivity: 'personal', tags: ['falls'] });
    await add('Drug treatment outcomes', { kind: 'performance_data', sensitivity: 'public', tags: ['drugs'] });
    await wb.call('evidence.link', { evidenceId: a.id, hypothesisId: h.id, rating: 'C' });

    const titles = async (f: Record<string, unknown>) => (await wb.call('evidence.list', f as never)).items.map((i) => i.title).sort();
    expect(await titles({})).toHaveLength(4);
    expect(await titles({ tag: 'FALLS' })).toEqual(['Falls interview', 'Falls journey map', 'Falls spend']);
    expect(await titles({ tag: 'falls', citizenPerspective: true })).toEqual(['Falls interview', 'Falls journey map']);
    expect(await titles({ tag: 'falls', citizenPerspective: true, sensitivity: 'partners' })).toEqual(['Falls journey map']);
    expect(await titles({ organisationId: org.id, kind: 'spend_analysis' })).toEqual(['Falls spend']);
    expect(await titles({ hypothesisId: h.id })).toEqual(['Falls journey map']);
    expect(await titles({ citizenPerspective: false })).toEqual(['Drug treatment outcomes', 'Falls spend']);
    expect(await titles({ text: 'falls', kind: 'citizen_interview' })).toEqual(['Falls interview']);
    const row = (await wb.call('evidence.list', { hypothesisId: h.id })).items[0]!;
    expect(row).toMatchObject({ linkCount: 1, attachmentCount: 0, citizenPerspective: true, tags: ['falls'] });
  });

  it('pages server-side, newest first, with the total', async () => {
    for (let i = 1; i <= 7; i++) await add(`Item ${i}`);
    const p1 = await wb.call('evidence.list', { limit: 3, offset: 0 });
    const p3 = await wb.call('evidence.list', { limit: 3, offset: 6 });
    expect(p1.total).toBe(7);
    expect(p1.items.map((i) => i.title)).toEqual(['Item 7', 'Item 6', 'Item 5']);
    expect(p3.items.map((i) => i.title)).toEqual(['Item 1']);
  });
});

describe('full-text search', () => {
  it('ranks a title match above a passing mention and highlights the words', async () => {
    await add('Budget notes', { summary: 'One line mentions reablement among many other things to discuss at length.' });
    await add('Reablement outcomes', { summary: 'Home care after hospital.' });
    const hits = await wb.call('evidence.search', { query: 'reablement' });
    expect(hits.map((h) => h.title)).toEqual(['Reablement outcomes', 'Budget notes']);
    expect(hits[1]!.snippet).toContain(`${SNIPPET_START}reablement${SNIPPET_END}`);
  });

  it('stems words (porter), matches tags, prefixes the last word, and treats FTS syntax as text', async () => {
    await add('Hospital admissions after falls', { tags: ['frailty'] });
    expect((await wb.call('evidence.search', { query: 'admission' })).length).toBe(1); // admissions → admiss
    expect((await wb.call('evidence.search', { query: 'frail' })).length).toBe(1);
    expect((await wb.call('evidence.search', { query: 'hospital NEAR("x' })).length).toBe(0);
    expect((await wb.call('evidence.search', { query: 'falls OR' })).length).toBe(0);
  });

  it('follows edits, deletes and restores in the same transaction', async () => {
    const e = await add('Carers assessment backlog');
    const renamed = await wb.call('evidence.update', { id: e.id, rev: e.rev, patch: { title: 'Respite waiting list' } });
    expect(await wb.call('evidence.search', { query: 'backlog' })).toEqual([]);
    expect((await wb.call('evidence.search', { query: 'respite' })).length).toBe(1);
    await wb.call('evidence.delete', { id: e.id, rev: renamed.rev });
    expect(await wb.call('evidence.search', { query: 'respite' })).toEqual([]);
    await wb.call('recycleBin.restore', { table: 'evidenceItems', id: e.id });
    expect((await wb.call('evidence.search', { query: 'respite' })).map((h) => h.evidenceId)).toEqual([e.id]);
  });

  it('refuses an empty search with a clear message', async () => {
    const r = await wb.dispatch('evidence.search', { query: '   ' });
    expect(r.ok || r.error.fields?.query).toBe('Type something to search for');
  });
});

describe('search with very many matches', () => {
  it('ranks every match by bm25, so the best match is found however old it is (issue 13)', async () => {
    const { searchEvidence } = await import('../../main/evidence/search');
    await add('Falls falls falls', { summary: 'falls falls' }); // the best match, but the oldest
    for (let i = 0; i < 30; i++) await add(`Falls note ${i}`, { summary: 'a long note that mentions the topic once among many other words about other things entirely' });
    await add('Unrelated');
    const top = searchEvidence(wb.ctx.sqlite, 'falls', 5);
    // The old code ranked only the newest matches (a window), so the oldest, best match fell out.
    expect(top.map((h) => h.title)[0]).toBe('Falls falls falls');
    expect(top).toHaveLength(5);
    // Ties are broken newest first.
    expect(top.slice(1).map((h) => h.title)).toEqual(['Falls note 29', 'Falls note 28', 'Falls note 27', 'Falls note 26']);
  });
});
