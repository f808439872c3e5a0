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

/** The sensitivity levels a report leaves out unless chosen. */
export type HeldLevel = 'team' | 'personal';
export type HeldCounts = Record<HeldLevel, number>;

export interface RenderContext {
  ctx: ServiceContext;
  opts: ReportOptions;
  /** Today as the report states it (YYYY-MM-DD). */
  today: string;
  /** True when a record of this sensitivity may appear; otherwise the record is counted as withheld. */
  allows(sensitivity: string): boolean;
  /**
   * The items that may appear; the others are counted as withheld — each record once, however
   * many sections meet it (`key` names the record: its id, or its kind and id).
   */
  visible<T extends { sensitivity: string }>(items: readonly T[], key: (item: T) => string): T[];
  /** Records left out so far, per level, each counted once. */
  withheld: HeldCounts;
  /** The commentary the team wrote for a place in the report ('summary', 'section:spend', 'hypothesis:<id>'), if any. */
  narrative(key: string): string | null;
  /** Figure numbers run through the whole report. */
  nextFigure(): number;
  /** The tables of the sections rendered so far (the appendix, rendered last, sets them out in full). */
  tables: readonly ExtractTable[];
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
