import { z } from 'zod';
import { ById } from '../domain/common';
import {
  BaselineImportInput,
  BaselinePlaceInput,
  BaselinePreviewInput,
  BaselineViewInput,
  type BaselineFile,
  type BaselineImportResult,
  type BaselinePlace,
  type BaselinePreview,
  type BaselineView,
} from '../domain/baseline';
import { command, query } from './define';

// The top-down baseline the counted spend is set against (HM Treasury's Country and Regional Analysis).
export const baselineContract = {
  /** Reads a CRA workbook and lists its regions and years; saves nothing. */
  'baseline.preview': query<BaselinePreview>()(BaselinePreviewInput),
  /** Keeps one region's rows of a CRA workbook as the baseline (the latest import is the one used). */
  'baseline.import': command<BaselineImportResult>()(BaselineImportInput),
  'baseline.files': query<BaselineFile[]>()(z.object({}).default({})),
  'baseline.deleteFile': command<{ id: string }>()(ById),
  'baseline.place': query<BaselinePlace>()(z.object({}).default({})),
  /** The place's share of the region and population by year. */
  'baseline.setPlace': command<BaselinePlace>()(BaselinePlaceInput),
  /** Counted spend against the baseline by agency type and function, with coverage and spend per head. */
  'baseline.view': query<BaselineView>()(BaselineViewInput),
};
