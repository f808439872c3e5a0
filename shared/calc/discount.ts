import type { Discount } from './estimateModel';
import { DEFAULT_SCHEDULES, rateAt, type Schedules } from './parameterSets';

/** The Green Book's standard rate for year t in the shipped parameter set (3.5 % for years 1–30, declining after). */
export const greenBookRate = (t: number): number => rateAt(DEFAULT_SCHEDULES['green-book'], t);

/**
 * DF(0) = 1; DF(t) = DF(t−1) / (1 + r_t), r_t from the named schedule of the estimate's parameter
 * set (the Green Book's standard or health schedule) or a constant rate.
 */
export function discountFactors(years: number, discount: Discount, schedules: Schedules = DEFAULT_SCHEDULES): Float64Array {
  const df = new Float64Array(years);
  const bands = 'rate' in discount ? null : schedules[discount.schedule];
  let f = 1;
  for (let t = 0; t < years; t++) {
    if (t > 0) f /= 1 + (bands ? rateAt(bands, t) : (discount as { rate: number }).rate);
    df[t] = f;
  }
  return df;
}

/** A stable key for a discount setting, so lines sharing one share their factors. */
export const discountKey = (d: Discount): string => ('rate' in d ? `rate:${d.rate}` : d.schedule);
