/**
 * A form's starting values: the record's own where it has them, the blank (or default) where it
 * has none (nulls become blank text), or all blanks for a new record.
 */
export function valuesFrom<V extends object>(record: { [K in keyof V]?: V[K] | null } | null, blank: V): V {
  const values = { ...blank };
  for (const k of Object.keys(blank) as (keyof V)[]) values[k] = record?.[k] ?? blank[k];
  return values;
}
