/**
 * Quotes (highlights): passages of an item's notes or attachment text, coded, attributed and
 * rated against hypotheses. A quote belongs to its item (same sensitivity, same recycle bin
 * fate: a deleted item hides its quotes from the matrix, the search and the report).
 */
import { highestMarking, type SecurityMarking } from '../../shared/domain/marking';
import type { z } from 'zod';
import type { Quote, QuoteFilter, QuoteInput, QuoteLink, QuoteView } from '../../shared/domain/quotes';
import type { AchRating, LinkWeight, Sensitivity } from '../../shared/domain/evidence';
import { AppError } from '../../shared/errors';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore, type Trx } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { recordOps, type AnyDb } from '../db/records';
import { requireHypothesis } from '../hypotheses/queries';
import { evidenceAttachments, evidenceCodes, evidenceItems, evidenceQuoteLinks, evidenceQuotes } from './records';

const quotes = recordStore(evidenceQuotes);
const quoteLinks = recordStore(evidenceQuoteLinks);
// Not evidence/queries: it re-exports listQuotes from here (an import cycle).
const items = recordOps(evidenceItems);

/** Every code named must be a live code of the book. */
async function checkCodes(db: AnyDb, codeIds: readonly string[]): Promise<void> {
  if (codeIds.length === 0) return;
  const live = (await db.selectFrom(evidenceCodes.table).select('id').where('id', 'in', codeIds).where('deletedAt', 'is', null).execute()) as { id: string }[];
  if (live.length !== new Set(codeIds).size) throw new AppError('INVALID_INPUT', 'One of those codes does not exist (it may have been merged or deleted). Choose codes from the code book.', { codeIds: 'Choose codes from the code book' });
}

export async function addQuote(ctx: ServiceContext, input: z.output<typeof QuoteInput>): Promise<Quote> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const item = await items.get(trx, input.evidenceId);
    let fileMarking: string | null = null;
    if (input.attachmentId) {
      const a = (await trx.selectFrom(evidenceAttachments.table).select(['evidenceId', 'deletedAt', 'marking']).where('id', '=', input.attachmentId).executeTakeFirst()) as
        | { evidenceId: string; deletedAt: string | null; marking: string }
        | undefined;
      if (!a || a.deletedAt !== null || a.evidenceId !== input.evidenceId) throw new AppError('INVALID_INPUT', 'That attachment is not one of this item’s files.', { attachmentId: 'Choose one of the item’s files' });
      fileMarking = a.marking;
    }
    await checkCodes(trx, input.codeIds);
    // Unless chosen, a quote is marked as high as what it was taken from (its item, and its file).
    const marking = input.marking ?? highestMarking([item.marking, fileMarking]);
    return (await quotes.insertIn(trx, w, { ...input, marking, citizenPerspective: input.citizenPerspective ?? item.citizenPerspective })) as Quote;
  });
}

export async function updateQuote(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof evidenceQuotes> }): Promise<Quote> {
  return inWriteTransaction(ctx, async (trx, w) => {
    if (input.patch.codeIds) await checkCodes(trx, input.patch.codeIds);
    // Where a quote came from is fixed; only what is said about it changes.
    const { evidenceId: _e, attachmentId: _a, startOffset: _s, ...patch } = input.patch;
    return (await quotes.updateIn(trx, w, { id: input.id, rev: input.rev, patch })) as Quote;
  });
}

export async function deleteQuote(ctx: ServiceContext, input: { id: string; rev: string }): Promise<Quote> {
  return (await quotes.remove(ctx, input)) as Quote;
}

const requireQuote = async (db: AnyDb, id: string) => (await quotes.get(db, id)) as Quote;

async function liveQuoteLink(trx: Trx, quoteId: string, hypothesisId: string) {
  return trx.selectFrom('evidenceQuoteLinks').selectAll().where('quoteId', '=', quoteId).where('hypothesisId', '=', hypothesisId).where('deletedAt', 'is', null).executeTakeFirst();
}

export async function linkQuote(
  ctx: ServiceContext,
  input: { quoteId: string; hypothesisId: string; rating: AchRating; credibility: LinkWeight; relevance: LinkWeight; note: string | null },
): Promise<QuoteLink> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await requireQuote(trx, input.quoteId);
    await requireHypothesis(trx, input.hypothesisId);
    if (await liveQuoteLink(trx, input.quoteId, input.hypothesisId)) {
      throw new AppError('CONFLICT', 'This quote is already linked to that hypothesis. Change its rating instead of linking it again.');
    }
    return (await quoteLinks.insertIn(trx, w, input)) as QuoteLink;
  });
}

export async function updateQuoteLink(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof evidenceQuoteLinks> }): Promise<QuoteLink> {
  const { quoteId: _q, hypothesisId: _h, ...patch } = input.patch;
  return (await quoteLinks.update(ctx, { id: input.id, rev: input.rev, patch })) as QuoteLink;
}

export async function unlinkQuote(ctx: ServiceContext, input: { id: string; rev: string }): Promise<QuoteLink> {
  return (await quoteLinks.remove(ctx, input)) as QuoteLink;
}

