import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. Spend lines in date order, for drill-down at a million lines (issue 19).
 *
 * The drill-down index (theme, year) finds a theme × year cell, in file order — the right start
 * for a cell sorted by amount or supplier — but every page of it by date (the order people read a
 * ledger in) sorted the whole cell first, and a file's lines by date sorted the whole file (0.3 s
 * at a million lines, whichever page). A second index in (year, date, theme) order serves those: a
 * cell is read in date order with its theme checked on the index entry itself, and a file in date
 * order with its range of line keys (the index's rowid) checked the same way; pages come straight
 * off the index, first, middle or last.
 */
export const m0016_spend_date_order: Migration = {
  version: 16,
  name: '0016_spend_date_order',
  up(db) {
    db.exec(`
      CREATE INDEX spend_lines_by_date ON spend_lines (financial_year, date, theme_id);
    `);
  },
};
