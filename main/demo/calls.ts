/** What both halves of the demo builder share: how they call the dispatcher, and dates relative to today. */
import type { Input, MethodName, Output } from '../../shared/contract';
import { financialYearAt } from '../../shared/calc/financialYear';
import { financialYear } from '../../shared/calc/spendDates';

/** A dispatcher call that throws (AppError) on a failed Result: the demo stops at the first refusal. */
export type Call = <K extends MethodName>(method: K, input: Input<K>) => Promise<Output<K>>;

export const daysFrom = (now: Date, days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** The UK financial year (April to March) of a day, and the one `offset` years after it: "2026-27". */
export const financialYearOf = (d: Date, offset = 0): string => financialYearAt(financialYear(d.toISOString().slice(0, 10)), offset);
