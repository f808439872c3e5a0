/**
 * Writing the report's narrative: one record per place in the report (the executive summary, the
 * introduction, each section's and each hypothesis's commentary), saved at the revision the writer
 * started from. Each save is a revision in the record's history; a stale save is refused.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Narrative, NarrativeSave, NarrativeSlot } from '../../shared/domain/report';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import { requireHypothesis } from '../hypotheses/queries';
import { reportNarratives } from './records';

const store = recordStore(reportNarratives);

const slotKey = (s: NarrativeSlot): string =>
  s.kind === 'section' ? `section:${s.sectionId}` : s.kind === 'hypothesis' ? `hypothesis:${s.hypothesisId}` : s.kind;

/**
 * The record id of a place in the report: the same on every installation (a UUID-shaped SHA-256 of
 * the place, version nibble 8 — RFC 9562's "custom" UUID — so it can never equal a random v7 id).
 */
export function narrativeId(slot: NarrativeSlot): string {
  const h = createHash('sha256').update(`tpw-report-narrative\u0000${slotKey(slot)}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const view = (r: { id: string; rev: string; kind: Narrative['kind']; sectionId: string | null; hypothesisId: string | null; body: string; updatedAt: string }): Narrative => ({
  id: r.id,
  rev: r.rev,
  kind: r.kind,
  sectionId: r.sectionId,
  hypothesisId: r.hypothesisId,
  body: r.body,
  updatedAt: r.updatedAt,
});

export async function listNarratives(ctx: ServiceContext): Promise<Narrative[]> {
  const rows = await ctx.db.selectFrom('reportNarratives').selectAll().where('deletedAt', 'is', null).orderBy('kind').orderBy('id').execute();
  return rows.map((r) => view(store.toDomain(r)));
}

/** Live narratives by place: what the report renders. */
export async function narrativesBySlot(ctx: ServiceContext): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const n of await listNarratives(ctx)) {
    const slot = n.kind === 'section' ? { kind: n.kind, sectionId: n.sectionId! } : n.kind === 'hypothesis' ? { kind: n.kind, hypothesisId: n.hypothesisId! } : { kind: n.kind };
    if (n.body.trim()) out.set(slotKey(slot as NarrativeSlot), n.body);
  }
  return out;
}

export const narrativeKey = slotKey;

const stale = () =>
  new AppError('CONFLICT', 'Someone else changed this text since you opened it. Copy your wording, reload to see theirs, then save again; yours was not saved.');

export async function saveNarrative(ctx: ServiceContext, input: z.output<typeof NarrativeSave>): Promise<Narrative> {
  const { slot, body, rev } = input;
  const id = narrativeId(slot);
  return inWriteTransaction(ctx, async (trx, w) => {
    if (slot.kind === 'hypothesis') await requireHypothesis(trx, slot.hypothesisId); // "Hypothesis was not found"
    const current = await trx.selectFrom('reportNarratives').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) {
      if (rev !== null) throw stale();
      const fields = {
        kind: slot.kind,
        sectionId: slot.kind === 'section' ? slot.sectionId : null,
        hypothesisId: slot.kind === 'hypothesis' ? slot.hypothesisId : null,
        body,
      };
      return view(await store.insertIn(trx, w, fields, { id }));
    }
    if (current.rev !== rev) throw stale();
    let live = current;
    if (current.deletedAt !== null) {
      const restored = await store.restoreIn(trx, w, id);
      live = { ...current, rev: restored.rev, deletedAt: null };
    }
    return view(await store.updateIn(trx, w, { id, rev: live.rev, patch: { body } }));
  });
}
