/**
 * The whole database as kysely sees it: each capability declares its tables in its own file.
 */
import type { BundlesTables } from './bundles';
import type { EstimatesTables } from './estimates';
import type { EvidenceTables } from './evidence';
import type { FoundationTables } from './foundation';
import type { LearningTables } from './learning';
import type { SpendTables } from './spend';

export * from './foundation';

export interface Database extends FoundationTables, EvidenceTables, SpendTables, EstimatesTables, LearningTables, BundlesTables {}
