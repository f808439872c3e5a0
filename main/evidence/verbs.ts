import path from 'node:path';
import { ById } from '../../shared/domain/common';
import {
  ACH_RATINGS,
  EVIDENCE_KINDS,
  EVIDENCE_KIND_LABELS,
  EvidenceInput,
  LINK_WEIGHTS,
  SENSITIVITIES,
  SNIPPET_END,
  SNIPPET_START,
  type EvidenceKind,
} from '../../shared/domain/evidence';
import { AppError } from '../../shared/errors';
import { fromPath } from './sources';
import { addEvidence } from './service';
import { list, str, table, unwrap, UsageError, type Verb } from '../cli/io';

const kb = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export const evidenceAddVerb: Verb = {
  words: ['evidence', 'add'],
  usage: `tpw evidence add --title <text> [--kind ${EVIDENCE_KINDS.join('|')}] [--summary <text>] [--source <text>] [--org <name>] [--observed <YYYY-MM-DD>] [--collected-by <name>] [--sensitivity ${SENSITIVITIES.join('|')}] [--citizen] [--tag <tag>]… [--attach <file>]…`,
  summary: 'Add an evidence item, with attachments (all or nothing)',
  options: {
    title: { type: 'string' },
    kind: { type: 'string' },
    summary: { type: 'string' },
    source: { type: 'string' },
    org: { type: 'string' },
    observed: { type: 'string' },
    'collected-by': { type: 'string' },
    sensitivity: { type: 'string' },
    citizen: { type: 'boolean' },
    tag: { type: 'string', multiple: true },
    attach: { type: 'string', multiple: true },
  },
  needsDb: true,
  async run(args, wb) {
    const ctx = wb!.ctx;
    let organisationId: string | null = null;
    const orgName = str(args, 'org');
    if (orgName) {
      const orgs = unwrap(await wb!.dispatch('organisation.list', {}));
      const org = orgs.find((o) => o.name.toLowerCase() === orgName.trim().toLowerCase());
      if (!org) throw new AppError('INVALID_INPUT', `No organisation is called "${orgName}". Add it first with \`tpw org add --name "${orgName}"\`.`);
      organisationId = org.id;
    }
    const parsed = EvidenceInput.parse({
      title: str(args, 'title') ?? '',
      kind: str(args, 'kind'),
      summary: str(args, 'summary'),
      source: str(args, 'source'),
      organisationId,
      observedOn: str(args, 'observed'),
      collectedBy: str(args, 'collected-by'),
      sensitivity: str(args, 'sensitivity'),
      tags: list(args, 'tag'),
      ...(args.values.citizen === true ? { citizenPerspective: true } : {}),
    });
    const { uploadIds: _none, ...data } = parsed;
    // The CLI reads the user's files in place: no staging copy, one stream straight into the store.
    const files = list(args, 'attach').map((f) => fromPath(path.resolve(f), path.basename(f)));
    const item = await addEvidence(ctx, data, files);
    const lines = [`Added evidence ${item.id}: ${item.title} (${EVIDENCE_KIND_LABELS[item.kind]}, ${item.sensitivity})`];
    for (const a of item.attachments) lines.push(`  attached ${a.fileName} (${kb(a.size)}, sha256 ${a.sha256.slice(0, 12)}…)`);
    return { json: item, text: lines.join('\n') };
  },
};

export const evidenceLinkVerb: Verb = {
  words: ['evidence', 'link'],
  usage: `tpw evidence link <evidenceId> <hypothesisId> --rating ${ACH_RATINGS.join('|')} [--credibility ${LINK_WEIGHTS.join('|')}] [--relevance ${LINK_WEIGHTS.join('|')}] [--weight <both>] [--note <text>]`,
  summary: 'Link evidence to a hypothesis with an ACH rating (CC strongly consistent … II strongly inconsistent), credibility and relevance',
  options: { rating: { type: 'string' }, weight: { type: 'string' }, credibility: { type: 'string' }, relevance: { type: 'string' }, note: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const [evidenceId, hypothesisId] = args.positionals;
    if (!evidenceId || !hypothesisId) throw new UsageError('Give the evidence id and the hypothesis id');
    const rating = str(args, 'rating');
    if (!rating) throw new UsageError('--rating is required');
    const link = unwrap(
      await wb!.dispatch('evidence.link', {
        evidenceId,
        hypothesisId,
        rating: rating.toUpperCase() as (typeof ACH_RATINGS)[number],
        weight: (str(args, 'weight') ?? 'medium') as (typeof LINK_WEIGHTS)[number],
        ...(str(args, 'credibility') ? { credibility: str(args, 'credibility') as (typeof LINK_WEIGHTS)[number] } : {}),
        ...(str(args, 'relevance') ? { relevance: str(args, 'relevance') as (typeof LINK_WEIGHTS)[number] } : {}),
        note: str(args, 'note') ?? null,
      }),
    );
    return { json: link, text: `Linked: rated ${link.rating} (credibility ${link.credibility}, relevance ${link.relevance}) — link id ${link.id}` };
  },
};

