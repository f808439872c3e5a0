import { z } from 'zod';
import type { Portfolio, PortfolioView } from '../calc/portfolio';
import type { EstimateResult, SwitchingValue, YearRow } from '../calc/savings';
import { ById, ByIdRev, Id, UpdateOf } from '../domain/common';
import {
  ConfidenceGradeFields,
  ConfidenceGradeInput,
  DeflatorFields,
  DeflatorInput,
  EstimateLineFields,
  EstimateLineInput,
  InterventionFields,
  InterventionInput,
  InterventionLinkInput,
  UnitCostFields,
  UnitCostFilter,
  UnitCostInput,
  type ConfidenceGrade,
  type Deflator,
  type EstimateLine,
  type Intervention,
  type InterventionLink,
  type UnitCost,
} from '../domain/estimates';
import { command, query } from './define';

export interface InterventionSummary extends Intervention {
  lineCount: number;
  central: { pvCosts: number; pvBenefits: number; npv: number; bcr: number | null; paybackYear: number | null };
}

export interface LinkView extends InterventionLink {
  kind: 'hypothesis' | 'evidence';
  /** The hypothesis statement or the evidence title. */
  title: string;
}

export interface InterventionDetail {
  intervention: Intervention;
  lines: EstimateLine[];
  links: LinkView[];
  result: EstimateResult;
  switching: SwitchingValue[];
  yearly: YearRow[];
}

export interface UnitCostPreview {
  fileName: string;
  /** Which heading in the file was read as which field. */
  columns: Record<string, string | undefined>;
  rows: {
    row: number;
    action: 'add' | 'update' | 'unchanged';
    code: string;
    description: string;
    unit: string;
    agency: string;
    valuePence: number;
    priceYear: string;
    source: string | null;
    quality: string | null;
  }[];
  errors: { row: number; message: string }[];
}

export interface UnitCostImportResult {
  fileName: string;
  added: number;
  updated: number;
  unchanged: number;
}

export interface ExportedFile {
  name: string;
  urlPath: string;
  path: string;
  /** Desktop: true when the file was opened in the system's viewer. */
  opened: boolean;
}

const Empty = z.object({}).default({});
const Upload = z.object({ uploadId: Id });

// Methods of the estimates capability. (Kept in its own file so capabilities can grow independently.)
export const estimatesContract = {
  'intervention.list': query<InterventionSummary[]>()(Empty),
  /** The intervention with its lines, links, result (ESTIMATES.md), switching values and yearly profile. */
  'intervention.get': query<InterventionDetail>()(ById),
  'intervention.add': command<Intervention>()(InterventionInput),
  'intervention.update': command<Intervention>()(UpdateOf(InterventionFields)),
  'intervention.delete': command<Intervention>()(ByIdRev),

  'estimateLine.add': command<EstimateLine>()(EstimateLineInput),
  'estimateLine.update': command<EstimateLine>()(UpdateOf(EstimateLineFields)),
  'estimateLine.delete': command<EstimateLine>()(ByIdRev),

  'interventionLink.add': command<InterventionLink>()(InterventionLinkInput),
  'interventionLink.delete': command<InterventionLink>()(ByIdRev),

  /** Pure calculation of an ESTIMATES.md model (what `tpw estimate eval` prints); touches no data. */
  'estimate.evaluate': query<EstimateResult>()(z.object({ model: z.unknown() })),
  /** All interventions together (the shape the dashboard, report and bundles read). */
  'estimate.portfolio': query<Portfolio>()(Empty),
  /** The portfolio page: the portfolio plus per-organisation positions and per-intervention ranges. */
  'estimate.portfolioView': query<PortfolioView>()(Empty),
  /** Everything an estimate (or, without an id, the portfolio) shows, as CSV or an XLSX workbook. */
  'estimate.export': query<ExportedFile>()(
    z.object({
      interventionId: Id.optional(),
      format: z.enum(['csv', 'xlsx'], { error: 'Export as csv or xlsx' }),
      /** Desktop only: open the file in the system's viewer (spreadsheet program) once written. */
      open: z.boolean().optional(),
    }),
  ),

  'unitCost.list': query<UnitCost[]>()(UnitCostFilter),
  'unitCost.add': command<UnitCost>()(UnitCostInput),
  'unitCost.update': command<UnitCost>()(UpdateOf(UnitCostFields)),
  'unitCost.delete': command<UnitCost>()(ByIdRev),
  /** Reads an uploaded CSV/XLSX unit-cost table and says what importing it would do; writes nothing. */
  'unitCost.preview': query<UnitCostPreview>()(Upload),
  /** Imports it: all rows or none. */
  'unitCost.import': command<UnitCostImportResult>()(Upload),

  'deflator.list': query<Deflator[]>()(Empty),
  'deflator.add': command<Deflator>()(DeflatorInput),
  'deflator.update': command<Deflator>()(UpdateOf(DeflatorFields)),
  'deflator.delete': command<Deflator>()(ByIdRev),

  'confidenceGrade.list': query<ConfidenceGrade[]>()(Empty),
  'confidenceGrade.add': command<ConfidenceGrade>()(ConfidenceGradeInput),
  'confidenceGrade.update': command<ConfidenceGrade>()(UpdateOf(ConfidenceGradeFields)),
  'confidenceGrade.delete': command<ConfidenceGrade>()(ByIdRev),
};
