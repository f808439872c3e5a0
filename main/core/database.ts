/**
 * The whole database as kysely sees it. Each capability declares its own tables in its
 * `tables.ts`; this file only puts them together, so the db layer itself never names a capability.
 */
import type { BaselineTables } from '../baseline/tables';
import type { CoreTables } from '../db/coreTables';
import type { EstimatesTables } from '../estimates/tables';
import type { EvidenceTables } from '../evidence/tables';
import type { BundlesTables } from '../exchange/tables';
import type { HypothesesTables } from '../hypotheses/tables';
import type { LearningTables } from '../learning/tables';
import type { MomentumTables } from '../momentum/tables';
import type { PilotTables } from '../pilot/tables';
import type { PrivacyTables } from '../privacy/tables';
import type { ReportTables } from '../report/tables';
import type { SearchTables } from '../search/tables';
import type { SpendTables } from '../spend/tables';
import type { TeamTables } from '../team/tables';

export interface Database
  extends CoreTables,
    PilotTables,
    HypothesesTables,
    EvidenceTables,
    SpendTables,
    BaselineTables,
    EstimatesTables,
    LearningTables,
    MomentumTables,
    ReportTables,
    SearchTables,
    BundlesTables,
    TeamTables,
    PrivacyTables {}
