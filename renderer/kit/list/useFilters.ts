import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { binder } from '../form/binder';

type FilterValues = Record<string, string | boolean>;
type Active<V> = { [K in keyof V]?: V[K] extends boolean ? true : string };

/** The filter values a URL holds, on top of the defaults. */
function fromParams<V extends FilterValues>(initial: V, params: URLSearchParams): V {
  const values: FilterValues = { ...initial };
  for (const [k, v] of Object.entries(initial)) {
    const inUrl = params.get(k);
    if (inUrl !== null) values[k] = typeof v === 'boolean' ? inUrl === '1' : inUrl;
  }
  return values as V;
}

/** The URL with these filter values written in (unset ones removed), other parameters kept. */
function toParams<V extends FilterValues>(initial: V, values: V, old: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(old);
  for (const k of Object.keys(initial)) {
    const v = values[k];
    if (v === '' || v === false || v === undefined) next.delete(k);
    else next.set(k, v === true ? '1' : String(v));
  }
  return next;
}

/**
 * A list's filter fields, kept in the page's URL (`/#/evidence?kind=..`) so a reload, a bookmark
 * or Back brings the same list back. The fields read local state (typing stays instant and the
 * caret never jumps); each change is written to the URL, replacing the entry so a search box
 * leaves no history per key press. A URL changed from outside (a link) resets the fields.
 * `active` holds only the filters that are set (text trimmed, ticks true), ready to send as the
 * list method's filter.
 */
export function useFilters<V extends FilterValues>(initial: V) {
  const [params, setParams] = useSearchParams();
  const [values, setValues] = useState<V>(() => fromParams(initial, params));
  const written = useRef(params.toString());
  const search = params.toString();
  useEffect(() => {
    if (search === written.current) return;
    written.current = search;
    setValues(fromParams(initial, new URLSearchParams(search)));
    // `initial` is a fresh literal on every render; only the URL matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  const set =
    <K extends keyof V>(k: K) =>
    (value: V[K]) => {
      const next = { ...values, [k]: value };
      setValues(next);
      setParams(
        (old) => {
          const url = toParams(initial, next, old);
          written.current = url.toString();
          return url;
        },
        { replace: true },
      );
    };
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
