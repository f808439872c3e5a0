import { z } from 'zod';
import { SearchAllInput, type SearchResult } from '../domain/search';
import { command, query } from './define';

// Methods of the search over everything the team holds.
export const searchContract = {
  'search.all': query<SearchResult>()(SearchAllInput),
  /** Brings the index up to date: the text of unread attachments, the suppliers of newly imported spend files. */
  'search.reindex': command<{ attachments: { indexed: number; noText: number; unreadable: number; remaining: number }; spendFiles: number }>()(z.object({}).default({})),
};
