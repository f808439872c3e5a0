/** The top-down baseline (HM Treasury's Country and Regional Analysis) and the counted-versus-baseline view. */
import { z } from 'zod';
import { FinancialYear } from '../calc/financialYear';
import { Id, RequiredText } from './common';

export const BaselineImportInput = z.object({
  uploadId: Id,
  region: RequiredText('The region', 200),
  /** The place's share of the region (0–1), when it is known directly; otherwise population gives it. */
  share: z.number({ error: 'The share is a fraction, e.g. 0.0153' }).gt(0, 'The share must be more than 0').max(1, 'The share is a fraction of the region: at most 1').nullish(),
  /** Overrides the unit the file states (only for a file that states none). */
  unit: z.enum(['pounds', 'thousands', 'millions', 'billions']).nullish(),
});

/** `tpw baseline import`: the same, for a file named by path. */
export const BaselinePathImportInput = BaselineImportInput.omit({ uploadId: true });

export const BaselinePreviewInput = z.object({ uploadId: Id, unit: BaselineImportInput.shape.unit });

/** What a CRA file holds, before importing any of it. */
export interface BaselinePreview {
  fileName: string;
  sheet: string;
  unit: string;
  /** Every region the file has, as it spells them, with its rows. */
  regions: { name: string; rows: number }[];
  years: string[];
}

export interface BaselineImportResult {
  fileId: string;
  fileName: string;
  sheet: string;
  /** As the file spells it. */
  region: string;
  unit: string;
  rows: number;
  /** The region's totals by financial year, in pence, before scaling to the place. */
  years: Record<string, number>;
}

export interface BaselineFile extends BaselineImportResult {
  importedAt: string;
  importedBy: string;
  /** The baseline the comparison uses (the latest import). */
  current: boolean;
}

const Population = z.number({ error: 'Give the population as a whole number' }).int('Give the population as a whole number').positive('The population must be more than 0').max(100_000_000);

export const BaselinePlaceInput = z.object({
  /** An entered share of the region; null to work it out from population instead. */
  share: BaselineImportInput.shape.share.transform((v) => v ?? null),
  /** Population by financial year: the place's (for spend per head) and the region's (for the share). */
  population: z
    .array(z.object({ year: FinancialYear('The year'), place: Population.nullish().transform((v) => v ?? null), region: Population.nullish().transform((v) => v ?? null) }))
    .max(60)
    .default([]),
});

export interface BaselinePlace {
  share: number | null;
  population: { year: string; place: number | null; region: number | null }[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export const BaselineViewInput = z.object({ year: FinancialYear('The year').nullish() });

export interface CoverageRow {
  /** The agency type or CRA function. */
  key: string;
  label: string;
  countedPence: number;
  /** The region's figure before scaling. */
  regionPence: number;
  /** Scaled to the place (null without a share). */
  baselinePence: number | null;
  /** counted ÷ baseline (null without a baseline). */
  coverage: number | null;
}

export interface BaselineView {
  baseline: { fileId: string; fileName: string; region: string; unit: string; importedAt: string } | null;
  /** Years with a baseline or counted spend; the one shown. */
  years: string[];
  year: string | null;
  /** The share used for the year shown, and where it came from. */
  share: { value: number | null; basis: 'entered' | 'population' | null };
  population: { place: number | null; region: number | null };
  byAgencyType: CoverageRow[];
  byFunction: CoverageRow[];
  total: CoverageRow;
  /** Pence per resident, for the year shown (null without the population). */
  perHead: { counted: number | null; baseline: number | null };
}
