/**
 * Who is making the changes from this laptop (the first-run question, and Set-up → You), and the
 * work assigned to them. The name is what every revision made here records as its actor; in a
 * team it is also published (signed) as this member's name, so history and conflicts show it.
 */
import os from 'node:os';
import type { AssignedWork, MeView } from '../../shared/domain/team';
import { LIVE_ACTION_STATUSES } from '../../shared/domain/learning';
import { insertRecord, updateRecord, type WriteContext } from '../db/records';
import { requireRecordTable } from '../core/recordTables';
import type { ServiceContext } from '../core/context';
import { listHypotheses } from '../hypotheses/queries';
import { listActions } from '../momentum/queries';
import { evidenceToCollect } from '../evidence/queries';
import { listOrganisations } from '../pilot/queries';
import { publishProfile } from './profile';

const computerName = (): string => {
  try {
    return os.userInfo().username || 'this computer’s user';
  } catch {
    return 'this computer’s user';
  }
};

async function meta(ctx: ServiceContext, key: string): Promise<string | null> {
  return (await ctx.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
}

export async function getMe(ctx: ServiceContext): Promise<MeView> {
  const name = await meta(ctx, 'actor');
  return {
    name,
    organisation: await meta(ctx, 'homeOrganisation'),
    prompt: name === null,
    computerName: computerName(),
    organisations: (await listOrganisations(ctx)).map((o) => o.name),
  };
}

/**
 * Saves who this is, in one transaction: the name (recorded with every change from now on), the
 * home organisation (added to the pilot's organisations if new), and this person in the pilot's
 * team list (linked, so "Assigned to me" finds the hypotheses they own).
 */
export async function setMe(ctx: ServiceContext, input: { name: string; organisation: string | null }): Promise<MeView> {
  const w: WriteContext = { actor: input.name, now: ctx.now().toISOString() };
  const previous = await meta(ctx, 'actor');
  await ctx.db.transaction().execute(async (trx) => {
    const put = (key: string, value: string) => trx.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    await put('actor', input.name);
    if (input.organisation) await put('homeOrganisation', input.organisation);
    else await trx.deleteFrom('meta').where('key', '=', 'homeOrganisation').execute();

    let organisationId: string | null = null;
    if (input.organisation) {
      const org = await trx.selectFrom('organisations').select('id').where('deletedAt', 'is', null).where((eb) => eb(eb.fn('lower', ['name']), '=', input.organisation!.toLowerCase())).executeTakeFirst();
      organisationId = org?.id ?? ((await insertRecord(trx, requireRecordTable('organisations'), { name: input.organisation, type: 'other', notes: null }, w)).id as string);
    }
    const people = requireRecordTable('teamMembers');
    const linked = await trx.selectFrom('meta').select('value').where('key', '=', 'teamMemberId').executeTakeFirst();
    const names = [input.name, previous].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase());
    const person =
      (linked ? await trx.selectFrom('teamMembers').select(['id', 'rev', 'name', 'organisationId']).where('id', '=', linked.value).where('deletedAt', 'is', null).executeTakeFirst() : undefined) ??
      (await trx.selectFrom('teamMembers').select(['id', 'rev', 'name', 'organisationId']).where('deletedAt', 'is', null).where((eb) => eb(eb.fn('lower', ['name']), 'in', names)).orderBy('createdAt').executeTakeFirst());
    let personId: string;
    if (person) {
      personId = person.id;
      const patch: Record<string, unknown> = {};
      if (person.name !== input.name) patch.name = input.name;
      if (organisationId && person.organisationId !== organisationId) patch.organisationId = organisationId;
      if (Object.keys(patch).length) await updateRecord(trx, people, person.id, person.rev, patch, w);
    } else {
      personId = (await insertRecord(trx, people, { name: input.name, organisationId, role: null }, w)).id as string;
    }
    await put('teamMemberId', personId);
  });
  await publishProfile(ctx, { name: input.name, organisation: input.organisation });
  return getMe(ctx);
}

const OPEN_HYPOTHESES = new Set(['proposed', 'testing']);

/** Open hypotheses they own, live actions they own, and evidence they are to collect. */
export async function assignedToMe(ctx: ServiceContext): Promise<AssignedWork> {
  const name = await meta(ctx, 'actor');
  if (!name) return { name: null, hypotheses: [], actions: [], evidence: [] };
  const lower = name.trim().toLowerCase();
  const linked = await meta(ctx, 'teamMemberId');
  const people = await ctx.db.selectFrom('teamMembers').select(['id', 'name']).where('deletedAt', 'is', null).execute();
  const ids = new Set(people.filter((p) => p.id === linked || p.name.trim().toLowerCase() === lower).map((p) => p.id));
  const hypotheses = [];
  for (const ownerId of ids) {
    for (const h of await listHypotheses(ctx, { ownerId })) if (OPEN_HYPOTHESES.has(h.status)) hypotheses.push({ id: h.id, statement: h.statement, status: h.status, dueDate: h.dueDate });
  }
  hypotheses.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.statement.localeCompare(b.statement));
  const actions = (await listActions(ctx, { owner: name }))
    .filter((a) => (a.owner ?? '').trim().toLowerCase() === lower && LIVE_ACTION_STATUSES.includes(a.status))
    .map((a) => ({ id: a.id, title: a.title, status: a.status, dueDate: a.dueDate }));
  return { name, hypotheses, actions, evidence: await evidenceToCollect(ctx, name) };
}
