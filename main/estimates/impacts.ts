/**
 * Impacts not valued in money (the Green Book lists them beside NPV and BCR): what changes, in
 * which direction, for whom, and the evidence behind it. They follow their intervention's
 * sensitivity, like its lines and links.
 */
import type { z } from 'zod';
import type { ImpactSummary } from '../../shared/calc/appraisal';
import type { ImpactView } from '../../shared/contract/estimates';
import type { NonMonetisedImpact, NonMonetisedImpactInput } from '../../shared/domain/estimates';
import type { PatchOf } from '../db/recordSpec';
import type { ServiceContext } from '../core/context';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import { requireEvidenceItem } from '../evidence/queries';
import { nextPosition } from './positions';
import * as tables from './records';

const impacts = recordStore(tables.nonMonetisedImpacts);
const interventions = recordStore(tables.interventions);

/** Live impacts of live interventions (one intervention's, or all), with their evidence's title. */
export async function impactsOf(ctx: ServiceContext, interventionId?: string): Promise<ImpactView[]> {
  let q = ctx.db
    .selectFrom('nonMonetisedImpacts')
    .innerJoin('interventions', 'interventions.id', 'nonMonetisedImpacts.interventionId')
    .leftJoin('evidenceItems', 'evidenceItems.id', 'nonMonetisedImpacts.evidenceId')
    .selectAll('nonMonetisedImpacts')
    .select(['evidenceItems.title as evidenceTitle', 'evidenceItems.deletedAt as evidenceDeletedAt'])
    .where('nonMonetisedImpacts.deletedAt', 'is', null)
    .where('interventions.deletedAt', 'is', null);
  if (interventionId) q = q.where('nonMonetisedImpacts.interventionId', '=', interventionId);
  const rows = await q.orderBy('nonMonetisedImpacts.position').orderBy('nonMonetisedImpacts.createdAt').execute();
  return rows.map((r) => {
    const { evidenceTitle, evidenceDeletedAt, ...impact } = r;
    return { ...impacts.toDomain(impact), evidenceTitle: impact.evidenceId ? (evidenceDeletedAt ? '(deleted)' : (evidenceTitle ?? '(deleted)')) : null };
  });
}

export const impactSummaries = (views: readonly ImpactView[], interventionName?: (id: string) => string | undefined): ImpactSummary[] =>
  views.map((v) => {
    const name = interventionName?.(v.interventionId);
    return {
      description: v.description,
      direction: v.direction,
      affected: v.affected,
      evidence: v.evidenceId ? { id: v.evidenceId, title: v.evidenceTitle ?? '(deleted)' } : null,
      ...(name ? { intervention: { id: v.interventionId, name } } : {}),
    };
  });

export async function addImpact(ctx: ServiceContext, input: z.output<typeof NonMonetisedImpactInput>): Promise<NonMonetisedImpact> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const intervention = await interventions.get(trx, input.interventionId);
    if (input.evidenceId) await requireEvidenceItem(trx, input.evidenceId);
    const position = input.position ?? (await nextPosition(trx, 'nonMonetisedImpacts', intervention.id));
    return impacts.insertIn(trx, w, { ...input, position, sensitivity: intervention.sensitivity });
  });
}

export async function updateImpact(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof tables.nonMonetisedImpacts> }): Promise<NonMonetisedImpact> {
  return inWriteTransaction(ctx, async (trx, w) => {
    if (input.patch.evidenceId) await requireEvidenceItem(trx, input.patch.evidenceId);
    const { sensitivity: _own, interventionId: _moved, ...patch } = input.patch;
    return impacts.updateIn(trx, w, { id: input.id, rev: input.rev, patch });
  });
}

export const deleteImpact = (ctx: ServiceContext, input: { id: string; rev: string }): Promise<NonMonetisedImpact> => impacts.remove(ctx, input);