/** The matrix's in-place edit for a quote row: sets, changes or (null) removes the pair's link. */
export async function rateQuote(
  ctx: ServiceContext,
  input: { quoteId: string; hypothesisId: string; rating: AchRating | null; credibility?: LinkWeight | undefined; relevance?: LinkWeight | undefined },
): Promise<QuoteLink | null> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await requireQuote(trx, input.quoteId);
    await requireHypothesis(trx, input.hypothesisId);
    const current = await liveQuoteLink(trx, input.quoteId, input.hypothesisId);
    if (input.rating === null) {
      if (current) await quoteLinks.removeIn(trx, w, current);
      return null;
    }
    const levels = { ...(input.credibility ? { credibility: input.credibility } : {}), ...(input.relevance ? { relevance: input.relevance } : {}) };
    if (!current) return (await quoteLinks.insertIn(trx, w, { quoteId: input.quoteId, hypothesisId: input.hypothesisId, rating: input.rating, note: null, ...levels })) as QuoteLink;
    return (await quoteLinks.updateIn(trx, w, { id: current.id, rev: current.rev, patch: { rating: input.rating, ...levels } })) as QuoteLink;
  });
}

/** Live quotes of live items, with their item's title and sensitivity and their file's name. */
const quoteQuery = (ctx: ServiceContext) =>
  ctx.db
    .selectFrom('evidenceQuotes as q')
    .innerJoin('evidenceItems as e', 'e.id', 'q.evidenceId')
    .leftJoin('evidenceAttachments as a', 'a.id', 'q.attachmentId')
    .selectAll('q')
    .select(['e.title as itemTitle', 'e.sensitivity', 'a.fileName'])
    .where('q.deletedAt', 'is', null)
    .where('e.deletedAt', 'is', null);
type QuoteRow = Awaited<ReturnType<ReturnType<typeof quoteQuery>['execute']>>[number];

/** Quotes with their codes, item and links, for pages and the report. */
export async function listQuotes(ctx: ServiceContext, f: z.output<typeof QuoteFilter>): Promise<QuoteView[]> {
  let q = quoteQuery(ctx);
  if (f.evidenceId) q = q.where('q.evidenceId', '=', f.evidenceId);
  if (f.citizenPerspective !== undefined) q = q.where('q.citizenPerspective', '=', f.citizenPerspective ? 1 : 0);
  if (f.codeId) {
    const code = f.codeId;
    q = q.where((eb) => eb.exists(eb.selectFrom(eb.fn<{ value: string }>('json_each', ['q.codeIds']).as('j')).select('j.value').where('j.value', '=', code)));
  }
  if (f.hypothesisId) {
    const hid = f.hypothesisId;
    q = q.where((eb) => eb.exists(eb.selectFrom('evidenceQuoteLinks as l').select('l.id').whereRef('l.quoteId', '=', 'q.id').where('l.hypothesisId', '=', hid).where('l.deletedAt', 'is', null)));
  }
  return viewsOf(ctx, await q.orderBy('q.createdAt').limit(f.limit).execute());
}

async function viewsOf(ctx: ServiceContext, rows: QuoteRow[]): Promise<QuoteView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const codeIds = [...new Set(rows.flatMap((r) => JSON.parse(r.codeIds) as string[]))];
  const codes = codeIds.length ? await ctx.db.selectFrom('evidenceCodes').select(['id', 'name']).where('id', 'in', codeIds).where('deletedAt', 'is', null).execute() : [];
  const codeName = new Map(codes.map((c) => [c.id, c.name]));
  const links = await ctx.db
    .selectFrom('evidenceQuoteLinks as l')
    .innerJoin('hypotheses as h', 'h.id', 'l.hypothesisId')
    .selectAll('l')
    .select('h.statement as hypothesisStatement')
    .where('l.quoteId', 'in', ids)
    .where('l.deletedAt', 'is', null)
    .where('h.deletedAt', 'is', null)
    .orderBy('h.createdAt')
    .execute();
  return rows.map((r) => {
    const ids = JSON.parse(r.codeIds) as string[];
    return {
      id: r.id,
      rev: r.rev,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      deletedAt: r.deletedAt,
      evidenceId: r.evidenceId,
      attachmentId: r.attachmentId,
      text: r.text,
      startOffset: r.startOffset,
      speaker: r.speaker,
      citizenPerspective: r.citizenPerspective === 1,
      codeIds: ids,
      note: r.note,
      marking: r.marking as SecurityMarking,
      itemTitle: r.itemTitle,
      sensitivity: r.sensitivity as Sensitivity,
      source: r.fileName ?? 'Notes',
      codes: ids.flatMap((id) => (codeName.has(id) ? [{ id, name: codeName.get(id)! }] : [])),
      links: links.filter((l) => l.quoteId === r.id).map((l) => ({ ...l, rating: l.rating as AchRating, credibility: l.credibility as LinkWeight, relevance: l.relevance as LinkWeight })),
    };
  });
}

export async function getQuote(ctx: ServiceContext, id: string): Promise<QuoteView> {
  await requireQuote(ctx.db, id);
  const [view] = await viewsOf(ctx, await quoteQuery(ctx).where('q.id', '=', id).execute());
  if (!view) throw new AppError('NOT_FOUND', 'This quote’s evidence item is in the recycle bin. Restore the item to see its quotes.');
  return view;
}
