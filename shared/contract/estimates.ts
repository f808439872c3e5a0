import { z } from 'zod';
import type { AppraisalSummary } from '../calc/appraisal';
import type { Deal } from '../calc/deal';
import type { ParameterSetContent } from '../calc/parameterSets';
import type { Portfolio, PortfolioView } from '../calc/portfolio';
import type { EstimateResult, SwitchingValue, YearRow } from '../calc/savings';
import { ById, ByIdRev, Id, Rev, UpdateOf } from '../domain/common';
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
  NonMonetisedImpactFields,
  NonMonetisedImpactInput,
  PortfolioDealFields,
  UnitCostFields,
  UnitCostFilter,
  UnitCostInput,
  type ConfidenceGrade,
  type Deflator,
  type EstimateLine,
  type Intervention,
  type InterventionLink,
  type NonMonetisedImpact,
  type ParameterSetView,
  type PortfolioDeal,
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

export interface ImpactView extends NonMonetisedImpact {
  /** The linked evidence's title ('(deleted)' when it has gone). */
  evidenceTitle: string | null;
}

export interface InterventionDetail {
  intervention: Intervention;
  lines: EstimateLine[];
  links: LinkView[];
  impacts: ImpactView[];
  result: EstimateResult;
  switching: SwitchingValue[];
  yearly: YearRow[];
  appraisal: AppraisalSummary;
}

/** The portfolio page: the portfolio, its appraisal summary and the deal as saved. */
export interface PortfolioPage extends PortfolioView {
  appraisal: AppraisalSummary;
  /** The saved rule and edited transfers (null: never saved, the gain-share proposal applies). */
  dealRecord: PortfolioDeal | null;
  /** Organisation names in the deal → their ids (absent for lines with no organisation chosen). */
  organisationIds: Record<string, string>;
}

export interface UnitCostPreviewRow extends Pick<UnitCost, 'code' | 'variant' | 'description' | 'unit' | 'agency' | 'valuePence' | 'priceYear' | 'source' | 'quality' | 'category'> {
  /** The sheet (XLSX) the row is on; null for CSV. */
  sheet: string | null;
  row: number;
  action: 'add' | 'update' | 'unchanged';
}

export interface UnitCostPreview {
  fileName: string;
  /** Which heading in the file was read as which field (the first sheet read, for a workbook). */
  columns: Record<string, string | undefined>;
  /** Each sheet of a workbook: read (with its row count) or skipped, and why. */
  sheets: { name: string; rows: number; skipped: string | null }[];
  rows: UnitCostPreviewRow[];
  errors: { row: number; sheet: string | null; message: string }[];
}

export interface ParameterSetPreview {
  content: ParameterSetContent;
  sha256: string;
  signer: { fingerprint: string; fingerprintGrouped: string; minisignPublicKey: string; trustedComment: string };
  /** The signer has signed a set already imported here. */
  knownSigner: boolean;
  /** 'new', or 'same' when exactly this set is already here (importing again changes nothing). */
  status: 'new' | 'same';
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
  /** Desktop and CLI: where it is on disk. Left out of every result sent to a browser (main/api/browserResults.ts). */
  path: string;
  /** Desktop: true when the file was opened in the system's viewer. */
  opened: boolean;
}

const Empty = z.object({}).default({});
const Upload = z.object({ uploadId: Id });
const SignedUpload = z.object({
  uploadId: Id,
  /** The detached minisign signature (.minisig) that came with the set. */
  signatureUploadId: Id,
});

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

  /** Impacts not valued in money, listed in the appraisal summary. */
  'nonMonetisedImpact.add': command<NonMonetisedImpact>()(NonMonetisedImpactInput),
  'nonMonetisedImpact.update': command<NonMonetisedImpact>()(UpdateOf(NonMonetisedImpactFields)),
  'nonMonetisedImpact.delete': command<NonMonetisedImpact>()(ByIdRev),

  /** The parameter sets: those built in and those imported (each verified when it was imported). */
  'parameterSet.list': query<ParameterSetView[]>()(Empty),
  /** Checks an uploaded set and its signature and says what importing it would do; writes nothing (the uploads are removed). */
  'parameterSet.preview': query<ParameterSetPreview>()(SignedUpload),
  /** Imports a verified set. A signer not seen before must be accepted explicitly, having checked its fingerprint. */
  'parameterSet.import': command<ParameterSetView>()(SignedUpload.extend({ acceptSigner: z.boolean().default(false) })),
  /** Removes an imported set no estimate uses. */
  'parameterSet.delete': command<ParameterSetView>()(z.object({ id: z.string().min(1).max(63) })),

  /** Pure calculation of an ESTIMATES.md model (what `tpw estimate eval` prints); touches no data. */
  'estimate.evaluate': query<EstimateResult>()(z.object({ model: z.unknown() })),
  /** All interventions together (the shape the dashboard, report and bundles read). */
  'estimate.portfolio': query<Portfolio>()(Empty),
  /** The portfolio page: the portfolio plus per-organisation positions, per-intervention ranges, the appraisal summary and the deal. */
  'estimate.portfolioView': query<PortfolioPage>()(Empty),
  /** Saves the deal's rule and (edited) transfers; transfers null = follow the rule's proposal. */
  'estimate.dealSave': command<Deal>()(z.object({ ...PortfolioDealFields, rev: Rev.nullable() })),
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
  /** Reads an uploaded CSV/XLSX unit-cost table and says what importing it would do; writes nothing (the upload is removed). */
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
