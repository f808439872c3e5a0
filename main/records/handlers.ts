import type { recordsContract } from '../../shared/contract/records';
import type { Handlers } from '../core/handlers';
import { dependentsOf } from './queries';
import { listRecycleBin, recordHistory, restoreFromRecycleBin } from './recycleBin';

export const recordsHandlers: Handlers<typeof recordsContract> = {
  'record.history': (ctx, i) => recordHistory(ctx, i),
  'record.dependents': (ctx, i) => dependentsOf(ctx, i.table, i.id),
  'recycleBin.list': (ctx) => listRecycleBin(ctx),
  'recycleBin.restore': (ctx, i) => restoreFromRecycleBin(ctx, i),
};
