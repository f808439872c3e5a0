/** One search over everything the team holds: what can be asked, and what comes back, grouped by kind. */
import { z } from 'zod';
import { SENSITIVITIES, type Sensitivity } from './evidence';

export const SEARCH_KINDS = ['evidence', 'quote', 'hypothesis', 'learning', 'action', 'intervention', 'supplier', 'spend'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  evidence: 'Evidence',
  quote: 'Quotes',
  hypothesis: 'Hypotheses',
  learning: 'Learning log',
  action: 'Actions',
  intervention: 'Interventions',
  supplier: 'Suppliers',
  spend: 'Spend descriptions',
};

export const MAX_SEARCH_PER_KIND = 200;

export const SearchAllInput = z.object({
  query: z.string().trim().min(1, 'Type something to search for').max(200, 'Keep the search under 200 characters'),
  /** Only these kinds (all when absent or empty). */
  kinds: z.array(z.enum(SEARCH_KINDS, { error: `Kind must be one of: ${SEARCH_KINDS.join(', ')}` })).max(SEARCH_KINDS.length).optional(),
  /**
   * Only records of these sensitivities (all when absent or empty). Hypotheses carry none and are
   * always included; published spend (suppliers, descriptions) counts as public.
   */
  sensitivities: z.array(z.enum(SENSITIVITIES)).max(SENSITIVITIES.length).optional(),
  /** Best matches per kind. */
  limit: z.number().int().min(1).max(MAX_SEARCH_PER_KIND).default(10),
});

export interface SearchAllHit {
  kind: SearchKind;
  id: string;
  title: string;
  /** Text with the matched words between SNIPPET_START and SNIPPET_END (shared/domain/evidence). */
  snippet: string;
  /** bm25 within its kind: lower is better. */
  score: number;
  sensitivity: Sensitivity | null;
  /** Where the hit opens in the app. */
  href: string;
  /** A short line of context: the item a quote is from, a supplier's payments, … */
  context: string | null;
  citizenPerspective?: boolean;
}

export interface SearchGroup {
  kind: SearchKind;
  hits: SearchAllHit[];
  /** All matches of this kind (hits may be fewer: the limit, the sensitivity filter). */
  total: number;
}

export interface SearchResult {
  query: string;
  groups: SearchGroup[];
  /** Time the search took on the service side, for the curious. */
  ms: number;
}
