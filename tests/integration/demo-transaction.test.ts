/**
 * The demo pilot is built in ONE transaction: a step that fails partway (here after the real
 * step has already written its rows) leaves the database exactly as it was, row for row, in
 * every table — including the spend lines the importer writes straight through better-sqlite3.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/api/dispatcher';
import type { ServiceContext } from '../../main/core/context';
import type { Dispatch } from '../../main/core/workbench';
import { createDemo } from '../../main/demo/build';
import { fail } from '../../shared/result';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

/** Every row of every table (virtual tables' shadow tables included), in rowid order. */
function everyRow(ctx: ServiceContext): Record<string, unknown[]> {
  const tables = ctx.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, ctx.sqlite.prepare(`SELECT * FROM "${name}"`).raw().all()]));
}

/**
 * The real dispatcher, except that the `nth` call of `method` — after it has run and written its
 * rows — answers with a failure, as a step refused or crashing would.
 */
const failingAfter =
  (method: string, nth: number) =>
  (ctx: ServiceContext): Dispatch => {
    const real = createDispatcher({ ...ctx, writes: undefined });
    let seen = 0;
    return (async (m: string, input: unknown) => {
      const r = await real(m, input);
      if (m === method && ++seen === nth) return fail('INTERNAL', `Injected failure after ${m}.`);
      return r;
    }) as Dispatch;
  };

describe('pilot.createDemo is all or nothing', () => {
  let wb: TestWorkbench;
  afterEach(async () => wb?.cleanup());

  it.each([
    ['the second spend import', 'spend.import', 2],
    ['the very last step (the benefit)', 'benefit.add', 1],
    ['the first evidence rating', 'evidence.rate', 1],
  ])('leaves every table unchanged when %s fails', async (_what, method, nth) => {
    wb = tempWorkbench();
    await wb.call('system.setActor', { actor: 'Real Person' });
    const before = everyRow(wb.ctx);
    await expect(createDemo(wb.ctx, failingAfter(method, nth))).rejects.toThrow(`Building the demo stopped at ${method}: Injected failure`);
    expect(wb.ctx.sqlite.inTransaction).toBe(false);
    expect(everyRow(wb.ctx)).toEqual(before);
    const overview = await wb.call('pilot.overview', {});
    expect(overview.pilot).toBeNull();
    expect(overview.demo).toBe(false);
  });

  it('after a failed attempt, the demo builds whole and is kept', async () => {
    wb = tempWorkbench();
    await expect(createDemo(wb.ctx, failingAfter('spend.import', 1))).rejects.toThrow(/Nothing of the demo was kept/);
    const made = await wb.call('pilot.createDemo', {});
    expect(made.spendFiles).toBe(2);
    const files = await wb.call('spend.files', {});
    expect(files).toHaveLength(2);
    const evidence = await wb.call('evidence.list', {});
    expect(evidence.total).toBe(made.evidence);
    expect((await wb.call('pilot.overview', {})).demo).toBe(true);
  });
});
