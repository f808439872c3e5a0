import type { searchContract } from '../../shared/contract/search';
import { reindexAttachmentText } from '../evidence/queries';
import type { Handlers } from '../core/handlers';
import { searchAll } from './service';
import { indexSpendFiles } from './spendIndex';

export const searchHandlers: Handlers<typeof searchContract> = {
  'search.all': (ctx, i) => searchAll(ctx, i),
  'search.reindex': async (ctx) => ({ attachments: await reindexAttachmentText(ctx), spendFiles: indexSpendFiles(ctx).files }),
};
