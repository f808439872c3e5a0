/**
 * The text a quote is selected from (an item's notes, an attachment's text), and pseudonymising
 * a person's name throughout an item: its title, notes, source and tags, its quotes (text,
 * speaker, note), the notes of its links and its quotes' links, and the indexed text of its
 * attachments — in one transaction, recorded in the item's history as a new revision listing the
 * label used. The name itself is not recorded anywhere new. The attached files are not changed
 * (they are the evidence as received); their text as searched and shown here is.
 */
import type { EvidenceItem } from '../../shared/domain/evidence';
import type { PseudonymiseResult, SourceText } from '../../shared/domain/quotes';
import { AppError } from '../../shared/errors';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { evidenceItems, evidenceLinks, evidenceQuoteLinks, evidenceQuotes } from './records';

const items = recordStore(evidenceItems);
const quotes = recordStore(evidenceQuotes);
const links = recordStore(evidenceLinks);
const quoteLinks = recordStore(evidenceQuoteLinks);

/** The readable texts of an item: its notes first, then each live attachment. */
export async function sourceTexts(ctx: ServiceContext, evidenceId: string): Promise<SourceText[]> {
  const item = (await items.get(ctx.db, evidenceId)) as EvidenceItem;
  const files = await ctx.db
    .selectFrom('evidenceAttachments as a')
    .leftJoin('evidenceBlobText as t', 't.sha256', 'a.sha256')
    .leftJoin('evidenceAttachmentText as p', 'p.attachmentId', 'a.id')
    .select(['a.id', 'a.fileName', 't.status', 't.detail', 't.truncated', 't.text', 'p.text as pseudonymised'])
    .where('a.evidenceId', '=', evidenceId)
    .where('a.deletedAt', 'is', null)
    .orderBy('a.createdAt')
    .execute();
  return [
    { attachmentId: null, name: 'Notes', status: item.summary ? 'text' : 'empty', detail: null, truncated: false, text: item.summary ?? '' },
    ...files.map((f) => ({
      attachmentId: f.id,
      name: f.fileName,
      status: f.status ?? 'pending',
      detail: f.detail ?? null,
      truncated: f.truncated === 1,
      text: f.status === 'text' ? (f.pseudonymised ?? f.text ?? '') : '',
    })),
  ];
}

/** The name as a whole word or words, any case, any run of spaces between its words. */
export function nameMatcher(name: string): RegExp {
  const words = name.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
}

function replacer(name: string, label: string) {
  const re = nameMatcher(name);
  let count = 0;
  const apply = (s: string | null): string | null => {
    if (s === null) return null;
    return s.replace(re, () => {
      count++;
      return label;
    });
  };
  return { apply, take: () => { const n = count; count = 0; return n; } };
}

export async function pseudonymise(ctx: ServiceContext, input: { evidenceId: string; rev: string; name: string; label: string }): Promise<PseudonymiseResult> {
  if (nameMatcher(input.label).test(input.name) || nameMatcher(input.name).test(input.label)) {
    throw new AppError('INVALID_INPUT', 'The label must not contain the name it replaces.', { label: 'Choose a label without the name in it' });
  }
  return inWriteTransaction(ctx, async (trx, w) => {
    const item = (await items.get(trx, input.evidenceId)) as EvidenceItem;
    if (item.rev !== input.rev) throw new AppError('CONFLICT', 'This evidence item was changed by someone else since you opened it. Reload to see their changes; nothing was replaced.');
    const r = replacer(input.name, input.label);

    const title = r.apply(item.title)!;
    const summary = r.apply(item.summary);
    const source = r.apply(item.source);
    const tags = item.tags.map((t) => r.apply(t)!);
    const inItem = r.take();

    let inQuotes = 0;
    const qs = await trx.selectFrom('evidenceQuotes').selectAll().where('evidenceId', '=', item.id).where('deletedAt', 'is', null).execute();
    for (const q of qs) {
      const patch = { text: r.apply(q.text)!, speaker: r.apply(q.speaker), note: r.apply(q.note) };
      const n = r.take();
      if (n > 0) await quotes.updateIn(trx, w, { id: q.id, rev: q.rev, patch });
      inQuotes += n;
      for (const l of await trx.selectFrom('evidenceQuoteLinks').select(['id', 'rev', 'note']).where('quoteId', '=', q.id).where('deletedAt', 'is', null).execute()) {
        const note = r.apply(l.note);
        if (r.take() > 0) await quoteLinks.updateIn(trx, w, { id: l.id, rev: l.rev, patch: { note } });
      }
    }
    let inLinks = 0;
    for (const l of await trx.selectFrom('evidenceLinks').select(['id', 'rev', 'note']).where('evidenceId', '=', item.id).where('deletedAt', 'is', null).execute()) {
      const note = r.apply(l.note);
      const n = r.take();
      if (n > 0) await links.updateIn(trx, w, { id: l.id, rev: l.rev, patch: { note } });
      inLinks += n;
    }

    let inFiles = 0;
    const files = await trx
      .selectFrom('evidenceAttachments as a')
      .innerJoin('evidenceBlobText as t', 't.sha256', 'a.sha256')
      .leftJoin('evidenceAttachmentText as p', 'p.attachmentId', 'a.id')
      .select(['a.id', 't.text', 'p.text as pseudonymised'])
      .where('a.evidenceId', '=', item.id)
      .where('a.deletedAt', 'is', null)
      .where('t.status', '=', 'text')
      .execute();
    for (const f of files) {
      const text = r.apply(f.pseudonymised ?? f.text)!;
      const n = r.take();
      if (n === 0) continue;
      inFiles += n;
      await trx.insertInto('evidenceAttachmentText').values({ attachmentId: f.id, text }).onConflict((oc) => oc.column('attachmentId').doUpdateSet({ text })).execute();
    }

    if (inItem + inQuotes + inLinks + inFiles === 0) {
      throw new AppError('NOT_FOUND', `"${input.name}" does not appear in this item, its quotes or its files' text. Nothing was changed.`);
    }
    // Always a new revision of the item, so its history shows the pseudonymisation (by label only).
    const updated = (await items.updateIn(trx, w, {
      id: item.id,
      rev: item.rev,
      patch: { title, summary, source, tags, pseudonymised: [...item.pseudonymised, { label: input.label, at: w.now, by: w.actor }] },
    })) as EvidenceItem;
    return { item: inItem + inLinks, quotes: inQuotes, attachments: inFiles, rev: updated.rev };
  });
}
