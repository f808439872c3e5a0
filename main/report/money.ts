/**
 * Money as the report prints it, the way a Treasury annex does: headline figures rounded to one
 * decimal place in £k or £m (a board reads "£12.3m", not "£12,345,678.91"), exact pence in the
 * appendix tables and the extracts. Negative values carry the typographic minus, which screen
 * readers say as "minus".
 */
const MINUS = '\u2212';

/** "£12.3m", "£450.2k", "£950", "−£1.2m", "£2.1bn". */
export function money(pence: number): string {
  const sign = pence < 0 ? MINUS : '';
  const pounds = Math.abs(pence) / 100;
  if (pounds >= 1e9) return `${sign}£${(pounds / 1e9).toFixed(1)}bn`;
  if (pounds >= 999_950) return `${sign}£${(pounds / 1e6).toFixed(1)}m`;
  if (pounds >= 999.5) return `${sign}£${(pounds / 1e3).toFixed(1)}k`;
  return `${sign}£${Math.round(pounds)}`;
}

/** "£1,234,567.89": appendix tables. */
export function exactMoney(pence: number): string {
  const sign = pence < 0 ? MINUS : '';
  return `${sign}£${(Math.abs(pence) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export const MONEY_NOTE =
  'Money in the text, the charts and the headline tables is rounded to one decimal place in thousands (£k), millions (£m) or billions (£bn); the appendix tables and the extracts give every figure exactly, to the penny.';
