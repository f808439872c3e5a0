import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { Input, MethodName, Output } from '../../shared/contract';
import { callOrThrow, type CallError } from './client';

/** Reads through the contract; cached per method+input, refreshed after any mutation. */
export function useApi<K extends MethodName>(
  method: K,
  input: Input<K>,
  opts: Omit<UseQueryOptions<Output<K>, CallError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<Output<K>, CallError>({ queryKey: [method, input], queryFn: () => callOrThrow(method, input), ...opts });
}

/**
 * A write through the contract. On success every cached read is invalidated: writes are rare and
 * small, and a stale screen after an edit is worse than a re-fetch.
 */
export function useApiMutation<K extends MethodName>(method: K) {
  const qc = useQueryClient();
  return useMutation<Output<K>, CallError, Input<K>>({
    mutationFn: (input) => callOrThrow(method, input),
    onSuccess: () => qc.invalidateQueries(),
  });
}
