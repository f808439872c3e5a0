import type { spendContract } from '../../../shared/contract/spend';
import type { Handlers } from './types';

export const spendHandlers: Handlers<typeof spendContract> = {};
