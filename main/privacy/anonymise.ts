/**
 * Anonymising an item at review: the record stays (its kind, organisation, theme, dates and its
 * ratings against hypotheses, which the analysis rests on), what could identify a person goes.
 *  - its quotes and attachments are erased outright (with tombstones, as any erasure);
 *  - its title becomes "Anonymised <kind>", its notes, source, collector and tags are cleared, and
 *    personal data becomes team-only (there is no longer anything personal in it);
 *  - the notes of its links are cleared;
 *  - every older revision of the item and its links is removed, so history does not keep the text;
 * then the file is compacted as after an erasure. The erasure log records it (action "anonymise").
 */
import type { EraseResult } from '../../shared/domain/privacy';
import { EVIDENCE_KIND_LABELS, type EvidenceKind } from '../../shared/domain/evidence';
import { writeContext, type ServiceContext } from '../core/context';
import { RECORD_TABLES } from '../core/recordTables';
import { newId } from '../db/ids';
import { updateRecord } from '../db/records';
import { reportsShowing, snapshotsBefore } from './copies';
import { compact, deleteTargets, labelOf, needlesOf, partsOf, plan, removeFiles, writeLog } from './erase';

export async function anonymiseItem(ctx: ServiceContext, input: { id: string; reason: string }): Promise<EraseResult> {
  const w = await writeContext(ctx);
  const sqlite = ctx.sqlite;
  sqlite.pragma('secure_delete = ON');
  const items = RECORD_TABLES.evidenceItems!;
  const links = RECORD_TABLES.evidenceLinks!;
  const done = await ctx.db.transaction().execute(async (trx) => {
    const { root, targets } = plan(sqlite, input.id);
    const label = labelOf(sqlite, root);
    const needles = needlesOf(sqlite, targets);
    // Quotes and attachments (and what refers to them) go; the item and its own links stay.
    // A link in the recycle bin goes too: its note cannot be cleared without restoring it.
    const deletedLink = (id: string) => (sqlite.prepare('SELECT deleted_at AS d FROM evidence_links WHERE id = ?').get(id) as { d: string | null } | undefined)?.d != null;
    const gone = targets.filter((t) => t !== root && (t.spec.table !== 'evidenceLinks' || deletedLink(t.id)));
    const { blobs, revisions } = deleteTargets(sqlite, gone, w.now);
    for (const t of gone.filter((g) => g.spec.table === 'evidenceQuotes' || g.spec.table === 'evidenceAttachments')) {
      sqlite.prepare('INSERT INTO erasure_tombstones (id, record_table, record_id, erased_at) VALUES (?, ?, ?, ?)').run(newId(), t.spec.table, t.id, w.now);
    }
    const item = sqlite.prepare('SELECT rev, kind, sensitivity FROM evidence_items WHERE id = ?').get(root.id) as { rev: string; kind: EvidenceKind; sensitivity: string };
    const updated = await updateRecord(trx, items, root.id, item.rev, {
      title: `Anonymised ${EVIDENCE_KIND_LABELS[item.kind].toLowerCase()}`,
      summary: null,
      source: null,
      collectedBy: null,
      tags: [],
      pseudonymised: [],
      sensitivity: item.sensitivity === 'personal' ? 'team' : item.sensitivity,
    }, w);
    let older = sqlite.prepare('DELETE FROM record_revisions WHERE table_name = ? AND record_id = ? AND rev <> ?').run('evidenceItems', root.id, updated.rev).changes;
    for (const l of sqlite.prepare('SELECT id, rev, note FROM evidence_links WHERE evidence_id = ? AND deleted_at IS NULL').all(root.id) as { id: string; rev: string; note: string | null }[]) {
      const rev = l.note === null ? l.rev : ((await updateRecord(trx, links, l.id, l.rev, { note: null }, w)) as { rev: string }).rev;
      older += sqlite.prepare('DELETE FROM record_revisions WHERE table_name = ? AND record_id = ? AND rev <> ?').run('evidenceLinks', l.id, rev).changes;
    }
    sqlite.prepare('DELETE FROM retention_reviews WHERE evidence_id = ?').run(root.id);
    sqlite
      .prepare("INSERT INTO retention_reviews (evidence_id, review_on, decision, reason, decided_at, decided_by) VALUES (?, NULL, 'anonymise', ?, ?, ?)")
      .run(root.id, input.reason, w.now, w.actor);
    const counts = { ...partsOf(gone, root), revisions: revisions + older, files: blobs.length };
    return { log: writeLog(sqlite, { at: w.now, actor: w.actor, root, label, reason: input.reason, action: 'anonymise', source: 'retention', counts }), blobs, needles };
  });
  const blobsRemoved = await removeFiles(ctx, done.blobs);
  const walTruncated = compact(sqlite);
  return { log: done.log, olderSnapshots: snapshotsBefore(ctx, w.now), blobsRemoved, walTruncated, reportVersions: reportsShowing(ctx, done.needles) };
}
