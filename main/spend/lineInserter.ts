/**
 * Writes a file's transactions into spend_lines, theming each by the team's rules as it goes, and
 * counts the groups (spend_groups) it wrote.
 *
 * Speed (issue 19's profile: parameter binding dominated, then per-line strings and objects):
 * - lines arrive dictionary-coded (linePacking.ts): the same string objects are bound again and
 *   again, and a line's theme and group are found by its codes — a number, not a string built per
 *   line — so only a combination not seen before reaches the rules;
 * - rows go in 200 at a time through one prepared multi-row INSERT whose parameters are passed as
 *   spread arguments (better-sqlite3 binds those with less work than one array), from one reused
 *   array;
 * - a column the file cannot fill (no organisation unit or description in its mapping, no rules,
 *   no period) is left out of the statement and takes its default NULL.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Classification, Classifier } from './classify';
import { LineGroups } from './lineGroups';
import { LineUnpacker, CODE_BASE, LITERAL_CODE, TEXT, TEXTS, type PackedLines } from './linePacking';

const ROWS_PER_INSERT = 200;

/** A spend_lines column and where its value comes from. */
type Source = 'key' | 'amount' | 'periodEnd' | 'theme' | 'rule' | keyof typeof TEXT;

const ALL_COLUMNS: { name: string; from: Source }[] = [
  { name: 'line_key', from: 'key' },
  { name: 'date', from: 'date' },
  { name: 'period_end', from: 'periodEnd' },
  { name: 'financial_year', from: 'financialYear' },
  { name: 'amount_pence', from: 'amount' },
  { name: 'supplier', from: 'supplier' },
  { name: 'service_area', from: 'serviceArea' },
  { name: 'expense_type', from: 'expenseType' },
  { name: 'transaction_ref', from: 'transactionRef' },
  { name: 'org_unit', from: 'orgUnit' },
  { name: 'description', from: 'description' },
  { name: 'theme_id', from: 'theme' },
  { name: 'rule_id', from: 'rule' },
];

/** Which optional columns this file's lines can hold a value in. */
export interface LineColumnsUsed {
  supplier: boolean;
  serviceArea: boolean;
  expenseType: boolean;
  transactionRef: boolean;
  orgUnit: boolean;
  description: boolean;
}

/** The fields rules look at, in the classifier's argument order (after the organisation). */
const RULE_FIELDS = [TEXT.serviceArea, TEXT.expenseType, TEXT.supplier, TEXT.orgUnit, TEXT.description];

const insertSql = (names: string[], rows: number) =>
  `INSERT INTO spend_lines (${names.join(', ')}) VALUES ${Array(rows).fill(`(${Array(names.length).fill('?').join(',')})`).join(',')}`;

