import type { Discount } from './estimateModel';

/**
 * HM Treasury Green Book (2022, Annex 6) declining long-term discount rate schedule:
 * 3.5 % for years 1–30, 3.0 % for 31–75, 2.5 % for 76–125, 2.0 % for 126–200, 1.5 % for 201–300,
 * 1.0 % after. Year 0 is not discounted.
 */
export function greenBookRate(t: number): number {
  if (t <= 30) return 0.035;
  if (t <= 75) return 0.03;
  if (t <= 125) return 0.025;
  if (t <= 200) return 0.02;
  if (t <= 300) return 0.015;
  return 0.01;
}

/** DF(0) = 1; DF(t) = DF(t−1) / (1 + r_t). */
export function discountFactors(years: number, discount: Discount): Float64Array {
  const df = new Float64Array(years);
  let f = 1;
  for (let t = 0; t < years; t++) {
    if (t > 0) f /= 1 + ('rate' in discount ? discount.rate : greenBookRate(t));
    df[t] = f;
  }
  return df;
}
