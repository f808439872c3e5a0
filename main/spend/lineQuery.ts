/**
 * The SQL behind a drill-down: which lines a filter selects and in what order. Raw SQL on the
 * driver rather than kysely, because the plan matters at a million lines: an organisation or file
 * becomes ranges of the primary key (a file's lines are file_no × 2^32 + row), a financial year a
 * range of dates, lines by date come straight off the date index (date, theme: migration 0017) with
 * theme and line key checked on its entries, and a page of any other order is sorted by its keys
 * alone, read in key order.
 */
import type { z } from 'zod';
import { parsePeriod } from '../../shared/calc/spendPeriod';
import type { SpendLinesFilter } from '../../shared/domain/spend';
import type { ServiceContext } from '../core/context';
import { fileRange, inKeyRanges } from './aggregates';
import { searchConditions } from './searchWords';

export type LinesFilter = Omit<z.output<typeof SpendLinesFilter>, 'offset' | 'limit'>;

export const LINE_COLUMNS = `l.line_key AS lineKey, l.row_number AS rowNumber, l.date, l.period_end AS periodEnd, l.financial_year AS financialYear,
  l.amount_pence AS amountPence, l.supplier, l.service_area AS serviceArea, l.expense_type AS expenseType, l.transaction_ref AS transactionRef,
  l.org_unit AS orgUnit, l.description, l.theme_id AS themeId, l.rule_id AS ruleId, f.id AS fileId, f.file_name AS fileName, f.sheet,
  o.name AS organisation, o.id AS organisationId, th.name AS theme, m.set_by AS manualBy, m.set_at AS manualAt`;

// Lines of one date follow by theme, then file and row: exactly the date index's order (migration
// 0017), so a page by date is read off the index rather than sorted. Within one theme it is date,
// file, row. (Date order is financial-year order too: a year is a function of the date.)
const ORDER: Record<LinesFilter['sort'], string> = {
  date: 'l.date, l.theme_id',
  row: '',
  amount: 'l.amount_pence',
  supplier: 'l.supplier IS NULL, l.supplier COLLATE NOCASE',
  serviceArea: 'l.service_area IS NULL, l.service_area COLLATE NOCASE',
  expenseType: 'l.expense_type IS NULL, l.expense_type COLLATE NOCASE',
};

export interface LinesQuery {
  /** The lines, read the way a page in the filter's order is cheapest to find (see indexFor). */
  from: string;
  /** The same lines, read in one pass in key order: for counting them, or all of them. */
  scan: string;
  /** The scan over these ranges of line keys [from, to) only, which must lie within fileNos' (splitReads.ts). */
  ranged(ranges: [number, number][]): { from: string; params: unknown[] };
  params: unknown[];
  /** The files the lines can be in (a file or organisation chosen); null for every file. */
  fileNos: number[] | null;
  orderBy: string;
  reversedOrderBy: string;
  /** By amount: orderBy's direction (amount, then line key, both numbers, both that way); null in any other order. */
  byAmount: 'ASC' | 'DESC' | null;
}

