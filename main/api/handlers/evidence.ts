import type { evidenceContract } from '../../../shared/contract/evidence';
import type { Handlers } from './types';

export const evidenceHandlers: Handlers<typeof evidenceContract> = {};
