/**
 * The aggregate an import adds to spend_groups (organisation × year × theme × rule × service area
 * × expense type), counted as the lines are written. A line's group is found by the dictionary
 * codes of its year, service area and expense type and the rules' answer (see linePacking.ts): one
 * number per line rather than a string built for it; a value sent as text falls back to its text.
 */
import type { Classification } from './classify';
import { CODE_BASE, LITERAL_CODE, TEXT } from './linePacking';

export interface GroupTotal {
  financialYear: string;
  themeKey: string;
  ruleKey: string;
  serviceArea: string;
  expenseType: string;
  rows: number;
  pence: number;
}

/** Different answers (rules that matched, and none) told apart in the numeric key. */
const MAX_NUMBERED_ANSWERS = 64;

export class LineGroups {
  private readonly groups = new Map<number | string, GroupTotal>();
  private readonly answerNumbers = new Map<Classification, number>();

  add(codes: Int32Array, at: number, values: (string | null)[], c: Classification, pence: number): void {
    const fy = codes[at + TEXT.financialYear]!;
    const sa = codes[at + TEXT.serviceArea]!;
    const et = codes[at + TEXT.expenseType]!;
    let n = this.answerNumbers.get(c);
    if (n === undefined) this.answerNumbers.set(c, (n = this.answerNumbers.size));
    const key =
      fy === LITERAL_CODE || sa === LITERAL_CODE || et === LITERAL_CODE || n >= MAX_NUMBERED_ANSWERS
        ? `${values[TEXT.financialYear]}\u0000${c?.themeId ?? ''}\u0000${c?.ruleId ?? ''}\u0000${values[TEXT.serviceArea] ?? ''}\u0000${values[TEXT.expenseType] ?? ''}`
        : (((fy + 2) * CODE_BASE + sa + 2) * CODE_BASE + et + 2) * MAX_NUMBERED_ANSWERS + n;
    const g = this.groups.get(key);
    if (g) {
      g.rows++;
      g.pence += pence;
    } else {
      this.groups.set(key, {
        financialYear: values[TEXT.financialYear]!,
        themeKey: c?.themeId ?? '',
        ruleKey: c?.ruleId ?? '',
        serviceArea: values[TEXT.serviceArea] ?? '',
        expenseType: values[TEXT.expenseType] ?? '',
        rows: 1,
        pence,
      });
    }
  }

  /** Groups by their values (a group met under a numeric and a text key is one group). */
  list(): GroupTotal[] {
    const merged = new Map<string, GroupTotal>();
    for (const g of this.groups.values()) {
      const k = `${g.financialYear}\u0000${g.themeKey}\u0000${g.ruleKey}\u0000${g.serviceArea}\u0000${g.expenseType}`;
      const m = merged.get(k);
      if (m) {
        m.rows += g.rows;
        m.pence += g.pence;
      } else merged.set(k, { ...g });
    }
    return [...merged.values()];
  }

  clear(): void {
    this.groups.clear();
    this.answerNumbers.clear();
  }
}
