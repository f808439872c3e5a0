/**
 * The matrix, coverage and per-hypothesis lists against a hand-worked example.
 *
 *            H1          H2          H3          diagnosticity (CC+2 C+1 N0 I−1 II−2; NA ignored)
 *   E1 (cit) CC high     I high      II high     +2 − (−2) = 4
 *   E2       C medium    C low       NA          1 − 1 = 0
 *   E3 (cit) I low       N high      —           0 − (−1) = 1
 *   E4       II low      —           —           one rating → 0
 *
 * Inconsistency (I = 1, II = 2; × high 1, medium 0.5, low 0.25):
 *   H1 = I low 0.25 + II low 0.5 = 0.75;  H2 = I high 1;  H3 = II high 2.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
let H: string[];
let E: string[];

beforeEach(async () => {
  wb = tempWorkbench();
  H = [];
  for (const s of ['H1 falls team', 'H2 more beds', 'H3 nothing changes']) H.push((await wb.call('hypothesis.add', { statement: s })).id);
  E = [];
  for (const [title, citizen] of [['E1 journey', true], ['E2 spend', false], ['E3 story', true], ['E4 audit', false]] as const) {
    E.push((await wb.call('evidence.add', { title, citizenPerspective: citizen })).id);
  }
  const links: [number, number, string, string][] = [
    [0, 0, 'CC', 'high'], [0, 1, 'I', 'high'], [0, 2, 'II', 'high'],
    [1, 0, 'C', 'medium'], [1, 1, 'C', 'low'], [1, 2, 'NA', 'medium'],
    [2, 0, 'I', 'low'], [2, 1, 'N', 'high'],
    [3, 0, 'II', 'low'],
  ];
  for (const [e, h, rating, weight] of links) await wb.call('evidence.link', { evidenceId: E[e]!, hypothesisId: H[h]!, rating, weight } as never);
});
afterEach(async () => {
  await wb.cleanup();
});

describe('the ACH matrix', () => {
  it('scores each hypothesis and each item as worked by hand, most diagnostic first', async () => {
    const m = await wb.call('evidence.matrix', {});
    expect(m.hypotheses.map((h) => [h.statement, h.inconsistency, h.consistentCount, h.inconsistentCount])).toEqual([
      ['H1 falls team', 0.75, 2, 2],
      ['H2 more beds', 1, 1, 1],
      ['H3 nothing changes', 2, 0, 1],
    ]);
    expect(m.rows.map((r) => [r.title, r.diagnosticity])).toEqual([
      ['E1 journey', 4],
      ['E3 story', 1],
      ['E2 spend', 0],
      ['E4 audit', 0],
    ]);
    expect(m.totalRows).toBe(4);
    expect(m.rows[0]!.cells[H[2]!]).toEqual({ rating: 'II', weight: 'high', credibility: 'high', relevance: 'high' });
    expect(m.rows[3]!.cells[H[1]!]).toBeUndefined();
  });

  it('hides non-diagnostic items and can sort by title', async () => {
    const hidden = await wb.call('evidence.matrix', { hideNonDiagnostic: true });
    expect(hidden.rows.map((r) => r.title)).toEqual(['E1 journey', 'E3 story']);
    expect(hidden.totalRows).toBe(2);
    const byTitle = await wb.call('evidence.matrix', { sort: 'title' });
    expect(byTitle.rows.map((r) => r.title)).toEqual(['E1 journey', 'E2 spend', 'E3 story', 'E4 audit']);
  });

  it('rescores on a chosen set of hypotheses (diagnosticity only across those columns)', async () => {
    const m = await wb.call('evidence.matrix', { hypothesisIds: [H[0]!, H[1]!] });
    expect(m.hypotheses).toHaveLength(2);
    // E1 over H1,H2: +2 − (−1) = 3; E3: 0 − (−1) = 1; E2: 0; E4: 0 (one rating).
    expect(m.rows.map((r) => [r.title, r.diagnosticity])).toEqual([['E1 journey', 3], ['E3 story', 1], ['E2 spend', 0], ['E4 audit', 0]]);
  });

  it('rates in place: creates, changes and clears a cell; a deleted item drops out of the scores', async () => {
    await wb.call('evidence.rate', { evidenceId: E[3]!, hypothesisId: H[1]!, rating: 'CC' }); // E4: II and CC → 4
    let m = await wb.call('evidence.matrix', {});
    expect(m.rows.find((r) => r.title === 'E4 audit')!.diagnosticity).toBe(4);
    await wb.call('evidence.rate', { evidenceId: E[3]!, hypothesisId: H[0]!, rating: 'C', weight: 'high' }); // H1 loses 0.5
    m = await wb.call('evidence.matrix', {});
    expect(m.hypotheses[0]!.inconsistency).toBe(0.25);
    await wb.call('evidence.rate', { evidenceId: E[3]!, hypothesisId: H[1]!, rating: null });
    m = await wb.call('evidence.matrix', {});
    expect(m.rows.find((r) => r.title === 'E4 audit')!.cells[H[1]!]).toBeUndefined();

    const e1 = await wb.call('evidence.get', { id: E[0]! });
    await wb.call('evidence.delete', { id: e1.id, rev: e1.rev });
    m = await wb.call('evidence.matrix', {});
    expect(m.hypotheses.map((h) => h.inconsistency)).toEqual([0.25, 0, 0]);
    expect(m.rows.map((r) => r.title)).not.toContain('E1 journey');
  });

  it('refuses a rating outside the scale and a second link for the same pair, changing nothing', async () => {
    const bad = await wb.dispatch('evidence.rate', { evidenceId: E[0]!, hypothesisId: H[0]!, rating: 'X' });
    expect(bad.ok || bad.error).toMatchObject({ code: 'INVALID_INPUT', fields: { rating: 'Rating must be one of CC, C, N, I, II, NA' } });
    const badWeight = await wb.dispatch('evidence.link', { evidenceId: E[3]!, hypothesisId: H[2]!, rating: 'C', weight: 'enormous' });
    expect(badWeight.ok || badWeight.error.code).toBe('INVALID_INPUT');
    const twice = await wb.dispatch('evidence.link', { evidenceId: E[0]!, hypothesisId: H[0]!, rating: 'C' });
    expect(twice.ok || twice.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already linked') });
    const m = await wb.call('evidence.matrix', {});
    expect(m.rows[0]!.cells[H[0]!]).toEqual({ rating: 'CC', weight: 'high', credibility: 'high', relevance: 'high' });
    expect(m.rows.find((r) => r.title === 'E4 audit')!.cells[H[2]!]).toBeUndefined();
  });
});

describe('coverage and each hypothesis’s evidence', () => {
  it('counts evidence, citizen evidence, support (CC, C) and contradiction (I, II) per hypothesis', async () => {
    const cov = await wb.call('evidence.coverage', {});
    expect(cov).toEqual([
      { hypothesisId: H[0], evidenceCount: 4, citizenCount: 2, supportingCount: 2, contradictingCount: 2 },
      { hypothesisId: H[1], evidenceCount: 3, citizenCount: 2, supportingCount: 1, contradictingCount: 1 },
      { hypothesisId: H[2], evidenceCount: 2, citizenCount: 1, supportingCount: 0, contradictingCount: 1 },
    ]);
  });

  it('lists a hypothesis’s evidence, most supportive first', async () => {
    const rows = await wb.call('evidence.forHypothesis', { id: H[0]! });
    expect(rows.map((r) => [r.title, r.rating, r.weight, r.citizenPerspective])).toEqual([
      ['E1 journey', 'CC', 'high', true],
      ['E2 spend', 'C', 'medium', false],
      ['E3 story', 'I', 'low', true],
      ['E4 audit', 'II', 'low', false],
    ]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['citizenPerspective', 'credibility', 'evidenceId', 'kind', 'note', 'rating', 'relevance', 'sensitivity', 'summary', 'title', 'weight']);
  });

  it('unlinks to the recycle bin; the pair can then be linked afresh', async () => {
    const e2 = await wb.call('evidence.get', { id: E[1]! });
    const link = e2.links.find((l) => l.hypothesisId === H[0])!;
    expect(link.hypothesisStatement).toBe('H1 falls team');
    await wb.call('evidence.unlink', { id: link.id, rev: link.rev });
    expect((await wb.call('evidence.coverage', {}))[0]!.evidenceCount).toBe(3);
    await wb.call('evidence.link', { evidenceId: E[1]!, hypothesisId: H[0]!, rating: 'N', note: 'Re-read: neutral' });
    const again = await wb.call('evidence.forHypothesis', { id: H[0]! });
    expect(again.find((r) => r.title === 'E2 spend')).toMatchObject({ rating: 'N', weight: 'medium', note: 'Re-read: neutral' });
  });
});
