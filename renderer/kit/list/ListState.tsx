import type { ReactNode } from 'react';
import type { CallError } from '../../api/client';
import { ErrorSummary, Loading } from '../feedback/Feedback';

/** What a list needs from its query: `data` is undefined until the first answer arrives. */
export interface ListQuery<T> {
  data: T[] | undefined;
  isPending: boolean;
  error: CallError | null;
}

/** A list's four states in one place: loading, failed, empty (say what to do next), and the list. */
export function ListState<T>({ query, what, empty, children }: { query: ListQuery<T>; what: string; empty: ReactNode; children(items: T[]): ReactNode }) {
  const items = query.data;
  return (
    <>
      {query.isPending && <Loading what={what} />}
      <ErrorSummary error={query.error} />
      {items && items.length === 0 && empty}
      {items && items.length > 0 && children(items)}
    </>
  );
}
