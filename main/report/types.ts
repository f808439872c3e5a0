import type { ReportOptions, ReportSectionId } from '../../shared/domain/report';
import type { Sensitivity } from '../../shared/domain/learning';
import type { ServiceContext } from '../core/context';
import type { SafeHtml } from './html';

/** One table of the report, also written out as a CSV file and an XLSX sheet. Money cells are pence. */
export interface ExtractTable {
  name: string;
  columns: { header: string; kind: 'text' | 'number' | 'money' | 'date' }[];
  rows: (string | number | null)[][];
}

export interface RenderContext {
  ctx: ServiceContext;
  opts: ReportOptions;
  /** Today as the report states it (YYYY-MM-DD). */
  today: string;
  /** True when a record of this sensitivity may appear; otherwise the record is counted as withheld. */
  allows(sensitivity: string): boolean;
  withheld: Record<'team' | 'personal', number>;
}

export interface RenderedSection {
  html: SafeHtml;
  tables: ExtractTable[];
}

/** A section of the pilot report: the registry lists them in default order. */
export interface ReportSection {
  id: ReportSectionId;
  title: string;
  /** null when it can be produced; otherwise why not, in plain English. */
  unavailable(ctx: ServiceContext): Promise<string | null>;
  render(rc: RenderContext): Promise<RenderedSection>;
}

export const ALWAYS_ALLOWED: readonly Sensitivity[] = ['public', 'partners'];
