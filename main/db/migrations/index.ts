import type { Migration } from '../migrate';
import { m0001_init } from './0001_init';
import { m0002_evidence } from './0002_evidence';
import { m0003_spend } from './0003_spend';
import { m0004_estimates } from './0004_estimates';
import { m0005_learning } from './0005_learning';
import { m0006_bundles } from './0006_bundles';
import { m0007_contact_keys } from './0007_contact_keys';
import { m0008_appraisal } from './0008_appraisal';
import { m0009_counting } from './0009_counting';
import { m0010_quotes_search } from './0010_quotes_search';
import { m0011_report } from './0011_report';
import { m0012_team } from './0012_team';
import { m0013_markings_sharing } from './0013_markings_sharing';
import { m0014_privacy } from './0014_privacy';
import { m0015_joined_records } from './0015_joined_records';
import { m0016_spend_date_order } from './0016_spend_date_order';
import { m0017_spend_one_index } from './0017_spend_one_index';
import { m0018_spend_file_values } from './0018_spend_file_values';
import { m0019_spend_file_chars } from './0019_spend_file_chars';

/**
 * The static, ordered list of migrations (no globbing or eval at run time, so bundlers and
 * packaged apps see exactly these). Append only; versions must be 1, 2, 3 … without gaps.
 */
export const MIGRATIONS: readonly Migration[] = [m0001_init, m0002_evidence, m0003_spend, m0004_estimates, m0005_learning, m0006_bundles, m0007_contact_keys, m0008_appraisal, m0009_counting, m0010_quotes_search, m0011_report, m0012_team, m0013_markings_sharing, m0014_privacy, m0015_joined_records, m0016_spend_date_order, m0017_spend_one_index, m0018_spend_file_values, m0019_spend_file_chars];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
