import { formatPounds } from '../../../shared/calc/spendMoney';
import type { MappingConfidence } from '../../../shared/domain/spend';

export { formatPounds };

/** Whole pounds for charts and tiles ("£1.2m", "£35k"). */
export function shortPounds(pence: number): string {
  const p = pence / 100;
  const abs = Math.abs(p);
  if (abs >= 1e6) return `${p < 0 ? '-' : ''}£${(abs / 1e6).toFixed(1)}m`;
  if (abs >= 1e3) return `${p < 0 ? '-' : ''}£${(abs / 1e3).toFixed(0)}k`;
  return `${p < 0 ? '-' : ''}£${abs.toFixed(0)}`;
}

export const CONFIDENCE_TEXT: Record<MappingConfidence, string> = {
  saved: 'Saved for this source last time',
  chosen: 'Your choice',
  high: 'Guessed with high confidence',
  medium: 'Guessed with medium confidence: please check',
  low: 'Guessed from the data alone: please check',
};

/** Theme colours for the charts, each dark enough for white labels (contrast above 4.5:1). */
export const PALETTE = ['#1d70b8', '#00703c', '#6f3c99', '#8a5a00', '#b0261a', '#003078', '#912b88', '#00615e', '#4c2c92', '#5c5c00'];
export const UNCLASSIFIED_COLOUR = '#505a5f';
