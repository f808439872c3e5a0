/**
 * What the savings figures rest on, stated as a Treasury annex does: the price base, the discount
 * basis and the parameter set, read from the estimates themselves (not assumed).
 */
import type { EstimateBasis } from '../../estimates/queries';
import { html, type SafeHtml } from '../html';
import { MONEY_NOTE } from '../money';

const SCHEDULES: Record<string, string> = {
  'green-book': 'the HM Treasury Green Book schedule (3.5% a year for years 1–30, 3.0% for 31–75, 2.5% for 76–125)',
  health: 'the Green Book health schedule (1.5% a year for years 1–30, 1.29% for 31–75, 1.07% for 76–125)',
};

const list = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

export function basisOf(basis: EstimateBasis['interventions']): { priceBase: string; discount: string; parameterSet: string } {
  const years = [...new Set(basis.map((i) => i.priceYear))].sort();
  const rates = [...new Set(basis.map((i) => ('rate' in i.discount ? `a constant ${(i.discount.rate * 100).toFixed(2).replace(/\.?0+$/, '')}% a year` : SCHEDULES[i.discount.schedule] ?? i.discount.schedule)))];
  const starts = [...new Set(basis.map((i) => i.startYear))].sort();
  return {
    priceBase:
      years.length === 1
        ? `${years[0]} prices (real terms)`
        : `Each estimate in its own price year (${list(years)}); the portfolio adds them as they are, without re-basing.`,
    discount: `${list(rates).replace(/^./, (c) => c.toUpperCase())}; each intervention is discounted to its own first year (${list(starts)}).`,
    parameterSet: 'The figures built into this version of the workbench (HM Treasury Green Book 2022 discount schedules); optimism bias, deadweight and attribution as entered for each estimate.',
  };
}

export function basisHtml(basis: EstimateBasis['interventions']): SafeHtml {
  const b = basisOf(basis);
  return html`<dl class="facts basis">
    <dt>Price base</dt><dd>${b.priceBase}</dd>
    <dt>Discounting</dt><dd>${b.discount}</dd>
    <dt>Parameter set</dt><dd>${b.parameterSet}</dd>
    <dt>Rounding</dt><dd>${MONEY_NOTE}</dd>
  </dl>`;
}
