/** Kysely types of the estimates tables (camelCase; see foundation.ts for the conventions). */
import type { RecordColumns } from '../db/coreTables';

export interface InterventionsTable extends RecordColumns {
  name: string;
  description: string | null;
  themeId: string | null;
  status: string;
  startYear: string;
  years: number;
  priceYear: string;
  /** JSON: {"schedule":"green-book"} or {"rate": r}. */
  discount: string;
  /** JSON: {"costs", "benefits"} fractions. */
  optimismBias: string;
  /** JSON: {"iterations", "seed"}. */
  simulation: string;
  sensitivity: string;
}

export interface EstimateLinesTable extends RecordColumns {
  interventionId: string;
  position: number;
  kind: string;
  label: string;
  organisationId: string | null;
  category: string | null;
  valueType: string | null;
  cashable: number;
  deadweight: number;
  attributionToOthers: number;
  displacement: number;
  dropOff: number;
  optimismBias: number | null;
  confidenceGrade: string | null;
  /** JSON: [{low, central, high}] pence per year. */
  profile: string;
  unitCostId: string | null;
  /** JSON: [{low, central, high}] volumes per year, when built from a unit cost. */
  volumes: string | null;
  notes: string | null;
  sensitivity: string;
}

export interface InterventionLinksTable extends RecordColumns {
  interventionId: string;
  hypothesisId: string | null;
  evidenceId: string | null;
  note: string | null;
  sensitivity: string;
}

export interface UnitCostsTable extends RecordColumns {
  code: string;
  description: string;
  unit: string;
  agency: string;
  valuePence: number;
  priceYear: string;
  source: string | null;
  quality: string | null;
}

export interface DeflatorsTable extends RecordColumns {
  year: string;
  index: number;
}

export interface ConfidenceGradesTable extends RecordColumns {
  grade: string;
  description: string | null;
  optimismBias: number;
}

export interface EstimatesTables {
  interventions: InterventionsTable;
  estimateLines: EstimateLinesTable;
  interventionLinks: InterventionLinksTable;
  unitCosts: UnitCostsTable;
  deflators: DeflatorsTable;
  confidenceGrades: ConfidenceGradesTable;
}
