import { useState } from 'react';
import { binder } from '../form/binder';

type FilterValues = Record<string, string | boolean>;
type Active<V> = { [K in keyof V]?: V[K] extends boolean ? true : string };

/**
 * A list's filter fields. `active` holds only the filters that are set (text trimmed, ticks
 * true), ready to send as the list method's filter.
 */
export function useFilters<V extends FilterValues>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const set =
    <K extends keyof V>(k: K) =>
    (value: V[K]) =>
      setValues((old) => ({ ...old, [k]: value }));
  const active: Record<string, string | true> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' ? v.trim() : v) active[k] = typeof v === 'string' ? v.trim() : true;
  }
  return {
    values,
    set,
    active: active as Active<V>,
    any: Object.keys(active).length > 0,
    bind: binder(values, set),
  };
}
