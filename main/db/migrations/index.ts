import type { Migration } from '../migrate';
import { m0001_init } from './0001_init';

/**
 * The static, ordered list of migrations (no globbing or eval at run time, so bundlers and
 * packaged apps see exactly these). Append only; versions must be 1, 2, 3 … without gaps.
 */
export const MIGRATIONS: readonly Migration[] = [m0001_init];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
