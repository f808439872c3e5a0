/** Kysely types of the report's tables: the narrative (a record table) and the list of generated versions. */
import type { Generated } from 'kysely';
import type { TablesOf } from '../db/recordSpec';
import type { reportRecordTables } from './records';

/** One generated report (local to this installation: its files live in this attachment store). */
export interface ReportVersionsTable {
  id: string;
  version: number;
  generatedAt: string;
  generatedBy: string;
  marking: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  /** JSON array of section ids, in order. */
  sections: string;
  includeTeam: number;
  includePersonal: number;
  /** JSON {team, personal}. */
  withheld: string;
  /** SHA-256 of the HTML report; '' while the version is being generated. */
  sha256: string;
  /** JSON array of {format, name, sha256, size}. */
  files: string;
  /** JSON array of {label, count}: names redacted at export (migration 0013), never the names. */
  redactions: Generated<string>;
}

export type ReportTables = TablesOf<typeof reportRecordTables> & { reportVersions: ReportVersionsTable };