const plainSnippet = (s: string) => s.replaceAll(SNIPPET_START, '[').replaceAll(SNIPPET_END, ']');

export const evidenceSearchVerb: Verb = {
  words: ['evidence', 'search'],
  usage: 'tpw evidence search <words…> [--limit <n>] [--json]',
  summary: 'Full-text search of evidence (titles, summaries, tags, text attachments), best match first',
  options: { limit: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const query = args.positionals.join(' ');
    if (!query.trim()) throw new UsageError('Give some words to search for');
    const limitText = str(args, 'limit');
    const limit = limitText === undefined ? 25 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError('--limit must be a whole number from 1 to 200');
    const hits = unwrap(await wb!.dispatch('evidence.search', { query, limit }));
    // In JSON the highlight markers become [ ] so scripts see plain text.
    const json = hits.map((h) => ({ ...h, snippet: plainSnippet(h.snippet) }));
    return {
      json,
      text: hits.length
        ? hits.map((h, i) => `${i + 1}. ${h.title}  (${h.evidenceId})\n   ${plainSnippet(h.snippet)}`).join('\n')
        : `Nothing matches "${query}".`,
    };
  },
};

export const evidenceListVerb: Verb = {
  words: ['evidence', 'list'],
  usage: `tpw evidence list [--kind <kind>] [--sensitivity <s>] [--tag <tag>] [--citizen] [--limit <n>] [--json]`,
  summary: 'List evidence items, newest first',
  options: { kind: { type: 'string' }, sensitivity: { type: 'string' }, tag: { type: 'string', multiple: true }, citizen: { type: 'boolean' }, limit: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const limitText = str(args, 'limit');
    const limit = limitText === undefined ? 500 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500');
    const page = unwrap(
      await wb!.dispatch('evidence.list', {
        limit,
        offset: 0,
        ...(str(args, 'kind') ? { kind: str(args, 'kind') as EvidenceKind } : {}),
        ...(str(args, 'sensitivity') ? { sensitivity: str(args, 'sensitivity') as (typeof SENSITIVITIES)[number] } : {}),
        ...(str(args, 'tag') ? { tag: str(args, 'tag') } : {}),
        ...(args.values.citizen === true ? { citizenPerspective: true } : {}),
      }),
    );
    return {
      json: page.items,
      text: page.items.length
        ? `${table(['Title', 'Kind', 'Sensitivity', 'Citizen', 'Files', 'Links', 'Id'], page.items.map((e) => [e.title.slice(0, 50), EVIDENCE_KIND_LABELS[e.kind], e.sensitivity, e.citizenPerspective ? 'yes' : '', e.attachmentCount, e.linkCount, e.id]))}\n${page.total} item(s)`
        : 'No evidence yet. Add some with `tpw evidence add --title …`.',
    };
  },
};

export const evidenceShowVerb: Verb = {
  words: ['evidence', 'show'],
  usage: 'tpw evidence show <evidenceId> [--json]',
  summary: 'Show one evidence item with its attachments and hypothesis links',
  options: {},
  needsDb: true,
  async run(args, wb) {
    const id = ById.shape.id.safeParse(args.positionals[0]);
    if (!id.success) throw new UsageError('Give the evidence id');
    const e = unwrap(await wb!.dispatch('evidence.get', { id: id.data }));
    const lines = [
      `${e.title}`,
      `  ${EVIDENCE_KIND_LABELS[e.kind]} · ${e.sensitivity}${e.citizenPerspective ? ' · citizen perspective' : ''}`,
      ...(e.summary ? [`  ${e.summary}`] : []),
      ...e.attachments.map((a) => `  file: ${a.fileName} (${kb(a.size)})`),
      ...e.links.map((l) => `  ${l.rating} (${l.weight}): ${l.hypothesisStatement}`),
    ];
    return { json: e, text: lines.join('\n') };
  },
};

export const evidenceReindexVerb: Verb = {
  words: ['evidence', 'reindex'],
  usage: 'tpw evidence reindex [--json]',
  summary: 'Read and index the text of attachments that have none yet (PDF, Word, Excel, e-mail, HTML, text; from bundles or older versions), and the suppliers of new spend files',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const r = unwrap(await wb!.dispatch('search.reindex', {}));
    const a = r.attachments;
    const lines = [
      a.indexed + a.noText + a.unreadable === 0 ? 'Every attachment’s text is already indexed.' : `Indexed the text of ${a.indexed} attachment(s).`,
      ...(a.noText ? [`${a.noText} had no text (scans or pictures: no text found).`] : []),
      ...(a.unreadable ? [`${a.unreadable} could not be read, or are not a kind of file whose text is read.`] : []),
      ...(r.spendFiles ? [`Indexed the suppliers of ${r.spendFiles} spend file(s).`] : []),
    ];
    return { json: { ...a, spendFiles: r.spendFiles }, text: lines.join('\n') };
  },
};

