/**
 * Money as the renderer shows and reads it. Amounts are stored as integer pence (ARCHITECTURE
 * rule 7); every page formats and parses them here, so a figure reads the same on every screen.
 */

export interface MoneyStyle {
  /** Whole pounds ("£12,000"): registers and tiles, where pence are noise. */
  whole?: boolean;
  /** "£350k", "£1.2m", "£2.1bn": chart axes and headline tiles. */
  compact?: boolean;
  /** "£0.53m", "£1.70m": every figure of a table that holds millions, in the one unit. */
  millions?: boolean;
}

/**
 * The one unit a table of figures is written in: whole pounds, or millions to two places when
 * any figure in it reaches £1m (so a row never mixes "£534,907" with "£1.4m", and four columns
 * still fit). Exact pence stay one step away: the figure's tooltip and the drill-down tables.
 */
export type MoneyScale = 'pounds' | 'millions';
export const MILLION_PENCE = 100_000_000;
export const scaleFor = (figures: readonly (number | null | undefined)[]): MoneyScale =>
  figures.some((p) => p !== null && p !== undefined && Math.abs(p) >= MILLION_PENCE) ? 'millions' : 'pounds';

/** Figures for reading (summaries, tooltips, sentences): whole pounds; tables give the pence. */
export const READING: MoneyStyle = { whole: true };

/** The typographic minus (U+2212): screen readers say it as "minus", and it is as wide as a digit. */
export const MINUS = '\u2212';

/** Pence → "£1,234.56" ("−£1,234.56" below zero); a missing figure is "—". */
export function formatMoney(pence: number | null | undefined, { whole = false, compact = false, millions = false }: MoneyStyle = {}): string {
  if (pence === null || pence === undefined) return '—';
  const pounds = Math.abs(pence) / 100;
  // Nothing left after rounding has no sign: "£0", never "−£0" (nor "−£0.00m").
  const rounded = millions ? Math.round(pounds / 10_000) : whole || compact ? Math.round(pounds) : 1;
  const sign = pence < 0 && rounded > 0 ? MINUS : '';
  if (millions) return rounded === 0 ? '£0' : `${sign}£${(pounds / 1e6).toFixed(2)}m`;
  if (compact) return `${sign}£${compactPounds(pounds)}`;
  // Any whole number of pence below 2^53 survives the division exactly enough to round back to itself.
  const digits = whole ? 0 : 2;
  return `${sign}£${pounds.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

function compactPounds(pounds: number): string {
  if (pounds >= 1e9) return `${(pounds / 1e9).toFixed(1)}bn`;
  if (pounds >= 1e6) return `${(pounds / 1e6).toFixed(1)}m`;
  if (pounds >= 1e3) return `${(pounds / 1e3).toFixed(0)}k`;
  return pounds.toFixed(0);
}

/** Pence → what a money field shows while editing ("1234.56", "12000"). */
export const poundsInput = (pence: number): string => (pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2));

/**
 * What a person types ("£12,000", "1234.5", ".5") → pence, or null when it is not an amount.
 * Fractions of a penny are refused, not rounded. Negative amounts only where `negative` says so
 * (a realisation can be a clawback; a cost cannot).
 */
export function parsePounds(text: string, { blank = 0, negative = false }: { blank?: number | null; negative?: boolean } = {}): number | null {
  // A pasted figure may carry the typographic minus this formatter writes.
  const t = text.replace(/[,\s]/g, '').replace(/\u2212/g, '-');
  if (t === '') return blank;
  const m = /^(-?)£?(-?)(\d*)(?:\.(\d{0,2}))?$/.exec(t);
  if (!m || (m[1] && m[2]) || (!m[3] && !m[4])) return null;
  const minus = Boolean(m[1] || m[2]);
  if (minus && !negative) return null;
  const pence = Number(m[3] || '0') * 100 + Number((m[4] ?? '').padEnd(2, '0'));
  return minus ? -pence : pence;
}
