/** Counts, shares and sizes as people read them (en-GB). Shares are stored as fractions 0–1. */

/** "3,000", "1.25": digits grouped; at most `maxDecimals` places (3 unless said). */
export const formatNumber = (n: number, maxDecimals?: number): string => n.toLocaleString('en-GB', maxDecimals === undefined ? undefined : { maximumFractionDigits: maxDecimals });

/** 0.125 → "12.5 %"; a missing share is "—". */
export const formatPercent = (fraction: number | null | undefined, digits = 1): string =>
  fraction === null || fraction === undefined ? '—' : `${(fraction * 100).toFixed(digits)} %`;

/** A benefit-cost ratio to two places; "—" when there are no costs to divide by. */
export const formatRatio = (ratio: number | null): string => (ratio === null ? '—' : ratio.toFixed(2));

/** Fraction → the text of a percentage field ("12.5"). */
export const percentInput = (fraction: number | null): string => (fraction === null ? '' : String(Math.round(fraction * 10000) / 100));

/** "12.5" / "12.5%" → 0.125; 'invalid' when not a percentage from 0 to `max` (100 unless said). Blank reads as `blank`. */
export function parsePercent(text: string, blank: number | null = 0, max = 100): number | null | 'invalid' {
  const t = text.replace(/[%\s]/g, '');
  if (t === '') return blank;
  if (!/^\d+(\.\d+)?$/.test(t)) return 'invalid';
  const n = Number(t);
  return n > max ? 'invalid' : n / 100;
}

/** File sizes in binary units. Attachment lists show whole KB; the bundle preview one decimal. */
export function formatBytes(n: number, { kbDigits = 0 }: { kbDigits?: number } = {}): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(kbDigits)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** A share as a whole percentage that never rounds a little to nothing, or nearly all to everything. */
export function formatShare(part: number, whole: number): string {
  if (whole === 0 || part === 0) return '0%';
  if (part === whole) return '100%';
  const p = (part / whole) * 100;
  return p < 1 ? 'under 1%' : p > 99 ? 'over 99%' : `${Math.round(p)}%`;
}

/**
 * A count with its noun, agreeing: "1 attachment", "2 attachments", "1,204 lines", "1 entry".
 * The plural is the singular plus "s" unless given. The renderer's one way to label a count.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}
