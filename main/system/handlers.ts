import type { systemContract } from '../../shared/contract/system';
import { setActor, systemInfo } from './service';
import { uploadFromPath } from '../core/transfers';
import { NO_POLICY, policyInfo } from '../core/policy';
import type { Handlers } from '../core/handlers';

export const systemHandlers: Handlers<typeof systemContract> = {
  'system.info': (ctx) => systemInfo(ctx),
  'system.activity': async (ctx) => ctx.writes?.activity() ?? null,
  'system.policy': async (ctx) => policyInfo(ctx.policy ?? NO_POLICY),
  'system.setActor': (ctx, i) => setActor(ctx, i.actor),
  'upload.fromPath': (ctx, i) => uploadFromPath(ctx, i.path),
};
