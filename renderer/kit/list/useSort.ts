import { useSearchParams } from 'react-router';

export type SortValue = string | number | null | undefined;
export type Sorting = ReturnType<typeof useSort>;

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** Blanks sort last whichever way round; text by the reader's alphabet, numbers by size. */
function compare(a: SortValue, b: SortValue): number {
  const blankA = a === null || a === undefined || a === '';
  const blankB = b === null || b === undefined || b === '';
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * A list's sort order, kept in the URL beside its filters (`?sort=due` or `?sort=-due` for
 * descending) so it survives a reload. `keys` maps each sortable column's key to the value it
 * sorts by; with no `sort` in the URL the server's order is kept.
 */
export function useSort<T>(keys: Record<string, (row: T) => SortValue>, { param = 'sort' }: { /** For a second sortable table on one page. */ param?: string } = {}) {
  const [params, setParams] = useSearchParams();
  const raw = params.get(param) ?? '';
  const descending = raw.startsWith('-');
  const key = raw.replace(/^-/, '');
  const active = key in keys ? key : null;
  return {
    key: active,
    descending,
    /** Clicking the sorted column again turns the order round. */
    toggle(k: string) {
      const next = active === k && !descending ? `-${k}` : k;
      setParams((old) => {
        const url = new URLSearchParams(old);
        url.set(param, next);
        return url;
      }, { replace: true });
    },
    apply(rows: readonly T[]): T[] {
      if (!active) return [...rows];
      const by = keys[active]!;
      // Array.prototype.sort is stable: equal rows keep the server's order.
      return [...rows].sort((a, b) => {
        const c = compare(by(a), by(b));
        // Blanks stay last when the order is turned round.
        const blank = by(a) === null || by(a) === undefined || by(a) === '' || by(b) === null || by(b) === undefined || by(b) === '';
        return descending && !blank ? -c : c;
      });
    },
  };
}
