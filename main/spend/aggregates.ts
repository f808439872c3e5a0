/**
 * The maintained aggregates of the spend lines, so that no page groups a million lines:
 * spend_groups (organisation × year × theme × rule × service area × expense type) and, summed from
 * the same deltas, spend_totals (organisation × theme × year). An import adds its groups; deleting
 * a file or re-theming lines by hand applies the difference; re-applying the rules rebuilds both.
 * All of it runs inside the caller's transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { GroupTotal } from './lineGroups';

/** Lines of a file, as a range of line keys (file_no × 2^32 + row): a rowid range, no index needed. */
export const fileRange = (fileNo: number): [number, number] => [fileNo * 4294967296, (fileNo + 1) * 4294967296];

/** Lines whose keys are in any of n ranges [from, to) (parameters: each range's from and to): the primary key finds them, and an index entry carries the key to check. */
export const inKeyRanges = (n: number) => (n === 0 ? '0' : `(${Array(n).fill('(l.line_key >= ? AND l.line_key < ?)').join(' OR ')})`);

/** Adds (or, with negative counts, takes away) groups of one organisation's lines. */
export function applyGroupDeltas(sqlite: BetterSqlite3.Database, organisationId: string, deltas: Iterable<GroupTotal>): void {
  const group = sqlite.prepare(
    `INSERT INTO spend_groups (organisation_id, financial_year, theme_key, rule_key, service_area, expense_type, row_count, total_pence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET row_count = row_count + excluded.row_count, total_pence = total_pence + excluded.total_pence`,
  );
  const total = sqlite.prepare(
    `INSERT INTO spend_totals (organisation_id, theme_key, financial_year, row_count, total_pence) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (organisation_id, theme_key, financial_year) DO UPDATE SET row_count = row_count + excluded.row_count, total_pence = total_pence + excluded.total_pence`,
  );
  for (const g of deltas) {
    if (g.rows === 0 && g.pence === 0) continue;
    group.run(organisationId, g.financialYear, g.themeKey, g.ruleKey, g.serviceArea, g.expenseType, g.rows, g.pence);
    total.run(organisationId, g.themeKey, g.financialYear, g.rows, g.pence);
  }
  sqlite.prepare('DELETE FROM spend_groups WHERE organisation_id = ? AND row_count = 0').run(organisationId);
  sqlite.prepare('DELETE FROM spend_totals WHERE organisation_id = ? AND row_count = 0').run(organisationId);
}

/** Which rule classified a line, as the aggregate keys it: a theme set by hand is 'manual'. */
const RULE_KEY = `CASE WHEN m.line_key IS NOT NULL THEN 'manual' ELSE ifnull(l.rule_id, '') END`;

/** The groups of some lines (those WHERE `where` holds, over spend_lines l), counted from the lines. */
export function groupsOf(sqlite: BetterSqlite3.Database, where: string, ...params: unknown[]): GroupTotal[] {
  return sqlite
    .prepare(
      `SELECT l.financial_year AS financialYear, ifnull(l.theme_id, '') AS themeKey, ${RULE_KEY} AS ruleKey,
         ifnull(l.service_area, '') AS serviceArea, ifnull(l.expense_type, '') AS expenseType, count(*) AS rows, sum(l.amount_pence) AS pence
       FROM spend_lines l LEFT JOIN spend_line_themes m ON m.line_key = l.line_key
       WHERE ${where} GROUP BY 1, 2, 3, 4, 5`,
    )
    .all(...params) as GroupTotal[];
}

/** Rebuilds both aggregates from every line (after the rules are re-applied to all of them). */
export function rebuildAggregates(sqlite: BetterSqlite3.Database): void {
  sqlite.exec(`
    DELETE FROM spend_groups;
    INSERT INTO spend_groups (organisation_id, financial_year, theme_key, rule_key, service_area, expense_type, row_count, total_pence)
      SELECT f.organisation_id, l.financial_year, ifnull(l.theme_id, ''), ${RULE_KEY}, ifnull(l.service_area, ''), ifnull(l.expense_type, ''), count(*), sum(l.amount_pence)
      FROM spend_files f
      JOIN spend_lines l ON l.line_key >= f.file_no * 4294967296 AND l.line_key < (f.file_no + 1) * 4294967296
      LEFT JOIN spend_line_themes m ON m.line_key = l.line_key
      GROUP BY 1, 2, 3, 4, 5, 6;
    DELETE FROM spend_totals;
    INSERT INTO spend_totals (organisation_id, theme_key, financial_year, row_count, total_pence)
      SELECT organisation_id, theme_key, financial_year, sum(row_count), sum(total_pence) FROM spend_groups GROUP BY 1, 2, 3;
  `);
}

export const negate = (groups: GroupTotal[]): GroupTotal[] => groups.map((g) => ({ ...g, rows: -g.rows, pence: -g.pence }));
