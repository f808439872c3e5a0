import path from 'node:path';
import type { SystemInfo } from '../../shared/contract/system';
import { schemaVersionOf } from '../db/migrate';
import { currentActor, type ServiceContext } from '../core/context';

export async function systemInfo(ctx: ServiceContext): Promise<SystemInfo> {
  const integrity = ctx.sqlite.pragma('integrity_check', { simple: true }) as string;
  return {
    appVersion: ctx.appVersion,
    schemaVersion: schemaVersionOf(ctx.sqlite),
    // Browser mode: the file's name only; its folder on this computer is not the browser's business.
    dbPath: ctx.mode === 'browser' ? path.basename(ctx.dbPath) : ctx.dbPath,
    integrity,
    actor: await currentActor(ctx),
    mode: ctx.mode === 'desktop' ? 'desktop' : 'browser',
  };
}

export async function setActor(ctx: ServiceContext, actor: string): Promise<{ actor: string }> {
  await ctx.db
    .insertInto('meta')
    .values({ key: 'actor', value: actor })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: actor }))
    .execute();
  return { actor };
}
