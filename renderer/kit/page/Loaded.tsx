import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Input, MethodName, Output } from '../../../shared/contract';
import type { CallError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { ErrorSummary, Loading } from '../feedback/Feedback';

export interface QueryState<T> {
  isPending: boolean;
  error: CallError | null;
  data: T | undefined;
}

/**
 * Renders `children` once the query has its data: until then "Loading …", and on failure the
 * error, with a way back when the page was about one record that may have gone.
 */
export function Loaded<T>({ query, what, back, children }: { query: QueryState<T>; what: string; back?: { to: string; label: string }; children(data: T): ReactNode }) {
  if (query.isPending) return <Loading what={what} />;
  if (query.error || query.data === undefined) {
    if (!back) return <ErrorSummary error={query.error} />;
    return (
      <div className="page">
        <ErrorSummary error={query.error} />
        <Link to={back.to}>{back.label}</Link>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}

/** Reads `method` and renders `children` with its answer (see Loaded). */
export function LoadQuery<K extends MethodName>({ method, input, ...rest }: { method: K; input: Input<K>; what: string; back?: { to: string; label: string }; children(data: Output<K>): ReactNode }) {
  const query = useApi(method, input);
  return <Loaded query={query} {...rest} />;
}
