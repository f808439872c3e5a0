import type { estimatesContract } from '../../../shared/contract/estimates';
import type { Handlers } from './types';

export const estimatesHandlers: Handlers<typeof estimatesContract> = {};
