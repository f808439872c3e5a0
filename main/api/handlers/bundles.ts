import type { bundlesContract } from '../../../shared/contract/bundles';
import type { Handlers } from './types';

export const bundlesHandlers: Handlers<typeof bundlesContract> = {};
