/** Evidence items: add (with attachments), edit, delete, read one, and the paged, filtered list. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  EvidenceAttachment,
  EvidenceDetail,
  EvidenceFilter,
  EvidenceInput,
  EvidenceItem,
  EvidenceLink,
  EvidenceListRow,
  EvidencePage,
  EvidenceSort,
  TextStatus,
} from '../../shared/domain/evidence';
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, SENSITIVITIES } from '../../shared/domain/evidence';
import { AppError } from '../../shared/errors';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore, type Trx } from '../core/recordStore';
import type { FileSource } from './sources';
import { ftsQuery } from './search';
import type { ServiceContext } from '../core/context';
import { defaultMarking } from '../pilot/queries';
import { evidenceItems } from './records';
import { discardUploads, insertAttachmentRows, sourcesFromUploads, withStoredFiles } from './attachments';

type NewEvidence = Omit<z.output<typeof EvidenceInput>, 'uploadIds'>;

const items = recordStore(evidenceItems);

/** Organisation and theme must be live records: say which one is missing rather than "a foreign key failed". */
async function checkRefs(trx: Trx, data: { organisationId?: string | null; themeId?: string | null }): Promise<void> {
  if (data.organisationId) {
    const org = await trx.selectFrom('organisations').select('id').where('id', '=', data.organisationId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!org) throw new AppError('INVALID_INPUT', 'That organisation does not exist (it may have been deleted).', { organisationId: 'Choose an organisation from the list' });
  }
  if (data.themeId) {
    const theme = await trx.selectFrom('themes').select('id').where('id', '=', data.themeId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!theme) throw new AppError('INVALID_INPUT', 'That theme does not exist (it may have been deleted).', { themeId: 'Choose a theme from the list' });
  }
}

/** Adds an item and its files in one go: either all of it is saved, or none of it. */
export async function addEvidence(ctx: ServiceContext, data: NewEvidence, sources: readonly FileSource[] = []): Promise<EvidenceDetail> {
  const id = await withStoredFiles(ctx, sources, async (trx, files, w) => {
    await checkRefs(trx, data);
    const item = await items.insertIn(trx, w, { ...data, marking: data.marking ?? (await defaultMarking(ctx, trx)) });
    await insertAttachmentRows(trx, item.id, files, w);
    return item.id;
  });
  return getEvidence(ctx, id);
}

export async function addEvidenceWithUploads(ctx: ServiceContext, input: z.output<typeof EvidenceInput>): Promise<EvidenceDetail> {
  const { uploadIds, ...data } = input;
  try {
    return await addEvidence(ctx, data, await sourcesFromUploads(ctx, uploadIds));
  } finally {
    await discardUploads(ctx, uploadIds);
  }
}

export async function updateEvidence(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof evidenceItems> }): Promise<EvidenceItem> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await checkRefs(trx, input.patch);
    return items.updateIn(trx, w, input);
  });
}

/** Moves the item to the recycle bin. Its links and attachments stay with it and come back on restore. */
export async function deleteEvidence(ctx: ServiceContext, input: { id: string; rev: string }): Promise<EvidenceItem> {
  return items.remove(ctx, input);
}

export async function getEvidence(ctx: ServiceContext, id: string): Promise<EvidenceDetail> {
  const item = await items.get(ctx.db, id);
  const attachments = await ctx.db
    .selectFrom('evidenceAttachments as a')
    .leftJoin('evidenceBlobText as t', 't.sha256', 'a.sha256')
    .selectAll('a')
    .select(['t.status', 't.detail', 't.truncated'])
    .where('a.evidenceId', '=', id)
    .where('a.deletedAt', 'is', null)
    .orderBy('a.createdAt')
    .execute();
  const links = await ctx.db
    .selectFrom('evidenceLinks as l')
    .innerJoin('hypotheses as h', 'h.id', 'l.hypothesisId')
    .selectAll('l')
    .select('h.statement as hypothesisStatement')
    .where('l.evidenceId', '=', id)
    .where('l.deletedAt', 'is', null)
    .where('h.deletedAt', 'is', null)
    .orderBy('h.createdAt')
    .execute();
  return {
    ...item,
    attachments: attachments.map(({ status, detail, truncated, ...a }) => ({
      ...(a as EvidenceAttachment),
      text: { status: (status ?? 'pending') as TextStatus, detail: detail ?? null, truncated: truncated === 1 },
    })),
    links: links.map((l) => ({ ...l, credibility: l.credibility ?? l.weight, relevance: l.relevance ?? l.weight })) as (EvidenceLink & { hypothesisStatement: string })[],
  };
}

/** A column's place in a fixed list of its (constant, known) values. */
const rankOf = (column: string, values: readonly string[]): string => `case ${column} ${values.map((v, i) => `when '${v}' then ${i}`).join(' ')} else ${values.length} end`;

