import type { learningContract } from '../../../shared/contract/learning';
import type { Handlers } from './types';

export const learningHandlers: Handlers<typeof learningContract> = {};
