/**
 * Estimated vs realised benefits over time. A benefit's full-year value is expected to flow
 * evenly, one twelfth a month, from the month it starts (that month counted in full): the plain
 * profile a benefits register uses when nobody has a better one. Pure: plain numbers in, pence out.
 */

/** "2026-03" → months since year 0, so months can be subtracted. */
export const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

export const monthOf = (isoDate: string): string => isoDate.slice(0, 7);

export function monthFromIndex(i: number): string {
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** What should have been realised by the end of `month`: full-year × months elapsed ÷ 12, in whole pence. */
export function expectedByMonth(fullYearPence: number, startsOn: string | null, month: string): number {
  if (!startsOn) return 0;
  const months = monthIndex(month) - monthIndex(monthOf(startsOn)) + 1;
  return months <= 0 ? 0 : Math.round((fullYearPence * months) / 12);
}

export interface BenefitForSeries {
  fullYearPence: number;
  startsOn: string | null;
  realisations: { realisedOn: string; realisedPence: number }[];
}

/**
 * Cumulative estimated and realised pence at the end of each month, from the first month anything
 * starts or is realised to `untilMonth` (or the last realisation, if later).
 */
export function benefitSeries(benefits: BenefitForSeries[], untilMonth: string): { month: string; estimatedPence: number; realisedPence: number }[] {
  const months: number[] = [];
  for (const b of benefits) {
    if (b.startsOn) months.push(monthIndex(monthOf(b.startsOn)));
    for (const r of b.realisations) months.push(monthIndex(monthOf(r.realisedOn)));
  }
  if (months.length === 0) return [];
  const first = Math.min(...months);
  const last = Math.max(monthIndex(untilMonth), ...months);
  const out = [];
  for (let i = first; i <= last; i++) {
    const month = monthFromIndex(i);
    let estimatedPence = 0;
    let realisedPence = 0;
    for (const b of benefits) {
      estimatedPence += expectedByMonth(b.fullYearPence, b.startsOn, month);
      for (const r of b.realisations) if (monthIndex(monthOf(r.realisedOn)) <= i) realisedPence += r.realisedPence;
    }
    out.push({ month, estimatedPence, realisedPence });
  }
  return out;
}

/** "£1,234,567" for whole pounds (report and tiles); pence are kept in the data. */
export function formatPounds(pence: number, opts: { pence?: boolean } = {}): string {
  const digits = opts.pence ? 2 : 0;
  const sign = pence < 0 ? '-' : '';
  return `${sign}£${(Math.abs(pence) / 100).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** "£1.2m", "£350k": ranges on a tile. */
export function formatPoundsShort(pence: number): string {
  const pounds = pence / 100;
  const abs = Math.abs(pounds);
  const sign = pounds < 0 ? '-' : '';
  if (abs >= 1e9) return `${sign}£${(abs / 1e9).toFixed(1)}bn`;
  if (abs >= 1e6) return `${sign}£${(abs / 1e6).toFixed(1)}m`;
  if (abs >= 1e3) return `${sign}£${Math.round(abs / 1e3)}k`;
  return `${sign}£${Math.round(abs)}`;
}

/**
 * What a person types for money ("£12,000", "1,234.5", "-£20") → integer pence, or null when it
 * is not an amount. At most two decimal places: fractions of a penny are refused, not rounded.
 */
export function parsePoundsToPence(text: string): number | null {
  const t = text.trim().replace(/,/g, '').replace(/\s/g, '');
  const m = /^(-)?£?(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m || (m[1] && m[2])) return null;
  const pence = Number(m[3]) * 100 + Number((m[4] ?? '').padEnd(2, '0'));
  return m[1] || m[2] ? -pence : pence;
}

/** Integer pence → the text a money field shows ("12000.50", "0"). */
export const penceToInput = (pence: number): string => (pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2));
