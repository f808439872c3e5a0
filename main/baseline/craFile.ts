/**
 * Reading HM Treasury's Country and Regional Analysis as published: the CRA database workbook
 * has a metadata sheet (or several) in front, then one row per department × segment × function ×
 * sub-function × region with a column per financial year. The unit is read from the file — the
 * year headings, the title above the table, or the metadata ("£ thousand") — never assumed; a
 * file that states none is refused unless the unit is given.
 */
import { unitIn, type UnitParse } from '../../shared/calc/cra';
import { isFinancialYear } from '../../shared/calc/financialYear';
import { AppError } from '../../shared/errors';
import { csvRows, detectDelimiter, sniffFile, xlsxRows, xlsxSheets, type SourceRow } from '../spend/queries';

export interface CraColumns {
  department: number | null;
  segment: number | null;
  fn: number;
  subFunction: number | null;
  region: number;
  years: { index: number; year: string }[];
}

export interface CraRow {
  row: number;
  department: string;
  segment: string;
  fn: string;
  subFunction: string;
  region: string;
  /** Figures in the file's unit, as written (converted to pence by the caller). */
  figures: { year: string; text: string }[];
}

export interface CraFile {
  fileName: string;
  sha256: string;
  sheet: string;
  unit: UnitParse;
  years: string[];
  rows(): AsyncGenerator<CraRow>;
}

const norm = (s: string) => s.replace(/[_\s]+/g, ' ').trim().toLowerCase();

/** "2017-18", "2017/18", "2017-18 outturn", "2017-18 (£ thousand)" → "2017-18". */
function yearOf(header: string): string | null {
  const m = /^\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\b/.exec(header);
  if (!m) return null;
  const year = `${m[1]}-${m[2]!.slice(-2)}`;
  return isFinancialYear(year) ? year : null;
}

/** The header row's columns, or null when the row is not the CRA table's header. */
function columnsOf(cells: string[]): CraColumns | null {
  const find = (test: (h: string) => boolean) => {
    const i = cells.findIndex((c) => test(norm(c)));
    return i < 0 ? null : i;
  };
  const fn = find((h) => /^(cofog )?(level 1 )?function( name| description)?$/.test(h) || h === 'function (cofog level 1)');
  const subFunction = find((h) => /^(cofog )?(level 2 )?sub[- ]?function( name| description)?$/.test(h));
  const region = find((h) => /^(region|region name|nuts ?1( region)?( name)?|country ?\/ ?region|country and region|itl ?1( region)?( name)?)$/.test(h)) ?? find((h) => /^country( name)?$/.test(h));
  const years = cells.map((c, index) => ({ index, year: yearOf(c) })).filter((y): y is { index: number; year: string } => y.year !== null);
  if (fn === null || region === null || years.length === 0) return null;
  return {
    department: find((h) => /^(department|dept|departmental group|department name|department group)( name)?$/.test(h)),
    segment: find((h) => /^(segment|segment name|accounting segment|budget segment|sector)$/.test(h)),
    fn,
    subFunction,
    region,
    years,
  };
}

const unitOverride: Record<string, UnitParse> = {
  pounds: { label: '£', pencePerUnit: 100 },
  thousands: { label: '£ thousand', pencePerUnit: 100_000 },
  millions: { label: '£ million', pencePerUnit: 100_000_000 },
  billions: { label: '£ billion', pencePerUnit: 100_000_000_000 },
};

export async function openCra(file: string, fileName: string, unitGiven: keyof typeof unitOverride | null = null): Promise<CraFile> {
  const sniffed = await sniffFile(file, fileName);
  let sheet = '';
  let headerRow = -1;
  let columns: CraColumns | null = null;
  const texts: string[][] = [];
  let open: () => AsyncIterable<SourceRow[]>;
  if (sniffed.kind === 'xlsx') {
    const sheets = await xlsxSheets(file, fileName);
    for (const s of sheets) {
      const at = columns ? -1 : s.head.findIndex((r) => columnsOf(r.cells) !== null);
      if (at >= 0) {
        columns = columnsOf(s.head[at]!.cells);
        sheet = s.name;
        headerRow = s.head[at]!.row;
        // The data sheet's own words come first: the year headings, then the title above the table.
        texts.unshift(s.head[at]!.cells.filter((_, i) => columns!.years.some((y) => y.index === i)), s.head.slice(0, at).flatMap((r) => r.cells));
      } else texts.push(s.head.flatMap((r) => r.cells));
    }
    if (!columns) {
      throw new AppError(
        'BAD_FILE',
        `"${fileName}" does not look like the Country and Regional Analysis: none of its sheets (${sheets.map((s) => `"${s.name}"`).join(', ')}) has a table with a function column, a region column and a column per financial year (2017-18, …).`,
      );
    }
    open = () => xlsxRows(file, fileName, sheet).rows;
  } else {
    const delimiter = await detectDelimiter(file, sniffed.encoding!);
    const head: SourceRow[] = [];
    for await (const batch of csvRows(file, sniffed.encoding!, delimiter).rows) {
      head.push(...batch);
      if (head.length >= 200) break;
    }
    const at = head.findIndex((r) => columnsOf(r.cells) !== null);
    if (at < 0) throw new AppError('BAD_FILE', `"${fileName}" does not look like the Country and Regional Analysis: it has no table with a function column, a region column and a column per financial year (2017-18, …).`);
    columns = columnsOf(head[at]!.cells)!;
    headerRow = head[at]!.row;
    texts.push(
      head[at]!.cells.filter((_, i) => columns!.years.some((y) => y.index === i)),
      head.slice(0, at).flatMap((r) => r.cells),
    );
    open = () => csvRows(file, sniffed.encoding!, delimiter).rows;
  }
  const unit = unitGiven ? unitOverride[unitGiven]! : texts.map((t) => unitIn(t.join(' '))).find((u) => u !== null);
  if (!unit) {
    throw new AppError(
      'BAD_FILE',
      `"${fileName}" does not say what unit its figures are in (the CRA states "£ thousand" or "£ million" in its headings or metadata sheet). Nothing was imported. If you know the unit, give it (--unit thousands).`,
    );
  }
  const c = columns;
  const cell = (cells: string[], i: number | null) => (i === null ? '' : (cells[i] ?? '').replace(/\s+/g, ' ').trim());
  return {
    fileName,
    sha256: sniffed.sha256,
    sheet,
    unit,
    years: c.years.map((y) => y.year),
    async *rows() {
      for await (const batch of open()) {
        for (const r of batch) {
          if (r.row <= headerRow) continue;
          const fn = cell(r.cells, c.fn);
          const region = cell(r.cells, c.region);
          // Blank and note rows, and totals without a function or region, are not data.
          if (!fn || !region) continue;
          yield {
            row: r.row,
            department: cell(r.cells, c.department),
            segment: cell(r.cells, c.segment),
            fn,
            subFunction: cell(r.cells, c.subFunction),
            region,
            figures: c.years.map((y) => ({ year: y.year, text: cell(r.cells, y.index) })),
          };
        }
      }
    },
  };
}

/** Region names compared as the user types them: case and spacing do not matter. */
export const sameRegion = (a: string, b: string): boolean => norm(a) === norm(b);
