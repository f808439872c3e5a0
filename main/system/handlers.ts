import type { systemContract } from '../../shared/contract/system';
import { setActor, systemInfo } from './service';
import { uploadFromPath } from '../core/transfers';
import type { Handlers } from '../core/handlers';

export const systemHandlers: Handlers<typeof systemContract> = {
  'system.info': (ctx) => systemInfo(ctx),
  'system.setActor': (ctx, i) => setActor(ctx, i.actor),
  'upload.fromPath': (ctx, i) => uploadFromPath(ctx, i.path),
};
