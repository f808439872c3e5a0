import type { recordsContract } from '../../shared/contract/records';
import type { Handlers } from '../core/handlers';
import { listRecycleBin, recordHistory, restoreFromRecycleBin } from './recycleBin';

export const recordsHandlers: Handlers<typeof recordsContract> = {
  'record.history': (ctx, i) => recordHistory(ctx, i),
  'recycleBin.list': (ctx) => listRecycleBin(ctx),
  'recycleBin.restore': (ctx, i) => restoreFromRecycleBin(ctx, i),
};
