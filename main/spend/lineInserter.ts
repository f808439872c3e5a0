/**
 * Writes a file's transactions into spend_lines, classifying each as it goes, and keeps the
 * aggregate (spend_groups) of what it wrote.
 *
 * Speed (issue 19's profile: parameter binding dominated): rows go in 200 at a time through one
 * prepared multi-row INSERT whose parameters are passed as spread arguments (better-sqlite3 binds
 * those with less work than one array), from one reused array — no object per line.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Classifier } from './classify';
import { LINE_FIELDS, type LineBatch } from './scan';

const ROWS_PER_INSERT = 200;
const COLUMNS = 13;
// file_no and row_number are worked out from line_key by SQLite (migration 0009).
const insertSql = (rows: number) =>
  `INSERT INTO spend_lines (line_key, date, period_end, financial_year, amount_pence, supplier, service_area,
  expense_type, transaction_ref, org_unit, description, theme_id, rule_id) VALUES ${Array(rows).fill(`(${Array(COLUMNS).fill('?').join(',')})`).join(',')}`;

export interface GroupTotal {
  financialYear: string;
  themeKey: string;
  ruleKey: string;
  serviceArea: string;
  expenseType: string;
  rows: number;
  pence: number;
}

export class LineInserter {
  private readonly many: BetterSqlite3.Statement;
  private readonly params: unknown[] = new Array(ROWS_PER_INSERT * COLUMNS);
  private filled = 0;
  private readonly base: number;
  readonly groups = new Map<string, GroupTotal>();
  written = 0;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    fileNo: number,
    private readonly organisationId: string,
    private readonly classify: Classifier,
    /** The last day of the period, for a file without dates. */
    private readonly periodEnd: string | null,
  ) {
    this.many = sqlite.prepare(insertSql(ROWS_PER_INSERT));
    this.base = fileNo * 4294967296;
  }

  add(batch: LineBatch): void {
    const p = this.params;
    const org = this.organisationId;
    for (let i = 0; i < batch.length; i += LINE_FIELDS) {
      const row = batch[i] as number;
      const date = batch[i + 1] as string;
      const year = batch[i + 2] as string;
      const pence = batch[i + 3] as number;
      const supplier = batch[i + 4] as string | null;
      const serviceArea = batch[i + 5] as string | null;
      const expenseType = batch[i + 6] as string | null;
      const orgUnit = batch[i + 8] as string | null;
      const description = batch[i + 9] as string | null;
      const c = this.classify(org, serviceArea, expenseType, supplier, orgUnit, description);
      let o = this.filled * COLUMNS;
      p[o++] = this.base + row;
      p[o++] = date;
      p[o++] = this.periodEnd;
      p[o++] = year;
      p[o++] = pence;
      p[o++] = supplier;
      p[o++] = serviceArea;
      p[o++] = expenseType;
      p[o++] = batch[i + 7];
      p[o++] = orgUnit;
      p[o++] = description;
      p[o++] = c ? c.themeId : null;
      p[o] = c ? c.ruleId : null;
      if (++this.filled === ROWS_PER_INSERT) {
        this.many.run(...p);
        this.filled = 0;
      }
      this.count(year, c ? c.themeId : '', c ? c.ruleId : '', serviceArea ?? '', expenseType ?? '', pence);
    }
    this.written += batch.length / LINE_FIELDS;
  }

  private count(year: string, themeKey: string, ruleKey: string, serviceArea: string, expenseType: string, pence: number) {
    const key = `${year}\u0000${themeKey}\u0000${ruleKey}\u0000${serviceArea}\u0000${expenseType}`;
    const g = this.groups.get(key);
    if (g) {
      g.rows++;
      g.pence += pence;
    } else this.groups.set(key, { financialYear: year, themeKey, ruleKey, serviceArea, expenseType, rows: 1, pence });
  }

  /** Writes the lines still held (fewer than a full statement's worth). */
  flush(): void {
    if (this.filled === 0) return;
    this.sqlite.prepare(insertSql(this.filled)).run(...this.params.slice(0, this.filled * COLUMNS));
    this.filled = 0;
  }

  /** Forgets everything written (the file is being read again with the other date order). */
  reset(): void {
    this.sqlite.prepare('DELETE FROM spend_lines WHERE line_key >= ? AND line_key < ?').run(this.base, this.base + 4294967296);
    this.filled = 0;
    this.groups.clear();
    this.written = 0;
  }
}
