import type { z } from 'zod';
import type { Pilot, PilotInput } from '../../shared/domain/pilot';
import { AppError } from '../../shared/errors';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import * as tables from './records';

export const pilotStore = recordStore(tables.pilot);
export const milestones = recordStore(tables.milestones);
export const organisations = recordStore(tables.organisations);
export const teamMembers = recordStore(tables.teamMembers);
export const themes = recordStore(tables.themes);

/** One pilot per database: created by the first save, updated (with its revision) after. */
export async function savePilot(ctx: ServiceContext, input: { rev?: string | null; pilot: z.output<typeof PilotInput> }): Promise<Pilot> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const existing = await trx.selectFrom('pilot').select(['id', 'rev']).where('deletedAt', 'is', null).executeTakeFirst();
    if (!existing) return pilotStore.insertIn(trx, w, input.pilot);
    if (!input.rev) throw new AppError('CONFLICT', 'A pilot is already set up here; reload and edit it instead.');
    return pilotStore.updateIn(trx, w, { id: existing.id, rev: input.rev, patch: input.pilot });
  });
}

