import { keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { Input } from '../../../shared/contract';
import type { EvidencePage } from '../../../shared/domain/evidence';
import { callOrThrow, type CallError } from '../../api/client';

export type EvidenceFilterInput = Omit<NonNullable<Input<'evidence.list'>>, 'limit' | 'offset'>;
const PAGE = 200;

/** The list in pages fetched on demand as the user scrolls: 100,000 items never load at once. */
export function useEvidencePages(filter: EvidenceFilterInput) {
  return useInfiniteQuery<EvidencePage, CallError, InfiniteData<EvidencePage>, unknown[], number>({
    // Starts with the method name so every mutation's blanket invalidation refreshes it too.
    queryKey: ['evidence.list', 'pages', filter],
    initialPageParam: 0,
    queryFn: ({ pageParam }) => callOrThrow('evidence.list', { ...filter, limit: PAGE, offset: pageParam }),
    getNextPageParam: (last) => (last.offset + last.items.length < last.total ? last.offset + last.items.length : undefined),
    placeholderData: keepPreviousData,
  });
}
