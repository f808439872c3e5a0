import { SNIPPET_END, SNIPPET_START } from '../../shared/domain/evidence';
import { MAX_SEARCH_PER_KIND, SEARCH_KINDS, SEARCH_KIND_LABELS, type SearchKind } from '../../shared/domain/search';
import { list, str, unwrap, UsageError, type Verb } from '../cli/io';
import { indexSpendFiles } from './spendIndex';

const plain = (s: string) => s.replaceAll(SNIPPET_START, '[').replaceAll(SNIPPET_END, ']');

export const searchVerb: Verb = {
  words: ['search'],
  usage: `tpw search <words…> [--kind ${SEARCH_KINDS.join('|')}]… [--limit <n per kind>] [--json]`,
  summary: 'Search everything: evidence, quotes, attachment text, hypotheses, learning, actions, interventions, suppliers, spend descriptions',
  options: { kind: { type: 'string', multiple: true }, limit: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const query = args.positionals.join(' ');
    if (!query.trim()) throw new UsageError('Give some words to search for');
    const kinds = list(args, 'kind');
    const unknown = kinds.find((k) => !(SEARCH_KINDS as readonly string[]).includes(k));
    if (unknown) throw new UsageError(`--kind must be one of: ${SEARCH_KINDS.join(', ')} (not "${unknown}")`);
    const limitText = str(args, 'limit');
    const limit = limitText === undefined ? 10 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_PER_KIND) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_SEARCH_PER_KIND}`);
    // Suppliers of spend files imported since the last search are filed first (a writable file only).
    if (!wb!.readOnly) indexSpendFiles(wb!.ctx);
    const r = unwrap(await wb!.dispatch('search.all', { query, limit, ...(kinds.length ? { kinds: kinds as SearchKind[] } : {}) }));
    const hits = r.groups.flatMap((g) => g.hits);
    return {
      json: hits.map((h) => ({ kind: h.kind, id: h.id, title: h.title, snippet: plain(h.snippet), context: h.context, sensitivity: h.sensitivity, score: h.score })),
      text: r.groups.length
        ? r.groups
            .map((g) => `${SEARCH_KIND_LABELS[g.kind]} (${g.total})\n${g.hits.map((h, i) => `  ${i + 1}. ${h.title}  (${h.id})\n     ${plain(h.snippet)}${h.context ? `\n     ${h.context}` : ''}`).join('\n')}`)
            .join('\n\n')
        : `Nothing matches "${query}".`,
    };
  },
};

export const searchVerbs: Verb[] = [searchVerb];