export class LineInserter {
  private readonly names: string[];
  /** For each bound column: -1 line key, -2 amount, -3 period end, -4 theme, -5 rule, else a text field. */
  private readonly sources: Int8Array;
  private readonly width: number;
  private readonly many: BetterSqlite3.Statement;
  private readonly params: unknown[];
  private filled = 0;
  private readonly base: number;
  private texts = new LineUnpacker();
  private readonly values: (string | null)[] = new Array(TEXTS);
  /** Rules' answers by the codes of the fields they look at. */
  private readonly answers = new Map<number | string, Classification>();
  private readonly ruleFields: number[];
  readonly groups = new LineGroups();
  written = 0;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    fileNo: number,
    used: LineColumnsUsed,
    private readonly organisationId: string,
    /** Null when no rule can theme this organisation's lines. */
    private readonly classify: Classifier | null,
    /** The fields some rule looks at (indexes into the classifier's arguments). */
    ruleFields: number[],
    /** The last day of the period, for a file without dates. */
    private readonly periodEnd: string | null,
  ) {
    const skip = new Set<Source>();
    if (periodEnd === null) skip.add('periodEnd');
    for (const f of ['supplier', 'serviceArea', 'expenseType', 'transactionRef', 'orgUnit', 'description'] as const) if (!used[f]) skip.add(f);
    if (!classify) {
      skip.add('theme');
      skip.add('rule');
    }
    const columns = ALL_COLUMNS.filter((c) => !skip.has(c.from));
    const special: Partial<Record<Source, number>> = { key: -1, amount: -2, periodEnd: -3, theme: -4, rule: -5 };
    this.names = columns.map((c) => c.name);
    this.sources = Int8Array.from(columns.map((c) => special[c.from] ?? TEXT[c.from as keyof typeof TEXT]));
    this.width = columns.length;
    this.params = new Array(ROWS_PER_INSERT * this.width);
    this.many = sqlite.prepare(insertSql(this.names, ROWS_PER_INSERT));
    this.base = fileNo * 4294967296;
    this.ruleFields = ruleFields.map((f) => RULE_FIELDS[f]!);
  }

  add(batch: PackedLines): void {
    const p = this.params;
    const sources = this.sources;
    const width = this.width;
    const codes = batch.codes;
    const values = this.values;
    this.texts.begin(batch);
    for (let line = 0; line < batch.count; line++) {
      const at = line * TEXTS;
      for (let t = 0; t < TEXTS; t++) values[t] = this.texts.text(t, codes[at + t]!);
      const pence = batch.numbers[line * 2 + 1]!;
      const c = this.classify ? this.classifyLine(codes, at) : null;
      let o = this.filled * width;
      for (let k = 0; k < width; k++) {
        const from = sources[k]!;
        p[o++] =
          from >= 0 ? values[from] : from === -1 ? this.base + batch.numbers[line * 2]! : from === -2 ? pence : from === -3 ? this.periodEnd : from === -4 ? (c ? c.themeId : null) : c ? c.ruleId : null;
      }
      if (++this.filled === ROWS_PER_INSERT) {
        this.many.run(...p);
        this.filled = 0;
      }
      this.groups.add(codes, at, values, c, pence);
    }
    this.written += batch.count;
  }

  /** The rules' answer for a line, looked up by the codes of the fields rules look at. */
  private classifyLine(codes: Int32Array, at: number): Classification {
    const fields = this.ruleFields;
    let key: number | string;
    if (fields.length <= 3) {
      key = 0;
      for (const f of fields) {
        const code = codes[at + f]!;
        // A value sent as text has no code: ask the rules (they keep their own cache by text).
        if (code === LITERAL_CODE) return this.ask();
        key = key * CODE_BASE + code + 2;
      }
    } else {
      key = '';
      for (const f of fields) {
        const code = codes[at + f]!;
        if (code === LITERAL_CODE) return this.ask();
        key += `${code},`;
      }
    }
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = this.ask();
      this.answers.set(key, answer);
    }
    return answer;
  }

  private ask(): Classification {
    const v = this.values;
    return this.classify!(this.organisationId, v[TEXT.serviceArea]!, v[TEXT.expenseType]!, v[TEXT.supplier]!, v[TEXT.orgUnit]!, v[TEXT.description]!);
  }

  /**
   * Every different value the file's lines hold in a text field, or null when some came outside the
   * dictionary (a field too varied to code: see linePacking.ts). Call after the last batch.
   */
  valuesOf(field: keyof typeof TEXT): readonly string[] | null {
    const t = TEXT[field];
    return this.texts.uncoded[t] ? null : this.texts.dictionaries[t]!;
  }

  /** Every character of the file's values in a text field, folded as LIKE folds (columnChars.ts). Call after the last batch. */
  charsOf(field: keyof typeof TEXT): string {
    return this.texts.charsOf(TEXT[field]);
  }

  /** Writes the lines still held (fewer than a full statement's worth). */
  flush(): void {
    if (this.filled === 0) return;
    this.sqlite.prepare(insertSql(this.names, this.filled)).run(...this.params.slice(0, this.filled * this.width));
    this.filled = 0;
  }

  /** Forgets everything written (the file is being read again with the other date order). */
  reset(): void {
    this.sqlite.prepare('DELETE FROM spend_lines WHERE line_key >= ? AND line_key < ?').run(this.base, this.base + 4294967296);
    this.filled = 0;
    this.written = 0;
    this.groups.clear();
    // The second reading codes its values afresh.
    this.texts = new LineUnpacker();
    this.answers.clear();
  }
}
