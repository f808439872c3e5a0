import type { ReactNode } from 'react';
import { EmptyState } from '../feedback/Feedback';
import { ListState, type ListQuery } from './ListState';

interface FilteredListProps<T> {
  /** Names the search landmark, e.g. "Filter hypotheses". */
  label: string;
  filters: ReactNode;
  /** "filters" lays the fields out in a row; "" for a lone search box. */
  formClassName?: string;
  /** Between the filters and the list (view switches). */
  toolbar?: ReactNode;
  query: ListQuery<T>;
  what: string;
  /** Whether any filter is set: an empty result then means "nothing matches", not "nothing yet". */
  filtered: boolean;
  /** Shown when there is nothing at all yet: what to do first. */
  empty: ReactNode;
  noMatch: string;
  noMatchHint?: string;
  children(items: T[]): ReactNode;
}

/** Filters above a list; the list's loading, error and empty states; then the list. */
export function FilteredList<T>({ label, filters, formClassName = 'filters', toolbar, filtered, empty, noMatch, noMatchHint = 'Clear a filter to see more.', ...list }: FilteredListProps<T>) {
  return (
    <>
      <form className={formClassName || undefined} role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
        {filters}
      </form>
      {toolbar}
      <ListState
        {...list}
        empty={
          filtered ? (
            <EmptyState title={noMatch}>
              <p>{noMatchHint}</p>
            </EmptyState>
          ) : (
            empty
          )
        }
      />
    </>
  );
}
