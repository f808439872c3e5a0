import type { systemContract } from '../../../shared/contract/system';
import { setActor, systemInfo } from '../../services/system';
import type { Handlers } from './types';

export const systemHandlers: Handlers<typeof systemContract> = {
  'system.info': (ctx) => systemInfo(ctx),
  'system.setActor': (ctx, i) => setActor(ctx, i.actor),
};
