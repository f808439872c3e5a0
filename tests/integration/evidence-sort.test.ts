/**
 * The evidence list is paged by the server, so the server sorts it: `sort` and `direction` are
 * parsed (whitelisted columns only), blanks come last either way, ties are broken by id so pages
 * never overlap or skip, and callers that send neither keep the newest-first order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceListRow } from '../../shared/domain/evidence';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
const titles = ['banana', 'Apple', 'cherry', 'apple', 'Date'];
const observed = ['2025-03-01', null, '2024-01-15', '2025-03-01', null];

beforeAll(async () => {
  wb = tempWorkbench();
  for (let i = 0; i < titles.length; i++) {
    await wb.call('evidence.add', { title: titles[i]!, kind: i % 2 ? 'observation' : 'document', sensitivity: i === 2 ? 'personal' : 'public', observedOn: observed[i] ?? null });
  }
});
afterAll(async () => wb.cleanup());

const list = async (input: Record<string, unknown>) => (await wb.call('evidence.list', input as never)).items as EvidenceListRow[];
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('evidence.list sorting', () => {
  it('keeps newest first when no sort is given (existing callers unchanged)', async () => {
    const rows = await list({});
    expect(rows.map((r) => r.title)).toEqual([...titles].reverse());
  });

  it('sorts by title, ignoring case, ties broken by id in the same direction', async () => {
    const rows = await list({ sort: 'title' });
    expect(rows.map((r) => r.title.toLowerCase())).toEqual(['apple', 'apple', 'banana', 'cherry', 'date']);
    const apples = rows.slice(0, 2).map((r) => r.id);
    expect(apples).toEqual([...apples].sort(byId));
    const down = await list({ sort: 'title', direction: 'desc' });
    expect(down.map((r) => r.id)).toEqual(rows.map((r) => r.id).reverse());
  });

  it('puts items with no date observed last, whichever way round', async () => {
    const up = await list({ sort: 'observed' });
    expect(up.map((r) => r.observedOn)).toEqual(['2024-01-15', '2025-03-01', '2025-03-01', null, null]);
    const down = await list({ sort: 'observed', direction: 'desc' });
    expect(down.map((r) => r.observedOn)).toEqual(['2025-03-01', '2025-03-01', '2024-01-15', null, null]);
  });

  it('sorts sensitivity from most open to most closely held', async () => {
    const rows = await list({ sort: 'sensitivity', direction: 'desc' });
    expect(rows[0]!.sensitivity).toBe('personal');
  });

  it('pages through a sorted list without overlap or gaps', async () => {
    const whole = (await list({ sort: 'observed', limit: 500 })).map((r) => r.id);
    const paged: string[] = [];
    for (let offset = 0; offset < whole.length; offset += 2) paged.push(...(await list({ sort: 'observed', limit: 2, offset })).map((r) => r.id));
    expect(paged).toEqual(whole);
  });

  it('refuses a column it does not know, with a clear message, and runs no SQL from the caller', async () => {
    const r = await wb.dispatch('evidence.list', { sort: 'title; drop table evidence_items' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
    expect(!r.ok && JSON.stringify(r.error)).toMatch(/Sort by one of added, title/);
    const d = await wb.dispatch('evidence.list', { sort: 'title', direction: 'up' });
    expect(!d.ok && JSON.stringify(d.error)).toMatch(/Direction is asc or desc/);
    expect((await list({})).length).toBe(5);
  });
});