/** What each sort means in SQL: a whitelist, so nothing a caller sends reaches the query text. */
const SORT_SQL: Record<EvidenceSort, { by: string; blanks?: string }> = {
  added: { by: 'e.created_at' },
  title: { by: 'e.title collate nocase' },
  // By the names people read, in the reader's alphabet (and by how closely held, least first).
  kind: { by: rankOf('e.kind', [...EVIDENCE_KINDS].sort((a, b) => EVIDENCE_KIND_LABELS[a].localeCompare(EVIDENCE_KIND_LABELS[b], 'en-GB'))) },
  sensitivity: { by: rankOf('e.sensitivity', SENSITIVITIES) },
  observed: { by: 'e.observed_on', blanks: 'e.observed_on is null' },
  updated: { by: 'e.updated_at' },
  links: { by: '(select count(*) from evidence_links l where l.evidence_id = e.id and l.deleted_at is null)' },
  files: { by: '(select count(*) from evidence_attachments a where a.evidence_id = e.id and a.deleted_at is null)' },
};

/**
 * The list's order: newest first unless a sort is asked for; blanks last whichever way; ties
 * broken by id (in the same direction) so pages never overlap or skip an item.
 */
function sortOrder(sort: EvidenceSort | undefined, direction: 'asc' | 'desc' | undefined) {
  const { by, blanks } = SORT_SQL[sort ?? 'added'];
  const dir = (direction ?? (sort ? 'asc' : 'desc')) === 'desc' ? 'desc' : 'asc';
  return sql.raw(`${blanks ? `${blanks}, ` : ''}${by} ${dir}, e.id ${dir}`);
}

/** One page of the list, newest first or as asked, with every filter applied together (AND). */
export async function listEvidence(ctx: ServiceContext, f: z.output<typeof EvidenceFilter>): Promise<EvidencePage> {
  let q = ctx.db.selectFrom('evidenceItems as e').where('e.deletedAt', 'is', null);
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  if (f.sensitivity) q = q.where('e.sensitivity', '=', f.sensitivity);
  if (f.organisationId) q = q.where('e.organisationId', '=', f.organisationId);
  if (f.themeId) q = q.where('e.themeId', '=', f.themeId);
  if (f.citizenPerspective !== undefined) q = q.where('e.citizenPerspective', '=', f.citizenPerspective ? 1 : 0);
  if (f.tag) q = q.where(sql<boolean>`exists (select 1 from json_each(e.tags) j where lower(j.value) = lower(${f.tag}))`);
  if (f.hypothesisId) {
    const hid = f.hypothesisId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('evidenceLinks as l').select('l.id').whereRef('l.evidenceId', '=', 'e.id').where('l.hypothesisId', '=', hid).where('l.deletedAt', 'is', null)),
    );
  }
  if (f.text) {
    const match = ftsQuery(f.text);
    if (!match) return { total: 0, offset: f.offset, items: [] };
    q = q.where(sql<boolean>`e.id in (select s.evidence_id from evidence_search_rows s where s.row_id in (select rowid from evidence_fts where evidence_fts match ${match}))`);
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  // The page's ids first, in order; then the columns (and the per-item counts) of those ids only:
  // SQLite computes a select list for every row it sorts, so counting links and files inside
  // the sorted query costs a count per item in the list, not per item on the page.
  const ids = (await q.select('e.id').orderBy(sortOrder(f.sort, f.direction)).limit(f.limit).offset(f.offset).execute()).map((r) => r.id);
  if (ids.length === 0) return { total, offset: f.offset, items: [] };
  const place = new Map(ids.map((id, i) => [id, i]));
  const rows = await ctx.db
    .selectFrom('evidenceItems as e')
    .where('e.id', 'in', ids)
    .select([
      'e.id',
      'e.rev',
      'e.title',
      'e.kind',
      'e.sensitivity',
      'e.marking',
      'e.citizenPerspective',
      'e.organisationId',
      'e.observedOn',
      'e.tags',
      'e.updatedAt',
      sql<number>`(select count(*) from evidence_attachments a where a.evidence_id = e.id and a.deleted_at is null)`.as('attachmentCount'),
      sql<number>`(select count(*) from evidence_links l where l.evidence_id = e.id and l.deleted_at is null)`.as('linkCount'),
    ])
    .execute();
  rows.sort((a, b) => place.get(a.id)! - place.get(b.id)!);
  const items = rows.map(
    (r): EvidenceListRow => ({
      ...(r as unknown as EvidenceListRow),
      citizenPerspective: r.citizenPerspective === 1,
      tags: JSON.parse(r.tags) as string[],
    }),
  );
  return { total, offset: f.offset, items };
}

/** Every tag in use, most used first: the tag filter's choices. */
export async function evidenceTags(ctx: ServiceContext): Promise<{ tag: string; count: number }[]> {
  const rows = await sql<{ tag: string; count: number }>`
    select j.value as tag, count(*) as count from evidence_items e, json_each(e.tags) j
    where e.deleted_at is null group by lower(j.value) order by count desc, tag limit 500`.execute(ctx.db);
  return rows.rows;
}
