/**
 * The record tables by name, each capability's definitions loaded only when one of its tables is
 * asked for. For code that needs a few tables' rules and must start fast — `tpw check` loads only
 * the capabilities whose tables hold rows — where importing recordTables.ts would build every
 * capability's domain schemas first. The names and order are recordTables.ts's (a table after those
 * it refers to); tests/integration/record-definitions.test.ts holds the two lists equal.
 */
import type { AppendOnlyTableSpec, RecordTableSpec } from '../db/recordSpec';

interface CapabilityTables {
  records: readonly RecordTableSpec[];
  appendOnly?: readonly AppendOnlyTableSpec[];
}

/** Per capability, in recordTables.ts's order: its tables' names, and how to load their definitions. */
const MODULES: readonly { records: readonly string[]; appendOnly?: readonly string[]; load: () => Promise<CapabilityTables> }[] = [
  { records: ['pilot', 'milestones', 'organisations', 'teamMembers', 'themes'], load: async () => ({ records: (await import('../pilot/records')).pilotRecordTables }) },
  {
    records: ['hypotheses'],
    appendOnly: ['statusChanges'],
    load: async () => {
      const m = await import('../hypotheses/records');
      return { records: m.hypothesesRecordTables, appendOnly: [m.statusChanges] };
    },
  },
  {
    records: ['evidenceItems', 'evidenceAttachments', 'evidenceLinks', 'evidenceCodes', 'evidenceQuotes', 'evidenceQuoteLinks'],
    load: async () => ({ records: (await import('../evidence/records')).evidenceRecordTables }),
  },
  { records: ['spendMappings', 'spendRules'], load: async () => ({ records: (await import('../spend/records')).spendRecordTables }) },
  {
    records: ['unitCosts', 'deflators', 'confidenceGrades', 'parameterSets', 'interventions', 'estimateLines', 'interventionLinks', 'nonMonetisedImpacts', 'portfolioDeals'],
    load: async () => ({ records: (await import('../estimates/records')).estimatesRecordTables }),
  },
  { records: ['barriers', 'learningEntries', 'learningLinks'], load: async () => ({ records: (await import('../learning/records')).learningRecordTables }) },
  { records: ['actions', 'benefits', 'benefitRealisations'], load: async () => ({ records: (await import('../momentum/records')).momentumRecordTables }) },
  { records: ['reportNarratives'], load: async () => ({ records: (await import('../report/records')).reportRecordTables }) },
  { records: [], appendOnly: ['erasureTombstones'], load: async () => ({ records: [], appendOnly: [(await import('../privacy/records')).erasureTombstones] }) },
];

/** Every record table's name, in dependency order (as RECORD_TABLES). */
export const RECORD_TABLE_NAMES: readonly string[] = MODULES.flatMap((m) => m.records);
/** Every append-only table's name (as APPEND_ONLY_TABLES). */
export const APPEND_ONLY_TABLE_NAMES: readonly string[] = MODULES.flatMap((m) => m.appendOnly ?? []);

/** The definition of the record table called `name` (one of RECORD_TABLE_NAMES), its capability's module loaded on first use. */
export async function loadRecordTable(name: string): Promise<RecordTableSpec> {
  const m = MODULES.find((x) => x.records.includes(name));
  const spec = m && (await m.load()).records.find((s) => s.table === name);
  if (!spec) throw new Error(`No record table is called "${name}"`);
  return spec;
}

/** The definition of the append-only table called `name` (one of APPEND_ONLY_TABLE_NAMES), loaded on first use. */
export async function loadAppendOnlyTable(name: string): Promise<AppendOnlyTableSpec> {
  const m = MODULES.find((x) => x.appendOnly?.includes(name));
  const spec = m && (await m.load()).appendOnly?.find((s) => s.table === name);
  if (!spec) throw new Error(`No append-only table is called "${name}"`);
  return spec;
}