export const evidencePseudonymiseVerb: Verb = {
  words: ['evidence', 'pseudonymise'],
  usage: 'tpw evidence pseudonymise <evidenceId> --name <name> --label <label> [--json]',
  summary: 'Replace a person’s name with a label throughout an item, its quotes and its files’ text (one change, in the item’s history)',
  options: { name: { type: 'string' }, label: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const id = ById.shape.id.safeParse(args.positionals[0]);
    if (!id.success) throw new UsageError('Give the evidence id');
    const item = unwrap(await wb!.dispatch('evidence.get', { id: id.data }));
    const r = unwrap(await wb!.dispatch('evidence.pseudonymise', { evidenceId: item.id, rev: item.rev, name: str(args, 'name', true), label: str(args, 'label', true) }));
    return { json: r, text: `Replaced ${r.item + r.quotes + r.attachments} occurrence(s): ${r.item} in the item, ${r.quotes} in its quotes, ${r.attachments} in its files’ text.` };
  },
};

export const quoteAddVerb: Verb = {
  words: ['quote', 'add'],
  usage: 'tpw quote add <evidenceId> --text <passage> [--code <name>]… [--speaker <name>] [--citizen|--not-citizen] [--json]',
  summary: 'Save a passage of an item as a quote, with codes (new code names are added to the code book)',
  options: { text: { type: 'string' }, code: { type: 'string', multiple: true }, speaker: { type: 'string' }, citizen: { type: 'boolean' }, 'not-citizen': { type: 'boolean' } },
  needsDb: true,
  async run(args, wb) {
    const id = ById.shape.id.safeParse(args.positionals[0]);
    if (!id.success) throw new UsageError('Give the evidence id');
    const book = unwrap(await wb!.dispatch('code.list', {}));
    const codeIds: string[] = [];
    for (const name of list(args, 'code')) {
      const found = book.find((c) => c.name.toLowerCase() === name.trim().toLowerCase());
      codeIds.push(found ? found.id : unwrap(await wb!.dispatch('code.add', { name, description: null })).id);
    }
    const citizen = args.values.citizen === true ? true : args.values['not-citizen'] === true ? false : undefined;
    const q = unwrap(
      await wb!.dispatch('quote.add', { evidenceId: id.data, text: str(args, 'text', true), speaker: str(args, 'speaker') ?? null, codeIds, ...(citizen === undefined ? {} : { citizenPerspective: citizen }) }),
    );
    return { json: q, text: `Added quote ${q.id}` };
  },
};

export const quoteLinkVerb: Verb = {
  words: ['quote', 'link'],
  usage: `tpw quote link <quoteId> <hypothesisId> --rating ${ACH_RATINGS.join('|')} [--credibility ${LINK_WEIGHTS.join('|')}] [--relevance ${LINK_WEIGHTS.join('|')}] [--note <text>]`,
  summary: 'Rate a quote against a hypothesis, as items are',
  options: { rating: { type: 'string' }, credibility: { type: 'string' }, relevance: { type: 'string' }, note: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const [quoteId, hypothesisId] = args.positionals;
    if (!quoteId || !hypothesisId) throw new UsageError('Give the quote id and the hypothesis id');
    const rating = str(args, 'rating');
    if (!rating) throw new UsageError('--rating is required');
    const link = unwrap(
      await wb!.dispatch('quote.link', {
        quoteId,
        hypothesisId,
        rating: rating.toUpperCase() as (typeof ACH_RATINGS)[number],
        credibility: (str(args, 'credibility') ?? 'medium') as (typeof LINK_WEIGHTS)[number],
        relevance: (str(args, 'relevance') ?? 'medium') as (typeof LINK_WEIGHTS)[number],
        note: str(args, 'note') ?? null,
      }),
    );
    return { json: link, text: `Linked: rated ${link.rating} (credibility ${link.credibility}, relevance ${link.relevance}) — link id ${link.id}` };
  },
};

/** `tpw` verbs of the evidence capability. */
export const evidenceVerbs: Verb[] = [
  evidenceAddVerb,
  evidenceLinkVerb,
  evidenceSearchVerb,
  evidenceListVerb,
  evidenceShowVerb,
  evidenceReindexVerb,
  evidencePseudonymiseVerb,
  quoteAddVerb,
  quoteLinkVerb,
];
