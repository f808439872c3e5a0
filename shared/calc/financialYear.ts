/** UK financial years ("2010-11": April 2010 to March 2011), as estimates, unit costs and deflators name them. */
import { z } from 'zod';

/** "2010-11": a UK financial year, the second part being the year after the first. */
export const FINANCIAL_YEAR_RE = /^(\d{4})-(\d{2})$/;
export const isFinancialYear = (s: string): boolean => {
  const m = FINANCIAL_YEAR_RE.exec(s);
  return !!m && (Number(m[1]) + 1) % 100 === Number(m[2]);
};
export const FinancialYear = (name = 'The year') =>
  z
    .string({ error: `${name} is required (a financial year like 2026-27)` })
    .trim()
    .regex(FINANCIAL_YEAR_RE, `${name} must be a financial year like 2026-27`)
    .refine(isFinancialYear, `${name} must be two consecutive years, like 2026-27`);

/** The financial year `offset` years after `start` ("2010-11", 2 → "2012-13"). */
export function financialYearAt(start: string, offset: number): string {
  const first = Number(start.slice(0, 4)) + offset;
  return `${first}-${String((first + 1) % 100).padStart(2, '0')}`;
}
