/** Whether this database holds the demo pilot: a marker beside the data, read by the pilot overview. */
import type { ServiceContext } from '../core/context';

const DEMO_KEY = 'demoPilot';

export async function markDemo(ctx: ServiceContext): Promise<void> {
  await ctx.db.insertInto('meta').values({ key: DEMO_KEY, value: '1' }).onConflict((oc) => oc.column('key').doUpdateSet({ value: '1' })).execute();
}

export async function isDemo(ctx: ServiceContext): Promise<boolean> {
  const row = await ctx.db.selectFrom('meta').select('value').where('key', '=', DEMO_KEY).executeTakeFirst();
  return row?.value === '1';
}
