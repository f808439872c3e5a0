/** Money and percentages as people type and read them. Stored values are pence and fractions. */

/** "£1,234.56"; negatives as "−£1,234.56". */
export function gbp(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '—';
  const s = (Math.abs(pence) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${pence < 0 ? '−' : ''}£${s}`;
}

/** "£1.2m", "£350k" for chart axes. */
export function gbpShort(pence: number): string {
  const p = pence / 100;
  const a = Math.abs(p);
  const sign = p < 0 ? '−' : '';
  if (a >= 1e9) return `${sign}£${(a / 1e9).toFixed(1)}bn`;
  if (a >= 1e6) return `${sign}£${(a / 1e6).toFixed(1)}m`;
  if (a >= 1e3) return `${sign}£${(a / 1e3).toFixed(0)}k`;
  return `${sign}£${a.toFixed(0)}`;
}

/** Pence → the text shown in a pounds input ("1234.56"; blank for 0 is not used: 0 shows "0"). */
export const poundsInput = (pence: number): string => (pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2));

/** "£1,234.56" / "1234.5" / "" → pence; null when it is not an amount. Blank is 0. */
export function parsePounds(text: string): number | null {
  const t = text.replace(/[£,\s]/g, '');
  if (t === '') return 0;
  if (!/^\d+(\.\d{0,2})?$|^\.\d{1,2}$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** Fraction → "12.5" (percent). */
export const percentInput = (f: number | null): string => (f === null ? '' : String(Math.round(f * 10000) / 100));

/** "12.5" / "12.5%" → 0.125; null when not a percentage from 0 to 100. Blank is `blank`. */
export function parsePercent(text: string, blank: number | null = 0): number | null | 'invalid' {
  const t = text.replace(/[%\s]/g, '');
  if (t === '') return blank;
  if (!/^\d+(\.\d+)?$/.test(t)) return 'invalid';
  const n = Number(t);
  return n > 100 ? 'invalid' : n / 100;
}

export const pct = (f: number | null | undefined, digits = 1): string => (f === null || f === undefined ? '—' : `${(f * 100).toFixed(digits)} %`);
export const ratio = (b: number | null): string => (b === null ? '—' : b.toFixed(2));