export async function linesQuery(ctx: ServiceContext, f: LinesFilter): Promise<LinesQuery> {
  // The file or organisation chosen, as ranges of line keys; then every other condition.
  let fileNos: number[] | null = null;
  if (f.fileId || f.organisationId) {
    let files = ctx.db.selectFrom('spendFiles').select('fileNo');
    if (f.fileId) files = files.where('id', '=', f.fileId);
    if (f.organisationId) files = files.where('organisationId', '=', f.organisationId);
    fileNos = (await files.execute()).map((r) => r.fileNo);
  }
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.theme === 'unclassified') where.push('l.theme_id IS NULL');
  else if (f.theme) {
    where.push('l.theme_id = ?');
    params.push(f.theme);
  }
  if (f.year) {
    // The year's dates, which the date index can find; financial_year is not in it.
    where.push('l.date BETWEEN ? AND ?');
    params.push(...datesOf(f.year));
  }
  if (f.classifiedBy === 'manual') where.push('m.line_key IS NOT NULL');
  else if (f.classifiedBy) {
    where.push('l.rule_id = ?');
    params.push(f.classifiedBy);
  }
  const words = searchConditions(ctx.sqlite, fileNos, (f.q ?? '').split(/\s+/).filter(Boolean));
  where.push(...words.where);
  params.push(...words.params);
  const dir = f.dir === 'desc' ? 'DESC' : 'ASC';
  const back = f.dir === 'desc' ? 'ASC' : 'DESC';
  const terms = ORDER[f.sort].split(', ').filter(Boolean);
  const order = terms.map((c) => (c.endsWith('IS NULL') ? c : `${c} ${dir}`));
  // The exact reverse of that order (line_key makes it total), so a page near the end can be
  // read from the other end: see spendLines.
  const reversed = terms.map((c) => `${c} ${c.endsWith('IS NULL') ? 'DESC' : back}`);
  // The page's keys are found on the lines alone (what a sort has to carry is then two columns,
  // not twenty); the columns to show are read for those keys only (see LINE_COLUMNS).
  const join = f.classifiedBy === 'manual' ? ' LEFT JOIN spend_line_themes m ON m.line_key = l.line_key' : '';
  const inRanges = (ranges: [number, number][]) => ({ where: [inKeyRanges(ranges.length), ...where], params: [...ranges.flat(), ...params] });
  const all = fileNos ? inRanges(fileNos.map(fileRange)) : { where, params };
  const rest = `${join}
    ${all.where.length ? `WHERE ${all.where.join(' AND ')}` : ''}`;
  return {
    from: `FROM spend_lines l${indexFor(f)}${rest}`,
    scan: `FROM spend_lines l NOT INDEXED${rest}`,
    ranged: (ranges) => {
      const part = inRanges(ranges);
      return { from: `FROM spend_lines l NOT INDEXED${join}\n    WHERE ${part.where.join(' AND ')}`, params: part.params };
    },
    params: all.params,
    fileNos,
    orderBy: `ORDER BY ${[...order, `l.line_key ${dir}`].join(', ')}`,
    reversedOrderBy: `ORDER BY ${[...reversed, `l.line_key ${back}`].join(', ')}`,
    byAmount: f.sort === 'amount' ? dir : null,
  };
}

/**
 * How a page of lines is found (measured at a million lines):
 * - by date: straight off the date index, first, middle or last page, with the theme, the year's
 *   dates and the range of keys checked on the index entry itself. A search or a rule has to look
 *   at the line too, so spendLines takes this way only when what it looks for is common (see
 *   spendLines);
 * - in any other order (a theme, a year, the whole place, a file): the lines in key order (all of
 *   them, or a file's or organisation's ranges of keys), sorting only the keys of the page. Left to
 *   the planner, an index was read instead, looking up every line it passed at random: a year by
 *   amount took 1.2 s rather than 0.2 s, unclassified lines by supplier 0.67 s rather than 0.25 s,
 *   a search for one transaction id 4 s.
 */
function indexFor(f: LinesFilter): string {
  return f.sort === 'date' ? ' INDEXED BY spend_lines_dated' : ' NOT INDEXED';
}

/**
 * The first and last day of a financial year: "2019-20" is 1 April 2019 to 31 March 2020. Anything
 * else the filter lets through ("2019-99", or "2019-04", which reads as a month) is no year a line is
 * in, and finds nothing, as `financial_year = ?` did.
 */
function datesOf(year: string): [string, string] {
  const p = parsePeriod(year);
  return p.ok && p.period.financialYear === year ? [p.period.from, p.period.to] : ['9999-99-99', '0000-00-00'];
}

/**
 * The columns shown for lines found by key. CROSS JOIN keeps the lines the outer loop (SQLite
 * does not reorder it), so each file and organisation is a lookup by key.
 */
export const LINES_BY_KEY = (n: number) => `SELECT ${LINE_COLUMNS} FROM spend_lines l
    CROSS JOIN spend_files f ON f.file_no = l.file_no
    CROSS JOIN organisations o ON o.id = f.organisation_id
    LEFT JOIN themes th ON th.id = l.theme_id
    LEFT JOIN spend_line_themes m ON m.line_key = l.line_key
    WHERE l.line_key IN (${Array(n).fill('?').join(',')})`;
